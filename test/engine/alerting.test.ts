import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';
import { judgeFailure } from '../../src-main/engine/delivery/alerting';

describe('alerting and auto-disable', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  async function failOnce(type = 'user.created') {
    const { deliveries } = await t.sender.deliveries.fire({ type });
    if (!deliveries[0]) return null;
    return eventually(() => t.sender.deliveries.detail(deliveries[0]!.id).status === 'failed');
  }

  it('raises alerts at the 3rd and 5th consecutive failure and disables the webhook after the 10th', async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    t.sender.updateSettings({ alerts: { alertAt: [3, 5, 10], disableAfter: 10, disableAfterMinutes: 0 } }); // the count alone
    const raised: string[] = [];
    t.sender.bus.on('alert.raised', (a) => raised.push(`${a.kind}@${a.consecutiveFailures}`));
    const w = t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [], jitter: false },
    });
    for (let i = 0; i < 10; i++) await failOnce();
    expect(raised).toEqual(['failing@3', 'failing@5', 'disabled@10']);
    const after = t.sender.webhooks.get(w.id);
    expect(after).toMatchObject({ enabled: false, consecutiveFailures: 10 });
    expect(after.disabledReason).toMatch(/10 consecutive failures/);
    const alerts = t.sender.listAlerts();
    expect(alerts.every((a) => !a.read && a.webhookId === w.id)).toBe(true);
    expect(t.sender.store.alerts.unreadCount('ws_default')).toBe(3);
    expect(t.sender.markAlertsRead([alerts[0]!.id])).toBe(1);
    expect(t.sender.store.alerts.unreadCount('ws_default')).toBe(2);
    expect(() => t.sender.markAlertsRead(['alr_nope'])).toThrow(expect.objectContaining({ code: 'not_found' }));
    // a disabled webhook gets no new deliveries
    expect((await t.sender.deliveries.fire({ type: 'user.created' })).deliveries).toEqual([]);
  });

  it('by default a burst of failures raises the alerts but disables only once the streak has lasted 5 minutes', async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    expect(t.sender.getSettings().alerts.disableAfterMinutes).toBe(5);
    const raised: string[] = [];
    t.sender.bus.on('alert.raised', (a) => raised.push(`${a.kind}@${a.consecutiveFailures}`));
    const w = t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [], jitter: false },
    });
    // Ten concurrent failures (an endpoint down for a moment while its developer restarts it).
    const fired = await t.sender.deliveries.fireMany(Array.from({ length: 12 }, () => ({ type: 'user.created' })));
    for (const f of fired) await eventually(() => t.sender.deliveries.detail(f.deliveries[0]!.id).status === 'failed');
    expect(raised).toEqual(['failing@3', 'failing@5', 'failing@10']);
    const during = t.sender.webhooks.get(w.id);
    expect(during).toMatchObject({ enabled: true, consecutiveFailures: 12 });
    expect(during.failingSince).toBeGreaterThan(Date.now() - 60_000);

    // The same streak, begun 6 minutes ago (as read back after a restart): the next failure disables.
    await t.sender.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(t.dbFile);
    db.prepare('UPDATE webhooks SET failing_since = ? WHERE id = ?').run(Date.now() - 6 * 60_000, w.id);
    db.close();
    await t.reopen();
    t.sender.bus.on('alert.raised', (a) => raised.push(`${a.kind}@${a.consecutiveFailures}`));
    await failOnce();
    const after = t.sender.webhooks.get(w.id);
    expect(after).toMatchObject({ enabled: false, consecutiveFailures: 13 });
    expect(after.disabledReason).toBe('disabled after 13 consecutive failures over 6 min');
    expect(raised.at(-1)).toBe('disabled@13');
    // Enabling by hand starts the streak over.
    expect(t.sender.webhooks.setEnabled(w.id, true)).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  it('judges a failure by its count and by how long the streak has lasted', () => {
    const th = { alertAt: [3], disableAfter: 10, disableAfterMinutes: 5 };
    expect(judgeFailure(10, 4 * 60_000, th, true)).toEqual({ alert: null, disable: false });
    expect(judgeFailure(10, 5 * 60_000, th, true)).toEqual({ alert: 'disabled', disable: true });
    expect(judgeFailure(9, 60 * 60_000, th, true)).toEqual({ alert: null, disable: false });
    expect(judgeFailure(10, 0, { ...th, disableAfterMinutes: 0 }, true)).toEqual({ alert: 'disabled', disable: true });
    expect(judgeFailure(3, 0, th, true)).toEqual({ alert: 'failing', disable: false });
  });

  it('an old database (no streak start) and a stored alerts setting without the new field read back with defaults', async () => {
    t = startTestEngine();
    t.sender.store.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('alerts', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify({ alertAt: [2], disableAfter: 4 }));
    await t.reopen();
    expect(t.sender.getSettings().alerts).toEqual({ alertAt: [2], disableAfter: 4, disableAfterMinutes: 5 });
  });

  it('resets the counter on any success', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 500 }, { status: 200 }, { status: 500 }]).start();
    t = startTestEngine();
    const w = t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [], jitter: false },
    });
    await failOnce();
    await failOnce();
    expect(t.sender.webhooks.get(w.id).consecutiveFailures).toBe(2);
    const ok = (await t.sender.deliveries.fire({ type: 'user.created' })).deliveries[0]!;
    await eventually(() => t.sender.deliveries.detail(ok.id).status === 'success');
    expect(t.sender.webhooks.get(w.id).consecutiveFailures).toBe(0);
    await failOnce();
    expect(t.sender.webhooks.get(w.id).consecutiveFailures).toBe(1);
    expect(t.sender.listAlerts()).toEqual([]);
  });

  it("uses configured thresholds, pauses a disabled webhook's retries and resumes them on re-enable", async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    t.sender.updateSettings({ alerts: { alertAt: [1], disableAfter: 2, disableAfterMinutes: 0 } });
    const w = t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [0.1, 0.1, 0.1], jitter: false },
    });
    const id = (await t.sender.deliveries.fire({ type: 'user.created' })).deliveries[0]!.id;
    await eventually(() => !t.sender.webhooks.get(w.id).enabled);
    expect(
      t.sender
        .listAlerts()
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['disabled', 'failing']);
    const paused = t.sender.deliveries.detail(id);
    expect(paused.status).toBe('retrying');
    expect(paused.nextAttemptAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(server.calls).toHaveLength(2); // paused: the due retry did not fire
    server.script([{ status: 200 }]);
    const enabled = t.sender.webhooks.setEnabled(w.id, true);
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    const d = await eventually(() => {
      const x = t.sender.deliveries.detail(id);
      return x.status === 'success' && x;
    });
    expect(d.attempts).toHaveLength(3);
  });

  it('rejects bad thresholds and writes nothing', () => {
    t = startTestEngine();
    expect(() =>
      t.sender.updateSettings({ alerts: { alertAt: [], disableAfter: 10, disableAfterMinutes: 5 } }),
    ).toThrow(expect.objectContaining({ code: 'validation', field: 'alerts.alertAt' }));
    expect(t.sender.getSettings().alerts).toEqual({ alertAt: [3, 5, 10], disableAfter: 10, disableAfterMinutes: 5 });
  });
});
