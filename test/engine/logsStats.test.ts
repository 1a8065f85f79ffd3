import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stats, StatsTotals } from '../../src-main/api/logTypes';
import { bucketOf, bucketValue } from '../../src-main/engine/logs/durationPercentile';
import { searchDeliveries } from '../../src-main/engine/logs/deliverySearch';
import { computeStats, webhookSummaries, type StatsSearch } from '../../src-main/engine/logs/stats';
import { openDatabase, type Db } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { runBatch, WriteBatchBuilder } from '../../src-main/engine/store/writeBatch';
import { writeOutcome, writeState } from '../../src-main/engine/delivery/deliveryWrites';
import type { Delivery } from '../../src-main/api/types';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';
import { tempDir } from '../support/tmp';
import {
  addWebhook,
  addWorkspace,
  generateDeliveries,
  insertDeliveries,
  OTHER_WS,
  seeded,
  type FixtureDelivery,
} from './logsFixture';

const WS = DEFAULT_WORKSPACE_ID;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAY0 = Date.UTC(2025, 2, 10); // a UTC midnight

let tmp: ReturnType<typeof tempDir>;
let store: Store;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'hookbench.db'));
  addWorkspace(store.db, OTHER_WS);
  for (const w of ['wh_a', 'wh_b']) addWebhook(store.db, w);
  addWebhook(store.db, 'wh_other', OTHER_WS);
});
afterEach(() => {
  store?.close();
  tmp?.cleanup();
});

const stats = (q: Omit<StatsSearch, 'workspaceId'>, workspaceId = WS) => computeStats(store.db, { ...q, workspaceId });

function delivery(
  id: string,
  webhookId: string,
  eventType: string,
  status: FixtureDelivery['status'],
  createdAt: number,
  durations: number[],
  attemptCount = durations.length,
): FixtureDelivery {
  return {
    id,
    workspaceId: WS,
    webhookId,
    eventId: `msg_${id}`,
    eventType,
    status,
    attemptCount,
    createdAt,
    durations,
    lastStatusCode: status === 'success' ? 200 : status === 'pending' ? null : 500,
    lastError: null,
    body: '{}',
  };
}

