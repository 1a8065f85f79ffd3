/**
 * diff.explain: why a signature broke, from real signed requests sent through the real receiver,
 * and from a real delivery sent by the engine to a local inbox (the "sent" side).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxWithUrl } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { SchemeName } from '../../src-main/api/schemas';
import { getScheme } from '../../src-main/engine/signing/registry';
import { openDiffFixture, type DiffFixture } from './diffFixture';

let f: DiffFixture;
let inbox: InboxWithUrl;
const OTHER_SECRET = 'whsec_YW5vdGhlciBzZWNyZXQgYWx0b2dldGhlcg==';
const nowSec = () => Math.floor(Date.now() / 1000);
const explain = (requestId: string, against?: string) =>
  dispatch(f.wb, 'diff.explain', { requestId, ...(against ? { against } : {}) });

/** The headers our sender signs with, in the order it sends them. */
function signed(
  scheme: SchemeName,
  secret: string,
  body: string,
  opts: { id?: string; timestamp?: number } = {},
): [string, string][] {
  const headers = getScheme(scheme).sign({
    id: opts.id ?? `msg_${randomUUID()}`,
    timestamp: opts.timestamp ?? nowSec(),
    eventType: 'invoice.paid',
    body: Buffer.from(body),
    secrets: [secret],
  });
  return [['Content-Type', 'application/json'], ...Object.entries(headers)];
}
const withHeader = (headers: [string, string][], name: string, value: string | null): [string, string][] =>
  headers.flatMap(([n, v]): [string, string][] =>
    n.toLowerCase() === name.toLowerCase() ? (value === null ? [] : [[n, value]]) : [[n, v]],
  );

const BODY = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { amount: 4900, currency: 'EUR' } });

beforeAll(async () => {
  f = await openDiffFixture();
  inbox = await dispatch(f.wb, 'inboxes.create', { name: 'diff explain', scheme: 'standard' });
});
afterAll(() => f.close());

/** A valid request, then `broken` built from its headers: the two share the message id. */
async function validThenBroken(broken: (headers: [string, string][]) => { headers: [string, string][]; body: string }) {
  const headers = signed('standard', inbox.secrets[0]!, BODY);
  const valid = await f.send(inbox, headers, BODY);
  expect(valid.valid).toBe(true);
  const b = broken(headers);
  const bad = await f.send(inbox, b.headers, b.body);
  expect(bad.valid).toBe(false);
  return { valid, bad, explained: await explain(bad.id) };
}

