import { afterEach, describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import type { ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import { openSender, type Sender } from '../../src-main/engine/sender';
import { sendToLocalInbox } from '../../src-main/engine/localInbox';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { openReceiver, quietLog, waitFor, type ReceiverHarness } from '../support/receiverClient';
import { receiverTempDb } from '../support/receiverTmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(): Promise<ReceiverHarness> {
  const h = await openReceiver();
  cleanups.push(() => h.close());
  return h;
}

/** An engine and a receiver on the same database file, as the app composes them. */
async function engineWithReceiver(listen = true): Promise<{ engine: Sender; receiver: Receiver }> {
  const tmp = receiverTempDb();
  const engine = openSender({ dbFile: tmp.dbFile }).start();
  const receiver = new Receiver(engine.store, engine.bus, { log: quietLog() });
  if (listen) await receiver.listen({ port: 0 });
  cleanups.push(async () => {
    await receiver.close();
    await engine.close();
    tmp.cleanup();
  });
  return { engine, receiver };
}

describe('response rules', () => {
  it('answer with the rule status, headers and body, and store what was sent', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({
      name: 'teapot',
      scheme: 'none',
      responseRule: { status: 418, headers: { 'X-Answer': 'short and stout' }, body: '{"brewing":true}' },
    });
    const { response, stored } = await h.send(`/in/${inbox.slug}`, { body: '{}' });
    expect(response.status).toBe(418);
    expect(response.headers['x-answer']).toBe('short and stout');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.toString()).toBe('{"brewing":true}');
    expect(stored).toMatchObject({ responseStatus: 418, responseBody: '{"brewing":true}' });
    expect(stored.responseHeaders).toMatchObject({ 'x-answer': 'short and stout', 'content-type': 'application/json' });
  });

  it('delay the answer by delayMs, counted in the stored duration', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'slow', scheme: 'none', responseRule: { delayMs: 300 } });
    const { response, stored } = await h.send(`/in/${inbox.slug}`, { body: '{}' });
    expect(response.ms).toBeGreaterThanOrEqual(290);
    expect(stored.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('fail every request at failurePercent 100 and none at 0', async () => {
    const h = await harness();
    const always = h.receiver.inboxes.create({
      name: 'always',
      scheme: 'none',
      responseRule: { failurePercent: 100, failStatus: 503 },
    });
    const never = h.receiver.inboxes.create({
      name: 'never',
      scheme: 'none',
      responseRule: { failurePercent: 0, status: 202 },
    });
    for (let i = 0; i < 5; i++) {
      const failed = await h.send(`/in/${always.slug}`, { body: '{}' });
      expect(failed.response.status).toBe(503);
      expect(JSON.parse(failed.response.body.toString())).toMatchObject({ error: 'simulated_failure' });
      expect((await h.send(`/in/${never.slug}`, { body: '{}' })).response.status).toBe(202);
    }
  });

  it('fail the first N requests, then answer the rule; a new rule counts again', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'flaky', scheme: 'none', responseRule: { failFirst: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.send(`/in/${inbox.slug}`, { body: '{}' })).response.status);
    expect(statuses).toEqual([500, 500, 200, 200]);
    expect(h.receiver.inboxes.get(inbox.id).failFirstSeen).toBe(2);

    h.receiver.inboxes.update({ id: inbox.id, responseRule: { failFirst: 1, failStatus: 429, status: 204 } });
    const again: number[] = [];
    for (let i = 0; i < 2; i++) again.push((await h.send(`/in/${inbox.slug}`, { body: '{}' })).response.status);
    expect(again).toEqual([429, 204]);
  });
});

describe('send to a local inbox', () => {
  it('drives the engine retries: fail-first 2 makes the delivery succeed on attempt 3, verified', async () => {
    const { engine, receiver } = await engineWithReceiver();
    const { inbox, webhook } = sendToLocalInbox(engine, receiver, {
      name: 'Retries',
      responseRule: { failFirst: 2 },
      retryPolicy: { delays: [0.2, 0.2], jitter: false },
    });
    expect(webhook.url).toBe(`${receiver.status().url}/in/${inbox.slug}`);
    expect(webhook.scheme).toBe('standard');
    expect(webhook.secret).toBe(inbox.secrets[0]);

    const received: ReceivedRequestSummary[] = [];
    engine.bus.on('request.received', (s) => received.push(s));
    const { deliveries } = await engine.deliveries.fire({ type: 'user.created' });
    expect(deliveries).toHaveLength(1);
    const done = await waitFor(() => {
      const d = engine.deliveries.detail(deliveries[0]!.id);
      return d.status === 'success' || d.status === 'failed' ? d : null;
    });
    expect(done.status).toBe('success');
    expect(done.attemptCount).toBe(3);
    expect(done.attempts.map((a) => a.response?.status)).toEqual([500, 500, 200]);

    await receiver.idle();
    const rows = receiver.requests.list({ inboxId: inbox.id }).reverse();
    expect(rows.map((r) => r.responseStatus)).toEqual([500, 500, 200]);
    expect(rows.map((r) => r.valid)).toEqual([true, true, true]);
    // Retries carry the same webhook-id: the receiver sees them as resends.
    expect(rows.map((r) => r.duplicate)).toEqual([false, true, true]);
    const third = receiver.requests.get(rows[2]!.id);
    expect(third.verdict).toMatchObject({ valid: true, scheme: 'standard', secretIndex: 0, id: done.eventId });
    expect(JSON.parse(third.bodyText!)).toMatchObject({ id: done.eventId, type: 'user.created' });
    expect(received.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it.each(['github', 'stripe', 'none'] as const)(
    'shares scheme %s and its secret between the webhook and the inbox',
    async (scheme) => {
      const { engine, receiver } = await engineWithReceiver();
      const { inbox, webhook } = sendToLocalInbox(engine, receiver, { scheme, subscriptions: ['user.*'] });
      expect(inbox.scheme).toBe(scheme);
      expect(webhook.scheme).toBe(scheme);
      if (scheme !== 'none') expect(inbox.secrets).toEqual([webhook.secret]);
      const { deliveries } = await engine.deliveries.fire({ type: 'user.created' });
      await waitFor(() => engine.deliveries.detail(deliveries[0]!.id).status === 'success');
      await receiver.idle();
      const [row] = receiver.requests.list({ inboxId: inbox.id });
      expect(row).toMatchObject({ valid: true, responseStatus: 200 });
      expect(receiver.requests.get(row!.id).verdict?.scheme).toBe(scheme);
    },
  );

  it('is unavailable while the receiver is not listening, and writes nothing', async () => {
    const { engine, receiver } = await engineWithReceiver(false);
    const error = (() => {
      try {
        sendToLocalInbox(engine, receiver, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HookbenchError);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(receiver.inboxes.list()).toEqual([]);
    expect(engine.webhooks.list()).toEqual([]);
  });

  it('removes the inbox again when the webhook cannot be created', async () => {
    const { engine, receiver } = await engineWithReceiver();
    expect(() => sendToLocalInbox(engine, receiver, { workspaceId: 'ws_nope' })).toThrow(/workspace ws_nope/);
    expect(() => sendToLocalInbox(engine, receiver, { subscriptions: ['not a pattern!'] })).toThrow(HookbenchError);
    expect(receiver.inboxes.list()).toEqual([]);
    expect(engine.webhooks.list()).toEqual([]);
  });
});
