/**
 * An inbox that rejects invalid signatures answers them with its status (401 by default) and a
 * JSON body saying why, as a real handler does; valid requests keep the response rule. Real
 * receiver over HTTP on 127.0.0.1, real SQLite in a temp dir, the REST host for the contract.
 */
import { describe, expect, it } from 'vitest';
import type { InboxCreateInput } from '../../src-main/api/receiverSchemas';
import { getScheme } from '../../src-main/engine/signing/registry';
import { rawRequest, startHostFixture } from '../host/hostHarness';
import { receiversPerTest, TargetServer, type ReceiverHarness } from '../support/receiverClient';
import { thrownHookbenchError } from '../support/thrown';

const { harness, cleanups } = receiversPerTest();

/** A Stripe endpoint secret as the dashboard shows it. */
const STRIPE_SECRET = 'whsec_4eC39HqLyjWDarjtT1zdp7dcTestOnly';
const now = () => Math.floor(Date.now() / 1000);
const event = (amount: number) => JSON.stringify({ id: 'evt_1', object: 'event', data: { amount } });
const signed = (body: string, secret = STRIPE_SECRET) =>
  getScheme('stripe').sign({
    id: 'x',
    timestamp: now(),
    eventType: 'charge.succeeded',
    body: Buffer.from(body),
    secrets: [secret],
  });

async function stripeInbox(h: ReceiverHarness, over: Partial<InboxCreateInput> = {}) {
  return h.receiver.inboxes.create({
    name: 'stripe',
    scheme: 'stripe',
    secret: STRIPE_SECRET,
    rejectInvalid: {},
    responseRule: { status: 202, body: '{"received":true}' },
    ...over,
  });
}

describe('an inbox that rejects invalid signatures', () => {
  it('takes the pasted provider secret and answers by the rule when the signature verifies', async () => {
    const h = await harness();
    const inbox = await stripeInbox(h);
    expect(inbox).toMatchObject({ secrets: [STRIPE_SECRET], rejectInvalid: { status: 401 } });
    const body = event(100);
    const { response, stored } = await h.send(`/in/${inbox.slug}`, { headers: signed(body), body });
    expect(response.status).toBe(202);
    expect(response.body.toString()).toBe('{"received":true}');
    expect(stored).toMatchObject({ valid: true, responseStatus: 202 });
  });

  it.each([
    ['a tampered body', (body: string) => ({ headers: signed(body), body: event(999) }), 'bad_signature'],
    ['no signature', (body: string) => ({ body }), 'missing_header'],
    ['another secret', (body: string) => ({ headers: signed(body, 'whsec_other'), body }), 'bad_signature'],
  ] as const)('answers 401 with the reason to %s, and logs the 401 it answered', async (_, post, reason) => {
    const h = await harness();
    const inbox = await stripeInbox(h);
    const { response, stored } = await h.send(`/in/${inbox.slug}`, post(event(100)));
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toMatchObject({ error: 'invalid_signature', reason });
    expect(stored).toMatchObject({ valid: false, reason, responseStatus: 401, forward: null });
    expect(JSON.parse(stored.responseBody)).toMatchObject({ error: 'invalid_signature', reason });
    expect(h.receiver.requests.list({ inboxId: inbox.id })).toHaveLength(1);
  });

  it('answers the status it is given, and the rule again once turned off', async () => {
    const h = await harness();
    const inbox = await stripeInbox(h, { rejectInvalid: { status: 403 } });
    expect((await h.send(`/in/${inbox.slug}`, { body: '{}' })).response.status).toBe(403);
    const off = h.receiver.inboxes.update({ id: inbox.id, rejectInvalid: null });
    expect(off.rejectInvalid).toBeNull();
    expect(h.receiver.inboxes.get(inbox.id).rejectInvalid).toBeNull();
    expect((await h.send(`/in/${inbox.slug}`, { body: '{}' })).response.status).toBe(202);
    h.receiver.inboxes.update({ id: inbox.id, rejectInvalid: { status: 498 } });
    expect(h.receiver.inboxes.get(inbox.id).rejectInvalid).toEqual({ status: 498 });
    expect((await h.send(`/in/${inbox.slug}`, { body: '{}' })).response.status).toBe(498);
  });

  it('never rejects on an unsigned inbox (scheme none)', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'open', scheme: 'none', rejectInvalid: { status: 401 } });
    const { response, stored } = await h.send(`/in/${inbox.slug}`, { body: '{}' });
    expect(response.status).toBe(200);
    expect(stored).toMatchObject({ valid: true, responseStatus: 200 });
  });

  it('does not forward a rejected request; a valid one is forwarded as before', async () => {
    const h = await harness();
    const target = await new TargetServer({ status: 200 }).start();
    cleanups.push(() => target.stop());
    const inbox = await stripeInbox(h, { forwardTo: `${target.url}/hooks` });
    const rejected = await h.send(`/in/${inbox.slug}`, { body: event(1) });
    expect(rejected.response.status).toBe(401);
    expect(rejected.stored.forward).toBeNull();
    const body = event(2);
    const ok = await h.send(`/in/${inbox.slug}`, { headers: signed(body), body });
    expect(ok.response.status).toBe(202);
    await h.receiver.idle();
    expect(target.calls.map((c) => c.body.toString())).toEqual([body]);
  });

  it('answers at once and takes no fail-first slot: the rule applies to valid requests only', async () => {
    const h = await harness();
    const inbox = await stripeInbox(h, { responseRule: { status: 200, failFirst: 1, failStatus: 503, delayMs: 600 } });
    const rejected = await h.send(`/in/${inbox.slug}`, { body: event(1) });
    expect(rejected.response.status).toBe(401);
    expect(rejected.response.ms).toBeLessThan(500);
    const body = event(2);
    expect((await h.send(`/in/${inbox.slug}`, { headers: signed(body), body })).response.status).toBe(503);
    expect((await h.send(`/in/${inbox.slug}`, { headers: signed(body), body })).response.status).toBe(200);
  });
});