describe('statistics by hand', () => {
  const H0 = DAY0 + 5 * HOUR;
  beforeEach(() => {
    insertDeliveries(store.db, [
      delivery('d1', 'wh_a', 'user.created', 'success', H0 + 1000, [10]),
      delivery('d2', 'wh_a', 'user.created', 'failed', H0 + 2000, [20, 30, 40]),
      delivery('d3', 'wh_a', 'order.created', 'success', H0 + HOUR + 5, [50, 60]),
      delivery('d4', 'wh_b', 'user.created', 'retrying', H0 + HOUR + 6, [70]),
      delivery('d5', 'wh_b', 'order.created', 'pending', H0 + 2 * HOUR + 30 * 60_000, []),
      delivery('d6', 'wh_b', 'user.created', 'cancelled', H0 + 2 * HOUR + 31 * 60_000, [80]),
      // Outside the range, and another workspace: never counted.
      delivery('d7', 'wh_a', 'user.created', 'failed', H0 + 3 * HOUR, [999]),
      { ...delivery('d8', 'wh_other', 'user.created', 'failed', H0 + 1000, [999]), workspaceId: OTHER_WS },
    ]);
  });

  it('counts totals, success rate, average attempts, average and p95 duration', () => {
    const s = stats({ from: H0, to: H0 + 3 * HOUR });
    expect(s.totals).toEqual<StatsTotals>({
      total: 6,
      succeeded: 2,
      failed: 1,
      inProgress: 2,
      successRate: 2 / 3,
      avgAttempts: (1 + 3 + 2) / 3,
      avgDurationMs: 45,
      p95DurationMs: 80,
    });
  });

  it('breaks them down by event type and by webhook, biggest first', () => {
    const s = stats({ from: H0, to: H0 + 3 * HOUR });
    expect(s.byEventType).toEqual([
      {
        eventType: 'user.created',
        total: 4,
        succeeded: 1,
        failed: 1,
        inProgress: 1,
        successRate: 0.5,
        avgAttempts: 2,
        avgDurationMs: 250 / 6,
        p95DurationMs: 80,
      },
      {
        eventType: 'order.created',
        total: 2,
        succeeded: 1,
        failed: 0,
        inProgress: 1,
        successRate: 1,
        avgAttempts: 2,
        avgDurationMs: 55,
        p95DurationMs: 60,
      },
    ]);
    expect(s.byWebhook).toEqual([
      {
        webhookId: 'wh_a',
        total: 3,
        succeeded: 2,
        failed: 1,
        inProgress: 0,
        successRate: 2 / 3,
        avgAttempts: 2,
        avgDurationMs: 35,
        p95DurationMs: 60,
      },
      {
        webhookId: 'wh_b',
        total: 3,
        succeeded: 0,
        failed: 0,
        inProgress: 2,
        successRate: null,
        avgAttempts: null,
        avgDurationMs: 75,
        p95DurationMs: 80,
      },
    ]);
  });

  it('gives an hourly series with empty hours filled, and a daily one', () => {
    expect(stats({ from: H0 - HOUR, to: H0 + 4 * HOUR, bucket: 'hour' }).series).toEqual([
      { t: H0 - HOUR, total: 0, succeeded: 0, failed: 0 },
      { t: H0, total: 2, succeeded: 1, failed: 1 },
      { t: H0 + HOUR, total: 2, succeeded: 1, failed: 0 },
      { t: H0 + 2 * HOUR, total: 2, succeeded: 0, failed: 0 },
      { t: H0 + 3 * HOUR, total: 1, succeeded: 0, failed: 1 },
    ]);
    const daily = stats({ from: DAY0 - DAY, to: DAY0 + 2 * DAY, bucket: 'day' });
    expect(daily.bucket).toBe('day');
    expect(daily.series).toEqual([
      { t: DAY0 - DAY, total: 0, succeeded: 0, failed: 0 },
      { t: DAY0, total: 7, succeeded: 2, failed: 2 },
      { t: DAY0 + DAY, total: 0, succeeded: 0, failed: 0 },
    ]);
  });

  it('narrows everything to one webhook', () => {
    const s = stats({ from: H0, to: H0 + 3 * HOUR, webhookId: 'wh_b' });
    expect(s.totals).toMatchObject({ total: 3, succeeded: 0, inProgress: 2, avgDurationMs: 75, p95DurationMs: 80 });
    expect(s.byWebhook.map((w) => w.webhookId)).toEqual(['wh_b']);
    expect(s.byEventType.map((t) => [t.eventType, t.total])).toEqual([
      ['user.created', 2],
      ['order.created', 1],
    ]);
  });

  it('counts a range that does not start or end on the hour exactly (from inclusive, to exclusive)', () => {
    const s = stats({ from: H0 + 2000, to: H0 + HOUR + 6 });
    expect(s.totals).toMatchObject({
      total: 2,
      succeeded: 1,
      failed: 1,
      avgDurationMs: (20 + 30 + 40 + 50 + 60) / 5,
      p95DurationMs: 60,
    });
  });

  it('is empty, not an error, for a range without deliveries', () => {
    const s = stats({ from: DAY0 - 10 * DAY, to: DAY0 - 9 * DAY, bucket: 'day' });
    expect(s.totals).toEqual({
      total: 0,
      succeeded: 0,
      failed: 0,
      inProgress: 0,
      successRate: null,
      avgAttempts: null,
      avgDurationMs: null,
      p95DurationMs: null,
    });
    expect(s.byEventType).toEqual([]);
    expect(s.series).toEqual([{ t: DAY0 - 10 * DAY, total: 0, succeeded: 0, failed: 0 }]);
  });

  it('rejects a range whose end is not after its start', () => {
    expect(() => stats({ from: H0, to: H0 })).toThrow(expect.objectContaining({ code: 'validation', field: 'to' }));
  });
});

