import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { ScriptedServer } from '../support/scriptedServer';
import { insertDeliveries } from './logsFixture';

const count = (t: TestEngine, table: string) =>
  (t.sender.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('events', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  it('fires with the sample payload when no data is given, in a unique envelope', async () => {
    server = await new ScriptedServer().start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'] });
    const a = await t.sender.deliveries.fire({ type: 'user.created' });
    const b = await t.sender.deliveries.fire({ type: 'user.created' });
    expect(a.event.id).not.toBe(b.event.id);
    expect(Object.keys(a.event)).toEqual(['id', 'type', 'timestamp', 'data']);
    expect(a.event.data).toEqual(t.sender.events.findType('ws_default', 'user.created')!.sample);
    expect(new Date(a.event.timestamp).toISOString()).toBe(a.event.timestamp);
  });

  it.each([
    ['an unknown event type', { type: 'user.exploded' }, 'type', /unknown event type/],
    ['a malformed event type', { type: 'nodots' }, 'type', undefined],
    ['data that is an array', { type: 'user.created', data: [1, 2] }, 'data', /JSON object/],
    ['data that is a string', { type: 'user.created', data: 'hello' }, 'data', /JSON object/],
    ['a payload over 1 MiB', { type: 'user.created', data: { blob: 'x'.repeat(1024 * 1024) } }, 'data', /1 MiB/],
    ['an unknown workspace', { type: 'user.created', workspaceId: 'ws_nope' }, 'workspaceId', /does not exist/],
  ])('rejects %s with a field error and writes nothing', async (_n, input, field, message) => {
    t = startTestEngine();
    t.sender.webhooks.create({ url: 'http://127.0.0.1:1/', subscriptions: ['*'] });
    let error: any;
    try {
      await t.sender.deliveries.fire(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ field });
    expect(['validation', 'not_found']).toContain(error.code);
    if (message) expect(error.message).toMatch(message);
    expect(count(t, 'events')).toBe(0);
    expect(count(t, 'deliveries')).toBe(0);
  });

  it('accepts custom event types per workspace', async () => {
    t = startTestEngine();
    t.sender.store.workspaces.insert({ id: 'ws_b', name: 'B', createdAt: Date.now() });
    const custom = t.sender.events.addCustomType({
      type: 'build.finished',
      description: 'CI build finished',
      sample: { ok: true },
    });
    expect(custom).toMatchObject({ type: 'build.finished', category: 'build', custom: true });
    expect((await t.sender.deliveries.fire({ type: 'build.finished' })).event.data).toEqual({ ok: true });
    await expect(t.sender.deliveries.fire({ type: 'build.finished', workspaceId: 'ws_b' })).rejects.toMatchObject({
      field: 'type',
    });
    expect(() => t.sender.events.addCustomType({ type: 'user.created' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(
      t.sender.events
        .listTypes()
        .filter((e) => e.custom)
        .map((e) => e.type),
    ).toEqual(['build.finished']);
    t.sender.events.removeCustomType('ws_default', 'build.finished');
    expect(() => t.sender.events.removeCustomType('ws_default', 'build.finished')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});

describe('retention', () => {
  let t: TestEngine;
  afterEach(async () => t?.cleanup());

  it('deletes successful deliveries after 90 days and failed ones after 120 (configurable)', () => {
    t = startTestEngine();
    const w = t.sender.webhooks.create({ url: 'http://127.0.0.1:1/', subscriptions: ['*'], enabled: false });
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    const add = (id: string, status: 'success' | 'failed', ageDays: number) => {
      const at = now - ageDays * day;
      insertDeliveries(t.sender.store.db, [
        {
          id,
          workspaceId: 'ws_default',
          webhookId: w.id,
          eventId: `evt_${id}`,
          eventType: 'user.created',
          status,
          attemptCount: 1,
          lastStatusCode: status === 'success' ? 200 : 500,
          lastError: null,
          createdAt: at,
          body: '{}',
          durations: [5],
        },
      ]);
    };
    add('ok_new', 'success', 89);
    add('ok_old', 'success', 91);
    add('bad_new', 'failed', 119);
    add('bad_old', 'failed', 121);
    expect(t.sender.retention.runOnce(now)).toBe(2);
    const left = t.sender.store.db
      .prepare('SELECT id FROM deliveries ORDER BY id')
      .all()
      .map((r: any) => r.id);
    expect(left).toEqual(['bad_new', 'ok_new']);
    expect(count(t, 'events')).toBe(2);
    t.sender.updateSettings({ retention: { successDays: 30, failedDays: 30, requestDays: 30 } });
    expect(t.sender.retention.runOnce(now)).toBe(2);
  });
});

describe('fireMany', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  it('fires a burst in one transaction and delivers every event', async () => {
    server = await new ScriptedServer().start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'] });
    const fired = await t.sender.deliveries.fireMany(
      Array.from({ length: 50 }, (_, i) => ({ type: 'order.created', data: { n: i } })),
    );
    expect(new Set(fired.map((f) => f.event.id)).size).toBe(50);
    await server.waitForCalls(50);
    expect(server.calls.map((c) => JSON.parse(c.body.toString()).data.n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('writes none of them when one is bad, naming its index', async () => {
    t = startTestEngine();
    t.sender.webhooks.create({ url: 'http://127.0.0.1:1/', subscriptions: ['*'], enabled: false });
    await expect(t.sender.deliveries.fireMany([{ type: 'user.created' }, { type: 'user.nope' }])).rejects.toMatchObject(
      { code: 'validation', field: 'events.1.type' },
    );
    expect(count(t, 'events')).toBe(0);
  });
});