describe('diff.explain against an earlier valid request with the same id', () => {
  it('a re-serialised body (key order and whitespace changed, values equal): verify the raw bytes', async () => {
    const { valid, bad, explained } = await validThenBroken((headers) => ({
      headers,
      body: JSON.stringify({ type: 'invoice.paid', id: 'evt_1', data: { currency: 'EUR', amount: 4900 } }, null, 2),
    }));
    expect(explained).toMatchObject({
      requestId: bad.id,
      source: 'earlier_valid_request',
      matchedId: valid.dedupeKey,
      verdict: { reason: 'bad_signature' },
    });
    expect(explained.diff.left.ref).toBe(valid.id);
    const [first] = explained.explanations;
    expect(first).toMatchObject({ kind: 'body_reserialised', level: 'cause' });
    expect(first!.message).toContain('key order changed in 2 objects; whitespace changed: compact → 2 spaces');
    expect(first!.message).toContain('values equal');
    expect(first!.message).toContain('verify the body exactly as received');
    expect(explained.explanations.filter((e) => e.level === 'cause')).toHaveLength(1);
  });

  it("the body's values changed", async () => {
    const { explained } = await validThenBroken((headers) => ({ headers, body: BODY.replace('4900', '1') }));
    expect(explained.explanations[0]).toMatchObject({
      kind: 'body_values_changed',
      level: 'cause',
      message: "the body's values changed (1): $.data.amount 4900 → 1",
    });
  });

  it('the timestamp header was changed', async () => {
    const { explained } = await validThenBroken((headers) => {
      const ts = Number(headers.find(([n]) => n === 'webhook-timestamp')![1]);
      return { headers: withHeader(headers, 'webhook-timestamp', String(ts - 60)), body: BODY };
    });
    const causes = explained.explanations.filter((e) => e.level === 'cause');
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ kind: 'timestamp_changed' });
    expect(causes[0]!.message).toMatch(
      /^the timestamp header was changed: webhook-timestamp \d+ → \d+; the signature covers it/,
    );
  });

  it('a different secret signed it: body, timestamp and id equal, signatures differ', async () => {
    const { explained } = await validThenBroken((headers) => {
      const id = headers.find(([n]) => n === 'webhook-id')![1];
      const ts = Number(headers.find(([n]) => n === 'webhook-timestamp')![1]);
      return { headers: signed('standard', OTHER_SECRET, BODY, { id, timestamp: ts }), body: BODY };
    });
    expect(explained.explanations.filter((e) => e.level === 'cause')).toEqual([
      {
        kind: 'different_secret',
        level: 'cause',
        message: 'the body, timestamp and id are equal but the signatures differ: a different secret signed it',
      },
    ]);
  });

  it('the signature header is missing', async () => {
    const { explained } = await validThenBroken((headers) => ({
      headers: withHeader(headers, 'webhook-signature', null),
      body: BODY,
    }));
    expect(explained.verdict).toMatchObject({ reason: 'missing_header' });
    expect(explained.explanations[0]).toMatchObject({ kind: 'signature_missing', level: 'cause' });
    expect(explained.explanations[0]!.message).toMatch(/^the webhook-signature header is missing/);
  });

  it('Stripe: the timestamp inside Stripe-Signature changed (the id is the event id in the body)', async () => {
    const stripe = await dispatch(f.wb, 'inboxes.create', {
      name: 'diff stripe',
      scheme: 'stripe',
      secrets: ['whsec_stripe_test'],
    });
    const ts = nowSec();
    const valid = await f.send(stripe, signed('stripe', 'whsec_stripe_test', BODY, { timestamp: ts }), BODY);
    expect(valid).toMatchObject({ valid: true, dedupeKey: 'evt_1' });
    const sig = signed('stripe', 'whsec_stripe_test', BODY, { timestamp: ts });
    const bad = await f.send(
      stripe,
      withHeader(sig, 'Stripe-Signature', sig[1]![1].replace(`t=${ts}`, `t=${ts - 5}`)),
      BODY,
    );
    const explained = await explain(bad.id);
    expect(explained).toMatchObject({ source: 'earlier_valid_request', matchedId: 'evt_1' });
    expect(explained.explanations[0]!.message).toBe(
      `the timestamp header was changed: stripe-signature ${ts} → ${ts - 5}; the signature covers it, so it no longer matches`,
    );
  });
});

