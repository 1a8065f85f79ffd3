import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';

describe('alerting and auto-disable', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  async function failOnce(type = 'user.created') {
    const { deliveries } = await t.engine.deliveries.fire({ type });
    if (!deliveries[0]) return null;
    return eventually(() => t.engine.deliveries.detail(deliveries[0]!.id).status === 'failed');
  }

  it('raises alerts at the 3rd and 5th consecutive failure and disables the webhook after the 10th', async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    const raised: string[] = [];
    t.engine.bus.on('alert.raised', (a) => raised.push(`${a.kind}@${a.consecutiveFailures}`));
    const w = t.engine.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [], jitter: false } });
    for (let i = 0; i < 10; i++) await failOnce();
    expect(raised).toEqual(['failing@3', 'failing@5', 'disabled@10']);
    const after = t.engine.webhooks.get(w.id);
    expect(after).toMatchObject({ enabled: false, consecutiveFailures: 10 });
    expect(after.disabledReason).toMatch(/10 consecutive failures/);
    const alerts = t.engine.listAlerts();
    expect(alerts.every((a) => !a.read && a.webhookId === w.id)).toBe(true);
    expect(t.engine.store.alerts.unreadCount('ws_default')).toBe(3);
    expect(t.engine.markAlertsRead([alerts[0]!.id])).toBe(1);
    expect(t.engine.store.alerts.unreadCount('ws_default')).toBe(2);
    expect(() => t.engine.markAlertsRead(['alr_nope'])).toThrow(expect.objectContaining({ code: 'not_found' }));
    // a disabled webhook gets no new deliveries
    expect((await t.engine.deliveries.fire({ type: 'user.created' })).deliveries).toEqual([]);
  });

  it('resets the counter on any success', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 500 }, { status: 200 }, { status: 500 }]).start();
    t = startTestEngine();
    const w = t.engine.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [], jitter: false } });
    await failOnce();
    await failOnce();
    expect(t.engine.webhooks.get(w.id).consecutiveFailures).toBe(2);
    const ok = (await t.engine.deliveries.fire({ type: 'user.created' })).deliveries[0]!;
    await eventually(() => t.engine.deliveries.detail(ok.id).status === 'success');
    expect(t.engine.webhooks.get(w.id).consecutiveFailures).toBe(0);
    await failOnce();
    expect(t.engine.webhooks.get(w.id).consecutiveFailures).toBe(1);
    expect(t.engine.listAlerts()).toEqual([]);
  });

  it('uses configured thresholds, pauses a disabled webhook\'s retries and resumes them on re-enable', async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    t.engine.updateSettings({ alerts: { alertAt: [1], disableAfter: 2 } });
    const w = t.engine.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [0.1, 0.1, 0.1], jitter: false } });
    const id = (await t.engine.deliveries.fire({ type: 'user.created' })).deliveries[0]!.id;
    await eventually(() => !t.engine.webhooks.get(w.id).enabled);
    expect(t.engine.listAlerts().map((a) => a.kind).sort()).toEqual(['disabled', 'failing']);
    const paused = t.engine.deliveries.detail(id);
    expect(paused.status).toBe('retrying');
    expect(paused.nextAttemptAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(server.calls).toHaveLength(2); // paused: the due retry did not fire
    server.script([{ status: 200 }]);
    const enabled = t.engine.webhooks.setEnabled(w.id, true);
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    const d = await eventually(() => { const x = t.engine.deliveries.detail(id); return x.status === 'success' && x; });
    expect(d.attempts).toHaveLength(3);
  });

  it('rejects bad thresholds and writes nothing', () => {
    t = startTestEngine();
    expect(() => t.engine.updateSettings({ alerts: { alertAt: [], disableAfter: 10 } })).toThrow(expect.objectContaining({ code: 'validation', field: 'alerts.alertAt' }));
    expect(t.engine.getSettings().alerts).toEqual({ alertAt: [3, 5, 10], disableAfter: 10 });
  });
});