describe('checked before anything is written', () => {
  it.each([
    [{ rejectInvalid: { status: 200 } }, 'rejectInvalid.status', /400–599/],
    [{ rejectInvalid: { status: 1000 } }, 'rejectInvalid.status', /400–599/],
    [{ rejectInvalid: { status: 401.5 } }, 'rejectInvalid.status', /whole number/],
    [{ rejectInvalid: { status: '401' } }, 'rejectInvalid.status', /must be a number/],
    [{ rejectInvalid: 401 }, 'rejectInvalid', /\{ "status": 401 \}/],
    [{ scheme: 'standard', secret: 'not-a-whsec' }, 'secret', /a Standard Webhooks secret starts with whsec_/],
    [{ scheme: 'standard', secret: 'whsec_not base64!' }, 'secret', /after whsec_ is not base64/],
    [{ scheme: 'github', secret: 'tab\there' }, 'secret', /control character/],
    [{ scheme: 'github', secret: 'x', secrets: ['y'] }, 'secret', /not both/],
  ] as const)('refuses %j, naming %s', async (bad, field, message) => {
    const h = await harness();
    const e = thrownHookbenchError(() => h.receiver.inboxes.create({ name: 'bad', ...(bad as object) }));
    expect(e).toMatchObject({ code: 'validation', field });
    expect(e.message).toMatch(message);
    expect(h.receiver.inboxes.list()).toEqual([]);
  });

  it('refuses a bad status on update and keeps the inbox as it was', async () => {
    const h = await harness();
    const inbox = await stripeInbox(h);
    const e = thrownHookbenchError(() => h.receiver.inboxes.update({ id: inbox.id, rejectInvalid: { status: 302 } }));
    expect(e).toMatchObject({ code: 'validation', field: 'rejectInvalid.status' });
    expect(h.receiver.inboxes.get(inbox.id).rejectInvalid).toEqual({ status: 401 });
  });

  it('reports a bad secret together with the other bad fields in one answer', async () => {
    const h = await harness();
    const e = thrownHookbenchError(() =>
      h.receiver.inboxes.create({ name: 'bad', scheme: 'standard', secret: 'nope', rejectInvalid: { status: 200 } }),
    );
    expect(e.issues?.map((i) => i.field).sort()).toEqual(['rejectInvalid.status', 'secret']);
  });

  it('an empty secret is none given: one is generated', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'gen', scheme: 'standard', secret: '  ' });
    expect(inbox.secrets).toHaveLength(1);
    expect(inbox.secrets[0]).toMatch(/^whsec_/);
  });
});

describe('over REST', () => {
  it('creates an inbox with a secret and rejectInvalid, and answers a validation error naming the field', async () => {
    const f = await startHostFixture();
    cleanups.push(() => f.close());
    const headers = { authorization: `Bearer ${f.host.token}`, 'content-type': 'application/json' };
    const created = await rawRequest(f.host.port, {
      method: 'POST',
      path: '/api/v1/inboxes',
      headers,
      body: JSON.stringify({ name: 'rest', scheme: 'stripe', secret: STRIPE_SECRET, rejectInvalid: { status: 401 } }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ data: { secrets: [STRIPE_SECRET], rejectInvalid: { status: 401 } } });
    const bad = await rawRequest(f.host.port, {
      method: 'PATCH',
      path: `/api/v1/inboxes/${(created.json as { data: { id: string } }).data.id}`,
      headers,
      body: JSON.stringify({ rejectInvalid: { status: 1000 } }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'validation', field: 'rejectInvalid.status' } });
  });
});
