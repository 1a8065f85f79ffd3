/**
 * The statistics roll-ups are written once per batch from in-memory tallies (store/rollupTally.ts),
 * not by per-row triggers. After a mixed run through the real engine — successes, failures,
 * retries, a cancel, retry now, a redelivery, a test, 410 Gone, a deleted webhook, retention —
 * they equal a full recount from the deliveries and attempts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { recountRollups } from '../../src-main/engine/store/rollupTally';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually } from '../support/scriptedServer';

const DAY = 86_400_000;
let t: TestEngine;
let server: Server;
afterEach(async () => {
  await t?.cleanup();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** Answers by path and by how often the event was seen: /flaky fails an event's first try, /down always fails, /gone says 410. */
async function endpoint(): Promise<string> {
  const seen = new Map<string, number>();
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const status =
        req.url === '/down' ? 500 : req.url === '/gone' ? 410 : req.url === '/flaky' && n === 1 ? 503 : 200;
      setTimeout(() => res.writeHead(status).end('{}'), n % 3); // a few ms of duration, different buckets
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const snapshot = (t: TestEngine) =>
  ['delivery_rollup', 'delivery_rollup_day', 'duration_rollup'].map((table) =>
    t.sender.store.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4, 5`).all(),
  );

function expectExact(t: TestEngine, when: string): void {
  const tallied = snapshot(t);
  recountRollups(t.sender.store.db);
  expect(snapshot(t), when).toEqual(tallied);
}

describe('roll-ups kept per batch', () => {
  it('equal a full recount after a mixed run with retries, cancels, deletes and retention', async () => {
    const base = await endpoint();
    t = startTestEngine();
    const e = t.sender;
    e.updateSettings({ alerts: { alertAt: [2], disableAfter: 0, disableAfterMinutes: 0 } });
    const fast = { delays: [0.05, 0.05], jitter: false };
    const ok = e.webhooks.create({ name: 'ok', url: `${base}/ok`, subscriptions: ['order.*'], retryPolicy: fast });
    const flaky = e.webhooks.create({
      name: 'flaky',
      url: `${base}/flaky`,
      subscriptions: ['order.*', 'user.*'],
      retryPolicy: fast,
    });
    const down = e.webhooks.create({ name: 'down', url: `${base}/down`, subscriptions: ['user.*'], retryPolicy: fast });
    const slow = e.webhooks.create({
      name: 'slow retries',
      url: `${base}/down`,
      subscriptions: ['invoice.*'],
      retryPolicy: { delays: [3600], jitter: false },
    });
    const gone = e.webhooks.create({ name: 'gone', url: `${base}/gone`, subscriptions: ['device.*'] });

    // One device event: 410 Gone disables its webhook, and the webhook's other deliveries would wait paused.
    const fired = await e.deliveries.fireMany([
      ...Array.from({ length: 60 }, (_, i) => ({
        type: ['order.created', 'user.created', 'invoice.paid'][i % 3]!,
        data: { i },
      })),
      { type: 'device.online', data: {} },
    ]);
    const all = fired.flatMap((f) => f.deliveries);
    const settled = () =>
      all.every(
        (d) => e.deliveries.detail(d.id).status !== 'pending' && e.deliveries.detail(d.id).status !== 'sending',
      ) &&
      all
        .filter((d) => d.webhookId !== slow.id)
        .every((d) => ['success', 'failed'].includes(e.deliveries.detail(d.id).status));
    await eventually(settled, 15_000);
    await e.store.writer.idle();
    expectExact(t, 'after sending and retrying');

    // By hand: a cancel, retry now of a failed one, a redelivery, a test.
    const waiting = all.filter((d) => d.webhookId === slow.id);
    await e.deliveries.cancel(waiting[0]!.id);
    const failed = all.find((d) => d.webhookId === down.id)!;
    expect((await e.deliveries.retryNow(failed.id)).status).toBe('failed');
    const again = await e.deliveries.redeliver(all.find((d) => d.webhookId === ok.id)!.id);
    expect((await e.deliveries.testWebhook(flaky.id)).attempts[0]!.trigger).toBe('test');
    await eventually(() => e.deliveries.detail(again.id).status === 'success');
    await e.store.writer.idle();
    expectExact(t, 'after cancel, retry now, redeliver and test');
    expect(e.webhooks.get(gone.id).enabled).toBe(false); // 410 Gone disabled it

    // A webhook deleted with its deliveries (some still retrying), then retention 200 days on.
    e.webhooks.delete(slow.id);
    await e.store.writer.idle();
    expectExact(t, 'after a webhook was deleted');
    expect(e.retention.runOnce(Date.now() + 200 * DAY)).toBeGreaterThan(0);
    expectExact(t, 'after retention');
    const left = e.store.db.prepare('SELECT count(*) FROM delivery_rollup').pluck().get();
    expect(left).toBe(0); // everything finished went, and with it every roll-up row
  });
});
