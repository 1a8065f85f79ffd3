import { afterEach, describe, expect, it } from 'vitest';
import {
  applyRetryAfter,
  maxAttempts,
  nextRetryDelayMs,
  retryDelays,
} from '../../src-main/engine/delivery/retryPolicy';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';

describe('retry policy', () => {
  it('has the presets the README lists', () => {
    expect(retryDelays({ preset: 'exponential', jitter: true })).toEqual([60, 120, 240, 480]);
    expect(maxAttempts({ preset: 'exponential', jitter: true })).toBe(5);
    expect(retryDelays({ preset: 'standard', jitter: true })).toEqual([60, 300, 900, 3600, 14400]);
    expect(retryDelays({ preset: 'svix-like', jitter: true })).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(retryDelays({ preset: 'fast', jitter: true })).toEqual([1, 2, 4, 8]);
    expect(retryDelays({ preset: 'fast', delays: [3, 7], jitter: true })).toEqual([3, 7]);
  });

  it('applies ±20 % jitter, or none when switched off, and stops when exhausted', () => {
    const p = { preset: 'fast' as const, jitter: true };
    expect(nextRetryDelayMs(p, 3, () => 0)).toBe(3200);
    expect(nextRetryDelayMs(p, 3, () => 1)).toBe(4800);
    for (let i = 0; i < 200; i++) {
      const d = nextRetryDelayMs(p, 2, Math.random)!;
      expect(d).toBeGreaterThanOrEqual(1600);
      expect(d).toBeLessThanOrEqual(2400);
    }
    expect(nextRetryDelayMs({ preset: 'fast', jitter: false }, 1, () => 0)).toBe(1000);
    expect(nextRetryDelayMs(p, 5)).toBeNull();
  });

  it('honours Retry-After clamped to [scheduled, 2 × scheduled]', () => {
    expect(applyRetryAfter(10_000, '15')).toBe(15_000);
    expect(applyRetryAfter(10_000, '1')).toBe(10_000);
    expect(applyRetryAfter(10_000, '3600')).toBe(20_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(applyRetryAfter(10_000, 'Thu, 01 Jan 2026 00:00:12 GMT', now)).toBe(12_000);
    expect(applyRetryAfter(10_000, 'garbage')).toBe(10_000);
    expect(applyRetryAfter(10_000, undefined)).toBe(10_000);
  });
});

describe('retries', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  it('retries with the fast preset on time (1 s, 2 s) and succeeds on attempt 3', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 503 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { preset: 'fast', jitter: false } });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'payment.failed' });
    const statuses = new Set<string>();
    const off = t.sender.bus.on('delivery.updated', (d) => statuses.add(d.status));
    const d = await eventually(() => {
      const x = t.sender.deliveries.detail(deliveries[0]!.id);
      return x.status === 'success' && x;
    }, 10_000);
    off();
    expect(statuses).toEqual(new Set(['retrying', 'sending', 'success']));
    expect(d.attempts.map((a) => a.response?.status)).toEqual([500, 503, 200]);
    const [a1, a2, a3] = d.attempts as [any, any, any];
    const gap1 = a2.startedAt - a1.finishedAt;
    const gap2 = a3.startedAt - a2.finishedAt;
    expect(gap1).toBeGreaterThanOrEqual(990);
    expect(gap1).toBeLessThan(1250);
    expect(gap2).toBeGreaterThanOrEqual(1990);
    expect(gap2).toBeLessThan(2250);
    // punctual: each retry started within 100 ms of its due time
    expect(a2.startedAt - a2.scheduledAt).toBeLessThan(100);
    expect(a3.startedAt - a3.scheduledAt).toBeLessThan(100);
  });

  it('marks the delivery failed when the policy is exhausted', async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [0.05, 0.05], jitter: false },
    });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'payment.failed' });
    const d = await eventually(() => {
      const x = t.sender.deliveries.detail(deliveries[0]!.id);
      return x.status === 'failed' && x;
    });
    expect(d.attempts).toHaveLength(3);
    expect(d.completedAt).not.toBeNull();
    expect(d.nextAttemptAt).toBeNull();
  });

  it('honours Retry-After from the response within the clamp', async () => {
    server = await new ScriptedServer([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [0.4], jitter: false } });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'payment.failed' });
    const d = await eventually(() => {
      const x = t.sender.deliveries.detail(deliveries[0]!.id);
      return x.status === 'success' && x;
    });
    const gap = d.attempts[1]!.startedAt - d.attempts[0]!.finishedAt!;
    expect(gap).toBeGreaterThanOrEqual(790); // asked 1 s, clamped to 2 × 0.4 s
    expect(gap).toBeLessThan(950);
  });

  it('disables the webhook at once on 410 Gone', async () => {
    server = await new ScriptedServer([{ status: 410 }]).start();
    t = startTestEngine();
    const w = t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { preset: 'fast', jitter: false },
    });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'user.created' });
    const d = await eventually(() => {
      const x = t.sender.deliveries.detail(deliveries[0]!.id);
      return x.status === 'failed' && x;
    });
    expect(d.attempts).toHaveLength(1);
    const after = t.sender.webhooks.get(w.id);
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toContain('410');
    expect(t.sender.listAlerts().map((a) => a.kind)).toEqual(['disabled']);
  });

  it('retries a failed delivery now, redelivers any delivery and cancels pending retries', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [], jitter: false } });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'invoice.paid' });
    const id = deliveries[0]!.id;
    await eventually(() => t.sender.deliveries.detail(id).status === 'failed');
    const retried = await t.sender.deliveries.retryNow(id);
    expect(retried).toMatchObject({ status: 'success', attemptCount: 2 });
    expect(retried.attempts[1]!.trigger).toBe('retry_now');
    await expect(t.sender.deliveries.retryNow(id)).rejects.toMatchObject({ code: 'conflict' });

    const again = await t.sender.deliveries.redeliver(id);
    expect(again.id).not.toBe(id);
    expect(again.eventId).toBe(deliveries[0]!.eventId);
    await eventually(() => t.sender.deliveries.detail(again.id).status === 'success');
    expect(server.calls[2]!.headers['webhook-id']).toBe(server.calls[0]!.headers['webhook-id']);

    server.script([{ status: 500 }]);
    t.sender.webhooks.update({ id: t.sender.webhooks.list()[0]!.id, retryPolicy: { delays: [60], jitter: false } });
    const pending = (await t.sender.deliveries.fire({ type: 'invoice.paid' })).deliveries[0]!;
    await eventually(() => t.sender.deliveries.detail(pending.id).status === 'retrying');
    const cancelled = await t.sender.deliveries.cancel(pending.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', nextAttemptAt: null });
    await expect(t.sender.deliveries.cancel(pending.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(t.sender.deliveries.cancel('dlv_nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('retry now on a cancelled delivery', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  it('sends it once more and records the outcome', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [60], jitter: false } });
    const id = (await t.sender.deliveries.fire({ type: 'invoice.paid' })).deliveries[0]!.id;
    await eventually(() => t.sender.deliveries.detail(id).status === 'retrying');
    await t.sender.deliveries.cancel(id);
    const d = await t.sender.deliveries.retryNow(id);
    expect(d).toMatchObject({ status: 'success', attemptCount: 2, nextAttemptAt: null });
    expect(d.completedAt).not.toBeNull();
  });
});