describe('diff.explain against the delivery attempt that sent it', () => {
  it('finds the attempt by the signature id; a re-serialised copy is explained against what was sent', async () => {
    const local = await dispatch(f.wb, 'webhooks.sendToLocalInbox', {
      name: 'explain local',
      subscriptions: ['user.*'],
    });
    const fired = await dispatch(f.wb, 'events.trigger', { type: 'user.created', webhookIds: [local.webhook.id] });
    const deliveryId = fired.deliveries[0]!.id;
    for (let i = 0; i < 200 && (await dispatch(f.wb, 'deliveries.get', { id: deliveryId })).attempts.length === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    await f.wb.receiver.idle();
    const received = await dispatch(f.wb, 'requests.get', {
      id: (await dispatch(f.wb, 'requests.list', { inboxId: local.inbox.id, limit: 1 })).items[0]!.id,
    });
    expect(received.valid).toBe(true);

    const asSent = await explain(received.id);
    expect(asSent).toMatchObject({
      source: 'delivery_attempt',
      matchedId: fired.event.id,
      diff: { identical: true, left: { ref: `${deliveryId}#1` } },
    });
    expect(asSent.explanations[0]).toMatchObject({ kind: 'valid', level: 'note' });

    // The same request re-sent with its body pretty-printed, as a proxy or framework might.
    const reserialised = JSON.stringify(JSON.parse(received.bodyText!), null, 2);
    const bad = await f.send(
      local.inbox,
      received.headers.filter(([n]) => !['host', 'content-length', 'connection'].includes(n.toLowerCase())),
      reserialised,
    );
    expect(bad).toMatchObject({ valid: false, reason: 'bad_signature' });
    const explained = await explain(bad.id);
    expect(explained).toMatchObject({
      source: 'delivery_attempt',
      matchedId: received.dedupeKey,
      diff: { left: { kind: 'attempt', id: deliveryId } },
    });
    expect(explained.explanations[0]).toMatchObject({ kind: 'body_reserialised', level: 'cause' });
  });

  it('against: compares with the subject given instead of searching', async () => {
    const a = await f.send(inbox, signed('standard', inbox.secrets[0]!, BODY), BODY);
    const b = await f.send(inbox, signed('standard', OTHER_SECRET, BODY), BODY);
    const explained = await explain(b.id, a.id);
    expect(explained).toMatchObject({
      source: 'given',
      matchedId: null,
      diff: { left: { id: a.id }, right: { id: b.id } },
    });
    // Different ids and timestamps, so the secret is not the only suspect: the signed id change is named.
    expect(explained.explanations.map((e) => e.kind)).toContain('id_changed');
  });

  it('no counterpart: not_found naming against, with what was looked for', async () => {
    const lonely = await f.send(
      inbox,
      withHeader(signed('standard', OTHER_SECRET, BODY), 'webhook-id', 'msg_nobody_sent_this'),
      BODY,
    );
    await expect(explain(lonely.id)).rejects.toMatchObject({
      code: 'not_found',
      field: 'against',
      message: expect.stringContaining('no delivery sent message msg_nobody_sent_this'),
    });
    const plain = await dispatch(f.wb, 'inboxes.create', { name: 'diff no ids', scheme: 'none' });
    const noId = await f.send(plain, [['Content-Type', 'text/plain']], 'hello');
    await expect(explain(noId.id)).rejects.toMatchObject({
      code: 'not_found',
      field: 'against',
      message: expect.stringContaining('carries no message id'),
    });
    await expect(explain('req_does_not_exist')).rejects.toMatchObject({ code: 'not_found', field: 'requestId' });
    await expect(dispatch(f.wb, 'diff.explain', { requestId: 'dlv_1' })).rejects.toMatchObject({
      code: 'validation',
      field: 'requestId',
    });
  });
});

describe('a change under a signature that was made again', () => {
  it('is told as a note, not as a cause, when the right side verified (a re-signed replay)', async () => {
    const first = await f.send(inbox, signed('standard', inbox.secrets[0]!, BODY), BODY);
    const edited = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { amount: 1, currency: 'EUR' } });
    const again = await f.send(
      inbox,
      signed('standard', inbox.secrets[0]!, edited, { timestamp: nowSec() + 1 }),
      edited,
    );
    expect([first.valid, again.valid]).toEqual([true, true]);
    const diff = await dispatch(f.wb, 'diff.compare', { left: first.id, right: again.id });
    expect(diff.explanations.filter((e) => e.level === 'cause')).toEqual([]);
    expect(diff.explanations.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['body_values_changed', 'id_changed', 'valid']),
    );
    expect(diff.explanations.find((e) => e.kind === 'id_changed')!.message).toMatch(/made again over it$/);
  });
});

describe('a request that lost its signature header at an inbox that does not insist on one', () => {
  it('is explained with the scheme the sender signed with: the signature header is missing', async () => {
    const auto = await dispatch(f.wb, 'inboxes.create', {
      name: 'diff auto',
      scheme: 'auto',
      secrets: [inbox.secrets[0]!],
    });
    const headers = signed('standard', inbox.secrets[0]!, BODY);
    const valid = await f.send(auto, headers, BODY);
    expect(valid.valid).toBe(true);
    const stripped = await f.send(auto, withHeader(headers, 'webhook-signature', null), BODY);
    const d = await dispatch(f.wb, 'diff.compare', { left: valid.id, right: stripped.id });
    expect(d.explanations.map((e) => e.kind)).toContain('signature_missing');
    expect(d.explanations.map((e) => e.kind)).not.toContain('identical');
  });
});