describe('percentiles', () => {
  it('reads p95 back from 2 % buckets: exact below 100 ms, within 1.5 % above', () => {
    const durations = Array.from({ length: 200 }, (_, i) => 100 + i * 37); // 100 … 7463 ms
    insertDeliveries(
      store.db,
      durations.map((ms, i) => delivery(`p${i}`, 'wh_a', 'user.created', 'success', DAY0 + i, [ms])),
    );
    const exact = [...durations].sort((a, b) => a - b)[Math.ceil(0.95 * durations.length) - 1]!;
    const p95 = stats({ from: DAY0, to: DAY0 + DAY }).totals.p95DurationMs!;
    expect(Math.abs(p95 - exact) / exact).toBeLessThanOrEqual(0.015);
    expect(p95).toBe(bucketValue(bucketOf(exact)));
    for (let ms = 0; ms < 100; ms++) expect(bucketValue(bucketOf(ms))).toBe(ms);
    for (let ms = 100; ms < 100_000; ms += 7)
      expect(Math.abs(bucketValue(bucketOf(ms)) - ms) / ms).toBeLessThanOrEqual(0.015);
  });
});

/** The statistics computed the slow, obvious way from the deliveries and attempts tables. */
function bruteForce(
  db: Db,
  q: { workspaceId: string; from: number; to: number; webhookId?: string; bucketMs: number },
) {
  const deliveries = (
    db.prepare('SELECT * FROM deliveries').all() as {
      id: string;
      workspace_id: string;
      webhook_id: string;
      event_type: string;
      status: string;
      attempt_count: number;
      created_at: number;
    }[]
  ).filter(
    (d) =>
      d.workspace_id === q.workspaceId &&
      d.created_at >= q.from &&
      d.created_at < q.to &&
      (q.webhookId === undefined || d.webhook_id === q.webhookId),
  );
  const durations = new Map<string, number[]>();
  for (const a of db.prepare('SELECT delivery_id, duration_ms FROM attempts WHERE duration_ms IS NOT NULL').all() as {
    delivery_id: string;
    duration_ms: number;
  }[]) {
    durations.set(a.delivery_id, [...(durations.get(a.delivery_id) ?? []), a.duration_ms]);
  }
  const totals = (ds: typeof deliveries): StatsTotals => {
    const succeeded = ds.filter((d) => d.status === 'success').length;
    const failed = ds.filter((d) => d.status === 'failed').length;
    const finished = ds.filter((d) => d.status === 'success' || d.status === 'failed');
    const ms = ds.flatMap((d) => durations.get(d.id) ?? []).sort((a, b) => a - b);
    return {
      total: ds.length,
      succeeded,
      failed,
      inProgress: ds.filter((d) => ['pending', 'sending', 'retrying'].includes(d.status)).length,
      successRate: finished.length ? succeeded / finished.length : null,
      avgAttempts: finished.length ? finished.reduce((s, d) => s + d.attempt_count, 0) / finished.length : null,
      avgDurationMs: ms.length ? ms.reduce((s, v) => s + v, 0) / ms.length : null,
      p95DurationMs: ms.length ? bucketValue(bucketOf(ms[Math.ceil(0.95 * ms.length) - 1]!)) : null,
    };
  };
  const groupBy = (key: (d: (typeof deliveries)[number]) => string) => {
    const m = new Map<string, typeof deliveries>();
    for (const d of deliveries) m.set(key(d), [...(m.get(key(d)) ?? []), d]);
    return m;
  };
  const series = new Map<number, { total: number; succeeded: number; failed: number }>();
  for (const d of deliveries) {
    const t = d.created_at - (d.created_at % q.bucketMs);
    const p = series.get(t) ?? { total: 0, succeeded: 0, failed: 0 };
    p.total++;
    if (d.status === 'success') p.succeeded++;
    if (d.status === 'failed') p.failed++;
    series.set(t, p);
  }
  return {
    totals: totals(deliveries),
    byEventType: new Map([...groupBy((d) => d.event_type)].map(([k, ds]) => [k, totals(ds)])),
    byWebhook: new Map([...groupBy((d) => d.webhook_id)].map(([k, ds]) => [k, totals(ds)])),
    series,
  };
}

