import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { getScheme } from '../../src-main/engine/signing/registry';
import { pairsOf, TargetServer, receiversPerTest } from '../support/receiverClient';

const { harness, cleanups } = receiversPerTest();

async function target(response?: ConstructorParameters<typeof TargetServer>[0]): Promise<TargetServer> {
  const t = await new TargetServer(response).start();
  cleanups.push(() => t.stop());
  return t;
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('forwarding', () => {
  it('re-sends the exact method, headers and bytes, answers the caller by the rule, and stores the forward response', async () => {
    const h = await harness();
    const t = await target({ status: 201, headers: { 'x-target': 'yes' }, body: 'created downstream' });
    const inbox = h.receiver.inboxes.create({
      name: 'fwd',
      scheme: 'none',
      forwardTo: `${t.url}/hooks`,
      responseRule: { status: 202 },
    });
    const headers = [
      'X-First',
      '1',
      'Content-Type',
      'application/octet-stream',
      'X-Repeated',
      'a',
      'x-repeated',
      'b',
      'Connection',
      'keep-alive',
    ];
    const { response, stored } = await h.send(`/in/${inbox.slug}/deep/path?q=1`, {
      method: 'PATCH',
      headers,
      body: ALL_BYTES,
    });
    expect(response.status).toBe(202);

    expect(t.calls).toHaveLength(1);
    const call = t.calls[0]!;
    expect(call.method).toBe('PATCH');
    expect(call.url).toBe('/hooks/deep/path?q=1');
    expect(call.body.equals(ALL_BYTES)).toBe(true);
    const sent = pairsOf(call.rawHeaders).filter(
      ([n]) => !['host', 'connection', 'content-length'].includes(n.toLowerCase()),
    );
    expect(sent).toEqual([
      ['X-First', '1'],
      ['Content-Type', 'application/octet-stream'],
      ['X-Repeated', 'a'],
      ['x-repeated', 'b'],
    ]);
    expect(pairsOf(call.rawHeaders).find(([n]) => n.toLowerCase() === 'content-length')?.[1]).toBe('256');

    const forward = h.receiver.requests.get(stored.id).forward;
    expect(forward).toMatchObject({
      url: `${t.url}/hooks/deep/path?q=1`,
      status: 201,
      body: 'created downstream',
      error: null,
      truncated: false,
    });
    expect(forward?.headers?.['x-target']).toBe('yes');
    expect(forward?.pending).toBeUndefined();
  });

  it('records why a forward failed when the target is down', async () => {
    const h = await harness();
    const t = await target();
    const deadUrl = t.url;
    await t.stop();
    cleanups.pop();
    const inbox = h.receiver.inboxes.create({ name: 'fwd dead', scheme: 'none', forwardTo: deadUrl });
    const { response, stored } = await h.send(`/in/${inbox.slug}`, { body: '{}' });
    expect(response.status).toBe(200);
    const forward = h.receiver.requests.get(stored.id).forward;
    expect(forward).toMatchObject({ status: null });
    expect(forward?.error).toMatch(/refused/);
  });

  it('refuses to forward an inbox to itself', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'loop', scheme: 'none' });
    h.receiver.inboxes.update({ id: inbox.id, forwardTo: `${h.url}/in/${inbox.slug}` });
    const { stored } = await h.send(`/in/${inbox.slug}`, { body: '{}' });
    expect(stored.forward?.error).toMatch(/loop/);
    expect(h.receiver.requests.list({ inboxId: inbox.id })).toHaveLength(1);
  });
});

