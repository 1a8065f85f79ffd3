import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../src-main/api/receiverTypes';
import { EventBus } from '../../src-main/engine/eventBus';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { openDatabase } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { openStore } from '../../src-main/engine/store/store';
import { receiverTempDb } from '../support/receiverTmp';
import { httpRequest, quietLog, receiversPerTest, TargetServer, type ReceiverHarness } from '../support/receiverClient';
import { thrownHookbenchError } from '../support/thrown';

const { harness, cleanups } = receiversPerTest();

async function target(): Promise<TargetServer> {
  const t = await new TargetServer({ status: 200, body: 'ok' }).start();
  cleanups.push(() => t.stop());
  return t;
}

const event = (type: string) => JSON.stringify({ id: `evt_${type}`, object: 'event', type, data: {} });
const post = (h: ReceiverHarness, inbox: Inbox, body: string, headers: Record<string, string> = {}) =>
  h.send(`/in/${inbox.slug}`, { headers: { 'content-type': 'application/json', ...headers }, body });

describe('forwarding per event type', () => {
  it('sends payment_intent.* to one server, customer.* to another, and everything else to forward-to', async () => {
    const h = await harness();
    const [payments, customers, fallback] = [await target(), await target(), await target()];
    const inbox = h.receiver.inboxes.create({
      name: 'routes',
      scheme: 'none',
      forwardTo: `${fallback.url}/all`,
      forwardRoutes: [
        { events: ['payment_intent.*'], url: `${payments.url}/pay` },
        { events: ['customer.created', 'customer.*'], url: `${customers.url}/cust` },
      ],
    });

    const paid = await post(h, inbox, event('payment_intent.succeeded'));
    const customer = await post(h, inbox, event('customer.updated'));
    const invoice = await post(h, inbox, event('invoice.paid'));

    expect(payments.calls.map((c) => c.url)).toEqual(['/pay']);
    expect(JSON.parse(payments.calls[0]!.body.toString()).type).toBe('payment_intent.succeeded');
    expect(customers.calls.map((c) => c.url)).toEqual(['/cust']);
    expect(fallback.calls.map((c) => c.url)).toEqual(['/all']);
    expect(h.receiver.requests.get(paid.stored.id).forward).toMatchObject({
      url: `${payments.url}/pay`,
      eventType: 'payment_intent.succeeded',
      matched: 'payment_intent.*',
      status: 200,
    });
    expect(h.receiver.requests.get(customer.stored.id).forward).toMatchObject({
      url: `${customers.url}/cust`,
      matched: 'customer.*',
    });
    expect(h.receiver.requests.get(invoice.stored.id).forward).toMatchObject({
      url: `${fallback.url}/all`,
      eventType: 'invoice.paid',
      matched: null,
    });
  });

  it('checks routes in order: the first match wins even when a later one also matches', async () => {
    const h = await harness();
    const [first, second] = [await target(), await target()];
    const inbox = h.receiver.inboxes.create({
      name: 'order',
      scheme: 'none',
      forwardRoutes: [
        { events: ['payment_intent.succeeded'], url: first.url },
        { events: ['*'], url: second.url },
      ],
    });
    await post(h, inbox, event('payment_intent.succeeded'));
    await post(h, inbox, event('payment_intent.created'));
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
    expect(JSON.parse(second.calls[0]!.body.toString()).type).toBe('payment_intent.created');
  });

  it('does not forward a request no route matches when the inbox has no forward-to', async () => {
    const h = await harness();
    const payments = await target();
    const inbox = h.receiver.inboxes.create({
      name: 'no fallback',
      scheme: 'none',
      forwardRoutes: [{ events: ['payment_intent.*'], url: payments.url }],
    });
    const other = await post(h, inbox, event('customer.created'));
    const untyped = await post(h, inbox, '{"hello":"world"}');
    expect(payments.calls).toHaveLength(0);
    expect(h.receiver.requests.get(other.stored.id).forward).toBeNull();
    expect(h.receiver.requests.get(untyped.stored.id).forward).toBeNull();
  });

  it("reads the event type from the sender's event header (GitHub) before the body", async () => {
    const h = await harness();
    const [pushes, rest] = [await target(), await target()];
    const inbox = h.receiver.inboxes.create({
      name: 'github',
      scheme: 'auto',
      forwardTo: rest.url,
      forwardRoutes: [{ events: ['push'], url: pushes.url }],
    });
    const pushed = await post(h, inbox, event('not.this'), { 'X-GitHub-Event': 'push' });
    expect(pushes.calls).toHaveLength(1);
    expect(rest.calls).toHaveLength(0);
    expect(h.receiver.requests.get(pushed.stored.id).forward).toMatchObject({ eventType: 'push', matched: 'push' });
  });

  it("routes Shopify's slash topics (X-Shopify-Topic: orders/create) with orders/*", async () => {
    const h = await harness();
    const [orders, rest] = [await target(), await target()];
    const inbox = h.receiver.inboxes.create({
      name: 'shopify',
      scheme: 'auto',
      forwardTo: rest.url,
      forwardRoutes: [{ events: ['orders/*'], url: orders.url }],
    });
    const created = await post(h, inbox, '{"id":1}', { 'X-Shopify-Topic': 'orders/create' });
    await post(h, inbox, '{"id":2}', { 'X-Shopify-Topic': 'products/update' });
    expect(orders.calls).toHaveLength(1);
    expect(rest.calls).toHaveLength(1);
    expect(h.receiver.requests.get(created.stored.id).forward).toMatchObject({
      eventType: 'orders/create',
      matched: 'orders/*',
    });
    const bad = thrownHookbenchError(() =>
      h.receiver.inboxes.create({ name: 'x', forwardRoutes: [{ events: ['orders/*/create'], url: orders.url }] }),
    );
    expect(bad.field).toBe('forwardRoutes.0.events.0');
  });

  it('replaces the routes on update; [] forwards everything to forward-to again', async () => {
    const h = await harness();
    const [payments, fallback] = [await target(), await target()];
    const inbox = h.receiver.inboxes.create({ name: 'upd', scheme: 'none', forwardTo: fallback.url });
    const routed = h.receiver.inboxes.update({
      id: inbox.id,
      forwardRoutes: [{ events: ['payment_intent.*'], url: payments.url }],
    });
    expect(routed.forwardRoutes).toEqual([{ events: ['payment_intent.*'], url: payments.url }]);
    expect(h.receiver.inboxes.get(inbox.id).forwardRoutes).toEqual(routed.forwardRoutes);
    await post(h, routed, event('payment_intent.created'));
    h.receiver.inboxes.update({ id: inbox.id, forwardRoutes: [] });
    await post(h, routed, event('payment_intent.created'));
    expect(payments.calls).toHaveLength(1);
    expect(fallback.calls).toHaveLength(1);
  });
});