function expectSameAsBruteForce(s: Stats, q: Parameters<typeof bruteForce>[1], label: string) {
  const want = bruteForce(store.db, q);
  const close = (t: StatsTotals) => ({
    ...t,
    avgDurationMs: t.avgDurationMs === null ? null : Math.round(t.avgDurationMs * 1e6) / 1e6,
    successRate: t.successRate === null ? null : Math.round(t.successRate * 1e9) / 1e9,
    avgAttempts: t.avgAttempts === null ? null : Math.round(t.avgAttempts * 1e9) / 1e9,
  });
  expect(close(s.totals), label).toEqual(close(want.totals));
  expect(new Map(s.byEventType.map(({ eventType, ...t }) => [eventType, close(t)])), label).toEqual(
    new Map([...want.byEventType].map(([k, t]) => [k, close(t)])),
  );
  expect(new Map(s.byWebhook.map(({ webhookId, ...t }) => [webhookId, close(t)])), label).toEqual(
    new Map([...want.byWebhook].map(([k, t]) => [k, close(t)])),
  );
  const nonEmpty = s.series.filter((p) => p.total > 0);
  expect(new Map(nonEmpty.map(({ t, ...p }) => [t, p])), label).toEqual(want.series);
  expect(
    s.series.every((p) => p.t % q.bucketMs === 0),
    label,
  ).toBe(true);
}

