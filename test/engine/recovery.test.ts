import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';

describe('restart recovery (at-least-once)', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  it('fires retries that fell due while the engine was closed', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [0.3], jitter: false } });
    const id = (await t.sender.deliveries.fire({ type: 'order.created' })).deliveries[0]!.id;
    await eventually(() => t.sender.deliveries.detail(id).status === 'retrying');
    await t.sender.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(server.calls).toHaveLength(1);
    const engine = await t.reopen();
    const d = await eventually(() => {
      const x = engine.deliveries.detail(id);
      return x.status === 'success' && x;
    });
    expect(d.attempts.map((a) => a.response?.status)).toEqual([500, 200]);
    expect(d.attempts[1]!.startedAt - d.attempts[1]!.scheduledAt).toBeGreaterThan(0); // it was overdue
  });

  it('sends again what was in flight when the engine stopped (the receiver sees it twice; one attempt is recorded)', async () => {
    server = await new ScriptedServer([{ status: 200, delayMs: 1500 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'] });
    const id = (await t.sender.deliveries.fire({ type: 'order.created' })).deliveries[0]!.id;
    await server.waitForCalls(1);
    expect(t.sender.deliveries.detail(id).status).toBe('sending');
    await t.sender.close();
    // Nothing was written for the attempt in flight: the delivery row, still due, is the record.
    const engine = await t.reopen();
    const d = await eventually(() => {
      const x = engine.deliveries.detail(id);
      return x.status === 'success' && x;
    });
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]!.response!.status).toBe(200);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.headers['webhook-id']).toBe(server.calls[0]!.headers['webhook-id']);
  });

  it('fires a backlog of overdue deliveries after a restart with bounded concurrency', async () => {
    server = await new ScriptedServer([{ status: 200, delayMs: 50 }]).start();
    let open = 0;
    let peak = 0;
    const original = (server as any).handle.bind(server);
    (server as any).handle = async (req: any, res: any) => {
      open++;
      peak = Math.max(peak, open);
      try {
        await original(req, res);
      } finally {
        open--;
      }
    };
    t = startTestEngine();
    const w = t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], enabled: false });
    // queue 60 deliveries that are overdue by the time the engine comes back
    t.sender.webhooks.update({ id: w.id, enabled: true });
    await t.sender.close();
    const { openSender } = await import('../../src-main/engine/sender');
    const cold = openSender({ dbFile: t.dbFile });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await cold.deliveries.fire({ type: 'user.login' })).deliveries[0]!.id);
    await cold.close();
    const engine = await t.reopen({ perEndpointConcurrency: 4 });
    for (const id of ids) await eventually(() => engine.deliveries.detail(id).status === 'success', 15_000);
    expect(peak).toBeLessThanOrEqual(4);
    expect(server.calls).toHaveLength(60);
  });
});