describe('forward routes are checked like every other field', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['a bad URL', [{ events: ['a.b'], url: 'ftp://x' }], 'forwardRoutes.0.url', /http or https/],
    [
      'a URL without scheme in the second route',
      [
        { events: ['a.b'], url: 'http://127.0.0.1:1/' },
        { events: ['c.*'], url: 'localhost:3000/hooks' },
      ],
      'forwardRoutes.1.url',
      /http:\/\/localhost:3000\/hooks/,
    ],
    ['no events', [{ events: [], url: 'http://127.0.0.1:1/' }], 'forwardRoutes.0.events', /at least one event type/],
    [
      'a pattern that is no event type',
      [{ events: ['pay ment'], url: 'http://127.0.0.1:1/' }],
      'forwardRoutes.0.events.0',
      /an event type is letters, digits and \. _ : \/ -/,
    ],
    ['not a list', { events: ['a.b'], url: 'http://x/' }, 'forwardRoutes', /list of \{ events, url \}/],
    ['an unknown field', [{ events: ['a.b'], url: 'http://x/', to: 1 }], 'forwardRoutes.0.to', /unknown field/],
  ];
  it.each(cases)('refuses %s naming the field, and writes nothing', async (_, forwardRoutes, field, message) => {
    const h = await harness();
    const created = thrownHookbenchError(() =>
      h.receiver.inboxes.create({ name: 'bad', scheme: 'none', forwardRoutes } as never),
    );
    expect(created).toMatchObject({ code: 'validation', field });
    expect(created.message).toMatch(message);
    expect(created.message.startsWith(`${field}: `)).toBe(true);
    expect(h.receiver.inboxes.list()).toHaveLength(0);

    const inbox = h.receiver.inboxes.create({ name: 'good', scheme: 'none', forwardTo: 'http://127.0.0.1:9/' });
    const updated = thrownHookbenchError(() => h.receiver.inboxes.update({ id: inbox.id, forwardRoutes } as never));
    expect(updated).toMatchObject({ code: 'validation', field });
    expect(h.receiver.inboxes.get(inbox.id)).toEqual(inbox);
  });
});

describe('migration 009 on a data directory from before routes', () => {
  it('keeps each inbox and its forward-to, with no routes, and routes work afterwards', async () => {
    const tmp = receiverTempDb();
    cleanups.push(tmp.cleanup);
    const fallback = await target();
    const old = openDatabase(tmp.dbFile, { migrations: MIGRATIONS.filter((m) => m.version <= 8) });
    old.prepare("INSERT INTO workspaces (id, name, created_at) VALUES ('ws_old', 'w', 0)").run();
    old
      .prepare(
        `INSERT INTO inboxes (id, workspace_id, slug, name, scheme, secrets, tolerance_sec, response_rule, forward_to, created_at, updated_at)
         VALUES ('inb_old', 'ws_old', 'old', 'old', 'none', '[]', 300, ?, ?, 0, 0)`,
      )
      .run(
        JSON.stringify({
          status: 200,
          headers: {},
          body: '',
          delayMs: 0,
          failurePercent: 0,
          failFirst: 0,
          failStatus: 500,
        }),
        fallback.url,
      );
    expect(
      old.prepare("SELECT name FROM pragma_table_info('inboxes') WHERE name = 'forward_routes'").get(),
    ).toBeUndefined();
    old.close();

    const store = openStore(tmp.dbFile);
    const receiver = new Receiver(store, new EventBus(), { log: quietLog() });
    cleanups.push(async () => {
      await receiver.close();
      store.close();
    });
    const inbox = receiver.inboxes.get('inb_old');
    expect(inbox).toMatchObject({ slug: 'old', forwardTo: fallback.url, forwardRoutes: [] });

    const { url } = await receiver.listen({ port: 0 });
    const routed = await target();
    receiver.inboxes.update({ id: inbox.id, forwardRoutes: [{ events: ['order.*'], url: routed.url }] });
    await httpRequest(`${url}/in/old`, { body: event('order.paid') });
    await httpRequest(`${url}/in/old`, { body: event('invoice.paid') });
    await receiver.idle();
    expect(routed.calls).toHaveLength(1);
    expect(fallback.calls).toHaveLength(1);
  });
});