describe('duplicates', () => {
  it('marks the second request with the same webhook-id as a duplicate', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'dupes' });
    const body = Buffer.from('{"hello":"world"}');
    const headers = getScheme('standard').sign({
      id: 'msg_same',
      timestamp: Math.floor(Date.now() / 1000),
      eventType: 't.x',
      body,
      secrets: inbox.secrets,
    });
    const first = await h.send(`/in/${inbox.slug}`, { headers, body });
    const second = await h.send(`/in/${inbox.slug}`, { headers, body });
    expect(first.stored).toMatchObject({ duplicate: false, dedupeKey: 'msg_same', valid: true });
    expect(second.stored).toMatchObject({ duplicate: true, dedupeKey: 'msg_same', valid: true });
    const other = h.receiver.inboxes.create({ name: 'dupes elsewhere' });
    const elsewhere = await h.send(`/in/${other.slug}`, { headers, body });
    expect(elsewhere.stored.duplicate).toBe(false);
  });

  it.each([
    ['X-GitHub-Delivery', 'github'],
    ['X-Shopify-Webhook-Id', 'shopify'],
    ['X-Webhook-Delivery', 'hmac-sha256'],
  ] as const)('uses %s as the key for %s', async (header, scheme) => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: `dupes ${scheme}`, scheme });
    const body = Buffer.from('{}');
    const id = randomUUID();
    const headers = getScheme(scheme).sign({
      id,
      timestamp: Math.floor(Date.now() / 1000),
      eventType: 'orders/create',
      body,
      secrets: inbox.secrets,
    });
    expect(Object.keys(headers)).toContain(header);
    await h.send(`/in/${inbox.slug}`, { headers, body });
    const { stored } = await h.send(`/in/${inbox.slug}`, { headers, body });
    expect(stored).toMatchObject({ dedupeKey: id, duplicate: true });
  });

  it("uses the JSON body's id for stripe, which has no id header", async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'stripe dupes', scheme: 'stripe' });
    const body = Buffer.from(JSON.stringify({ id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', object: 'event' }));
    const sign = () =>
      getScheme('stripe').sign({
        id: 'x',
        timestamp: Math.floor(Date.now() / 1000),
        eventType: 'charge.succeeded',
        body,
        secrets: inbox.secrets,
      });
    const first = await h.send(`/in/${inbox.slug}`, { headers: sign(), body });
    const second = await h.send(`/in/${inbox.slug}`, { headers: sign(), body });
    expect(first.stored).toMatchObject({ dedupeKey: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', duplicate: false });
    expect(second.stored.duplicate).toBe(true);
  });

  it('has no key (and no duplicates) when nothing carries an id', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'no ids', scheme: 'none' });
    await h.send(`/in/${inbox.slug}`, { body: '{"id":"same"}' });
    const { stored } = await h.send(`/in/${inbox.slug}`, { body: '{"id":"same"}' });
    expect(stored).toMatchObject({ dedupeKey: null, duplicate: false });
  });
});

describe('replay', () => {
  it('re-sends a stored request byte-exact to any URL and returns the answer', async () => {
    const h = await harness();
    const t = await target({ status: 200, body: 'x'.repeat(20_000) });
    const inbox = h.receiver.inboxes.create({ name: 'replay', scheme: 'none' });
    const { stored } = await h.send(`/in/${inbox.slug}`, {
      method: 'PUT',
      headers: ['X-Kind', 'binary', 'Content-Type', 'application/octet-stream'],
      body: ALL_BYTES,
    });

    const result = await h.receiver.requests.replay(stored.id, `${t.url}/elsewhere?z=9`);
    expect(result).toMatchObject({ url: `${t.url}/elsewhere?z=9`, status: 200, truncated: true, error: null });
    expect(result.body).toHaveLength(10 * 1024);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const call = t.calls[0]!;
    expect(call.method).toBe('PUT');
    expect(call.url).toBe('/elsewhere?z=9');
    expect(call.body.equals(ALL_BYTES)).toBe(true);
    const pairs = pairsOf(call.rawHeaders);
    expect(pairs).toContainEqual(['X-Kind', 'binary']);
    expect(pairs.find(([n]) => n.toLowerCase() === 'host')?.[1]).toBe(new URL(t.url).host);

    const again = await h.receiver.requests.replay({ id: stored.id, url: t.url });
    expect(again.status).toBe(200);
  });

  it('reports an unreachable URL as an error value, and refuses bad input with typed errors', async () => {
    const h = await harness({ bodyLimitBytes: 16 });
    const inbox = h.receiver.inboxes.create({ name: 'replay errors', scheme: 'none' });
    const { stored } = await h.send(`/in/${inbox.slug}`, { body: 'ok' });
    const down = await h.receiver.requests.replay(stored.id, 'http://127.0.0.1:1/');
    expect(down).toMatchObject({ status: null });
    expect(down.error).toMatch(/refused/);

    await expect(h.receiver.requests.replay(stored.id, 'ftp://example.com')).rejects.toMatchObject({
      code: 'validation',
      field: 'url',
    });
    await expect(h.receiver.requests.replay('req_missing', 'http://127.0.0.1:1/')).rejects.toMatchObject({
      code: 'not_found',
    });
    const cut = await h.send(`/in/${inbox.slug}`, { body: 'x'.repeat(100) });
    const refused = await h.receiver.requests.replay(cut.stored.id, 'http://127.0.0.1:1/').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HookbenchError);
    expect(refused).toMatchObject({ code: 'conflict' });
  });
});