describe('statistics against a brute-force count', () => {
  let rows: FixtureDelivery[];
  beforeEach(() => {
    rows = [
      ...generateDeliveries(1500, { start: DAY0, webhooks: ['wh_a', 'wh_b'], seed: 11 }),
      ...generateDeliveries(200, { start: DAY0, webhooks: ['wh_other'], workspaceId: OTHER_WS, seed: 12, prefix: 'o' }),
    ];
    insertDeliveries(store.db, rows);
  });

  it('agrees for aligned and unaligned ranges, hourly and daily, with and without a webhook', () => {
    const random = seeded(5);
    const last = rows[rows.length - 201]!.createdAt;
    const span = last - DAY0;
    const cases: Parameters<typeof bruteForce>[1][] = [
      { workspaceId: WS, from: DAY0, to: last + 1, bucketMs: HOUR },
      { workspaceId: WS, from: DAY0, to: DAY0 + 3 * DAY, bucketMs: DAY },
      { workspaceId: WS, from: DAY0 + 7 * HOUR, to: DAY0 + DAY + 5 * HOUR, bucketMs: HOUR },
      { workspaceId: WS, from: DAY0 + 7 * HOUR + 1, to: DAY0 + 7 * HOUR + 2000, bucketMs: HOUR }, // inside one hour
    ];
    for (let i = 0; i < 30; i++) {
      const from = DAY0 + Math.floor(random() * span);
      const to = from + 1 + Math.floor(random() * (span / 2));
      const align = random() < 0.3;
      cases.push({
        workspaceId: WS,
        from: align ? from - (from % HOUR) : from,
        to: align ? to - (to % HOUR) + HOUR : to,
        bucketMs: random() < 0.5 ? HOUR : DAY,
        webhookId: random() < 0.3 ? 'wh_b' : undefined,
      });
    }
    for (const c of cases) {
      const s = stats({ from: c.from, to: c.to, webhookId: c.webhookId, bucket: c.bucketMs === DAY ? 'day' : 'hour' });
      expectSameAsBruteForce(s, c, JSON.stringify(c));
    }
  });

  it('stays exact as deliveries change: attempts, status changes, retention, a deleted webhook', () => {
    const repo = store.deliveries;
    const random = seeded(21);
    const whole = { workspaceId: WS, from: DAY0 - DAY, to: DAY0 + 60 * DAY, bucketMs: DAY };
    const check = (label: string) =>
      expectSameAsBruteForce(stats({ from: whole.from, to: whole.to, bucket: 'day' }), whole, label);
    check('before');
    // Pending and retrying deliveries get another attempt, timed, and an outcome — written as the engine writes them.
    const write = (fill: (b: WriteBatchBuilder) => void) => {
      const b = new WriteBatchBuilder();
      fill(b);
      return runBatch(store.db, b.build());
    };
    for (const r of rows
      .filter((r) => r.workspaceId === WS && (r.status === 'pending' || r.status === 'retrying'))
      .slice(0, 120)) {
      const now = r.createdAt + 1000;
      const ok = random() < 0.5;
      const ms = Math.floor(random() * 900);
      const before = repo.get(r.id)!;
      const after: Delivery = {
        ...before,
        status: ok ? 'success' : 'failed',
        attemptCount: before.attemptCount + 1,
        nextAttemptAt: null,
        lastStatusCode: ok ? 200 : 500,
        lastDurationMs: ms,
        updatedAt: now + ms,
        completedAt: now + ms,
      };
      const attempt = {
        deliveryId: r.id,
        number: after.attemptCount,
        trigger: 'scheduled' as const,
        scheduledAt: now,
        startedAt: now,
        finishedAt: now + ms,
        durationMs: ms,
        request: { method: 'POST', url: 'http://127.0.0.1:9/hook', headers: {} },
        response: { status: ok ? 200 : 500, headers: {}, body: '', truncated: false },
        errorClass: ok ? null : ('http' as const),
        errorMessage: ok ? null : 'HTTP 500',
      };
      expect(write((b) => writeOutcome(b, { before, after, attempt }))[0]).toBe(1);
      // The same outcome again is stale (the delivery moved on): nothing of it is written.
      expect(
        write((b) => writeOutcome(b, { before, after: { ...after, attemptCount: after.attemptCount + 1 }, attempt })),
      ).toEqual([null, null]);
    }
    check('after attempts and outcomes');
    for (const r of rows.filter((r) => r.workspaceId === WS && r.status === 'failed').slice(0, 30)) {
      const before = repo.get(r.id)!;
      write((b) =>
        writeState(b, before, {
          ...before,
          status: 'retrying',
          nextAttemptAt: r.createdAt + 5000,
          completedAt: null,
          updatedAt: r.createdAt + 5000,
        }),
      );
    }
    check('after rescheduling');
    store.db.prepare('UPDATE attempts SET duration_ms = duration_ms + 1000 WHERE id % 7 = 0').run();
    store.db.prepare('DELETE FROM attempts WHERE id % 11 = 0').run();
    check('after attempts changed and deleted');
    expect(repo.deleteOlderThan(DAY0 + 3 * DAY, DAY0 + 2 * DAY)).toBeGreaterThan(0);
    check('after retention');
    store.db.prepare("DELETE FROM webhooks WHERE id = 'wh_a'").run();
    check('after a webhook (and its deliveries) was deleted');
    store.db.prepare('DELETE FROM deliveries').run();
    check('after deleting everything');
    for (const table of ['delivery_rollup', 'delivery_rollup_day', 'duration_rollup']) {
      expect(store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });
});

describe('default range', () => {
  it('is the last 7 days by hour (168 points up to this hour) and the last 30 days by day', () => {
    const now = Date.now();
    insertDeliveries(store.db, [
      delivery('recent', 'wh_a', 'user.created', 'success', now - HOUR, [5]),
      delivery('week', 'wh_a', 'user.created', 'failed', now - 8 * DAY, [5]),
      delivery('month', 'wh_a', 'user.created', 'failed', now - 31 * DAY, [5]),
    ]);
    const hourly = stats({});
    expect(hourly.totals.total).toBe(1);
    expect(hourly.series).toHaveLength(168);
    expect(hourly.series[167]!.t).toBe(now - (now % HOUR));
    const daily = stats({ bucket: 'day' });
    expect(daily.totals).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
    expect(daily.series).toHaveLength(30);
    expect(daily.series[29]!.t).toBe(now - (now % DAY));
  });
});

describe('webhook summaries', () => {
  it('gives each webhook its success rate over its last 1000 deliveries and its latest delivery', () => {
    const old = Array.from({ length: 200 }, (_, i) =>
      delivery(`old${i}`, 'wh_a', 'user.created', 'failed', DAY0 + i, [1]),
    );
    const recent = Array.from({ length: 1000 }, (_, i) =>
      delivery(
        `new${String(i).padStart(4, '0')}`,
        'wh_a',
        'user.created',
        i % 10 === 0 ? 'failed' : i % 50 === 1 ? 'pending' : 'success',
        DAY0 + DAY + i,
        [1],
      ),
    );
    insertDeliveries(store.db, [
      ...old,
      ...recent,
      { ...delivery('x', 'wh_other', 'user.created', 'success', DAY0, [1]), workspaceId: OTHER_WS },
    ]);
    addWebhook(store.db, 'wh_idle');
    const summaries = webhookSummaries(store.db, WS);
    const succeeded = recent.filter((d) => d.status === 'success').length;
    const failed = recent.filter((d) => d.status === 'failed').length;
    expect(summaries.get('wh_a')).toEqual({
      successRate: succeeded / (succeeded + failed),
      lastDeliveryAt: DAY0 + DAY + 999,
      lastDeliveryStatus: 'success',
    });
    expect(summaries.get('wh_idle')).toEqual({ successRate: null, lastDeliveryAt: null, lastDeliveryStatus: null });
    expect(summaries.has('wh_other')).toBe(false);
    expect([...summaries.keys()].sort()).toEqual(['wh_a', 'wh_b', 'wh_idle']);
  });
});

describe('a database from before migration 003', () => {
  it('gets its roll-ups and its search index filled from the rows already there', () => {
    const file = join(tmp.dir, 'old.db');
    // The old schema, written the way that Hookbench wrote it (raw rows; today's repositories expect today's columns).
    const old = {
      db: openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 3) }),
      close: () => old.db.close(),
    };
    old.db.prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?, 'Default', 0)").run(WS);
    addWebhook(old.db, 'wh_a');
    const rows = generateDeliveries(300, { start: DAY0, webhooks: ['wh_a'], seed: 31 });
    insertDeliveries(old.db, rows);
    old.close();
    store.close();
    store = openStore(file);
    const q = { workspaceId: WS, from: DAY0, to: DAY0 + 30 * DAY, bucketMs: HOUR };
    expectSameAsBruteForce(stats({ from: q.from, to: q.to }), q, 'migrated');
    const needles = searchDeliveries(store.db, { workspaceId: WS, q: 'needle', limit: 500 }).items.map((d) => d.id);
    expect(needles.sort()).toEqual(
      rows
        .filter((r) => r.body.includes('needle'))
        .map((r) => r.id)
        .sort(),
    );
  });
});

describe('with the real engine', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  it('matches what the engine recorded: outcomes, attempts and their durations', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 200, delayMs: 30 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [0.05], jitter: false } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await t.sender.deliveries.fire({ type: 'order.created' })).deliveries[0]!.id);
    const done = await eventually(() => {
      const ds = ids.map((id) => t.sender.deliveries.detail(id));
      return ds.every((d) => d.status === 'success' || d.status === 'failed') && ds;
    });
    const s = computeStats(t.sender.store.db, { workspaceId: WS });
    const attempts = done.flatMap((d) => d.attempts);
    expect(s.totals).toMatchObject({
      total: 3,
      succeeded: 3,
      failed: 0,
      inProgress: 0,
      successRate: 1,
      avgAttempts: attempts.length / 3,
    });
    expect(s.totals.avgDurationMs).toBeCloseTo(
      attempts.reduce((sum, a) => sum + a.durationMs!, 0) / attempts.length,
      6,
    );
    const sorted = attempts.map((a) => a.durationMs!).sort((a, b) => a - b);
    expect(s.totals.p95DurationMs).toBe(bucketValue(bucketOf(sorted[Math.ceil(0.95 * sorted.length) - 1]!)));
    expect(s.byEventType.map((e) => e.eventType)).toEqual(['order.created']);
    expect(s.series.reduce((sum, p) => sum + p.total, 0)).toBe(3);
  });
});
