/**
 * Issue "search, statistics and streaming export over the logs": list pages (unfiltered,
 * filtered, free text), statistics and a 100,000-row export against 1,000,000 stored
 * deliveries (one attempt each, 4 deliveries per event, spread over 90 days).
 */
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src-main/engine/store/database';
import { recountRollups } from '../../src-main/engine/store/rollupTally';
import { runBatch, WriteBatchBuilder } from '../../src-main/engine/store/writeBatch';
import { writeFired, writeOutcome } from '../../src-main/engine/delivery/deliveryWrites';
import type { Delivery } from '../../src-main/api/types';
import { exportToFile } from '../../src-main/engine/export/exporter';
import { computeStats } from '../../src-main/engine/logs/stats';
import { searchDeliveries, type DeliverySearch } from '../../src-main/engine/logs/deliverySearch';
import { queueAllForSearch, syncSearchIndex } from '../../src-main/engine/logs/searchIndex';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { percentile, round, sleep } from './stats';
import type { BenchContext, BenchSection, Figures } from './types';

const DAY_MS = 86_400_000;
const SPAN_MS = 90 * DAY_MS;
const FAN_OUT = 4;
const WEBHOOKS = 8;
const RUNS = 20;
const EXPORT_ROWS = 100_000;
export const PLANTED_SECRET = 'whsec_bENCHpLANTEDsECRETnEVERexported0000';
const TYPES = [
  'user.created',
  'user.updated',
  'user.deleted',
  'order.created',
  'order.updated',
  'order.completed',
  'payment.succeeded',
  'payment.failed',
  'invoice.paid',
  'device.online',
  'device.offline',
  'job.completed',
];
const WS = DEFAULT_WORKSPACE_ID;

/**
 * Fills `db` with `n` deliveries through prepared statements in big transactions (the
 * migrations' triggers — text index, roll-ups — run as they would in use). Every 1000th event
 * carries the word "zebra", every 20th "mango", each one of 5000 "customerN" words, all "usd".
 * The webhook `wh_rare` gets one delivery in 1000.
 */
export function seedDeliveries(db: Db, n: number, now = Date.now(), log: (l: string) => void = () => {}): void {
  const hooks = [...Array.from({ length: WEBHOOKS - 1 }, (_, i) => `wh_bench_${i}`), 'wh_rare'];
  const insertWebhook =
    db.prepare(`INSERT OR IGNORE INTO webhooks (id, workspace_id, name, url, subscriptions, scheme, secret,
    timeout_ms, retry_policy, created_at, updated_at) VALUES (?, ?, ?, 'http://127.0.0.1:9/hook', '["*"]', 'standard', ?, 30000, '{}', ?, ?)`);
  for (const h of hooks) insertWebhook.run(h, WS, h, PLANTED_SECRET, now, now);
  const insertEvent = db.prepare(
    'INSERT INTO events (id, workspace_id, type, body, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertDelivery =
    db.prepare(`INSERT INTO deliveries (id, workspace_id, webhook_id, event_id, event_type, status, attempt_count,
    next_attempt_at, last_status_code, last_error, last_duration_ms, created_at, updated_at, completed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`);
  const insertAttempt =
    db.prepare(`INSERT INTO attempts (delivery_id, number, trigger, scheduled_at, started_at, finished_at, duration_ms,
    request_method, request_url, request_headers, response_status, response_headers, response_body, error_class, error_message)
    VALUES (?, 1, 'scheduled', ?, ?, ?, ?, 'POST', 'http://127.0.0.1:9/hook?src=bench', ?, ?, ?, ?, ?, ?)`);
  const responseHeaders = JSON.stringify({ 'content-type': 'application/json', 'x-request-id': 'req_bench' });
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const events = Math.ceil(n / FAN_OUT);
  const chunk = 25_000;
  const started = performance.now();
  for (let first = 0; first < events; first += chunk) {
    db.transaction(() => {
      for (let e = first; e < Math.min(events, first + chunk); e++) {
        const t = now - SPAN_MS + Math.floor((e / events) * SPAN_MS);
        const type = TYPES[e % TYPES.length]!;
        const eventId = `msg_bench${String(e).padStart(10, '0')}`;
        const words = `customer${e % 5000}${e % 1000 === 0 ? ' zebra' : ''}${e % 20 === 0 ? ' mango' : ''}`;
        const body =
          `{"id":"${eventId}","type":"${type}","timestamp":"${new Date(t).toISOString()}","data":{"id":"obj_${e}",` +
          `"email":"user${e % 50000}@example.com","note":"${words}","amount":${e % 997},"currency":"usd"}}`;
        insertEvent.run(eventId, WS, type, body, t);
        const requestHeaders = JSON.stringify({
          'content-type': 'application/json',
          'webhook-id': eventId,
          'webhook-timestamp': String(Math.floor(t / 1000)),
          'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
        });
        for (let k = 0; k < FAN_OUT; k++) {
          const i = e * FAN_OUT + k;
          if (i >= n) break;
          const r = random();
          const status =
            r < 0.85 ? 'success' : r < 0.93 ? 'failed' : r < 0.97 ? 'retrying' : r < 0.99 ? 'pending' : 'cancelled';
          const network = status !== 'success' && status !== 'pending' && random() < 0.3;
          const code =
            status === 'success'
              ? [200, 201, 204][i % 3]!
              : status === 'pending' || network
                ? null
                : [500, 502, 503, 404][i % 4]!;
          const duration = Math.floor(3 + random() * random() * 2000);
          const attempts = status === 'pending' ? 0 : status === 'failed' ? 5 : 1;
          const id = `dlv_bench${String(i).padStart(10, '0')}`;
          const webhook = i % 1000 === 999 ? 'wh_rare' : hooks[(e + k) % (WEBHOOKS - 1)]!;
          const error = network ? 'connect ECONNREFUSED 127.0.0.1:9' : null;
          const done = status === 'success' || status === 'failed' ? t + duration : null;
          insertDelivery.run(
            id,
            WS,
            webhook,
            eventId,
            type,
            status,
            attempts,
            code,
            error,
            attempts ? duration : null,
            t,
            t + duration,
            done,
          );
          if (attempts) {
            insertAttempt.run(
              id,
              t,
              t,
              t + duration,
              duration,
              requestHeaders,
              code,
              code === null ? null : responseHeaders,
              code === null ? null : '{"ok":true}',
              network ? 'refused' : code !== null && code >= 300 ? 'http' : null,
              error,
            );
          }
        }
      }
    })();
    if ((first / chunk) % 8 === 0)
      log(
        `seeded ${Math.min(n, (first + chunk) * FAN_OUT)} deliveries in ${round((performance.now() - started) / 1000, 1)} s`,
      );
  }
  // Plain SQL keeps neither the roll-ups nor the text-index queue (the engine's writer does, per batch).
  recountRollups(db);
  queueAllForSearch(db, 'events_fts');
}

/**
 * What the engine's writes cost per delivery: the jobs a delivery goes through (its event and
 * delivery row fired, then its attempt and new state), batched as the write queue batches them
 * under load (fifty to a transaction), with every index, roll-up fold and text-index range of the
 * schema — CPU time per delivery, best of three runs.
 */
export function writeCost(ctx: BenchContext, n: number): Figures {
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const perDelivery = () => {
    const db = openDatabase(join(ctx.tempDir('hookbench-bench-writes-'), 'w.db'));
    try {
      db.prepare('INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?, ?, 0)').run(WS, 'Default');
      db.prepare(
        `INSERT INTO webhooks (id, workspace_id, name, url, subscriptions, scheme, secret, timeout_ms, retry_policy, created_at, updated_at)
        VALUES ('wh_w', ?, 'w', 'http://127.0.0.1:9/', '["*"]', 'standard', 'x', 30000, '{}', 0, 0)`,
      ).run(WS);
      const body = JSON.stringify({
        id: 'msg_x',
        type: 'user.created',
        data: { email: 'jane@example.com', note: 'x'.repeat(400) },
      });
      const headers = {
        'content-type': 'application/json',
        'webhook-id': 'msg_x',
        'webhook-timestamp': '1700000000',
        'webhook-signature': `v1,${'A'.repeat(43)}=`,
      };
      const batch = 50;
      const started = cpuMs();
      for (let i = 0; i < n; i += batch) {
        const now = Date.now();
        const fired = Array.from({ length: batch }, (_, k) => {
          const d: Delivery = {
            id: `dlv_w${i + k}`,
            workspaceId: WS,
            webhookId: 'wh_w',
            eventId: `msg_w${i + k}`,
            eventType: 'user.created',
            status: 'pending',
            attemptCount: 0,
            nextAttemptAt: now,
            lastStatusCode: null,
            lastError: null,
            lastDurationMs: null,
            createdAt: now,
            updatedAt: now,
            completedAt: null,
          };
          return {
            event: { id: d.eventId, workspaceId: WS, type: d.eventType, body, createdAt: now },
            deliveries: [d],
          };
        });
        const b1 = new WriteBatchBuilder();
        writeFired(b1, fired);
        runBatch(db, b1.build());
        const b2 = new WriteBatchBuilder();
        for (const {
          deliveries: [d],
        } of fired) {
          const after: Delivery = {
            ...d!,
            status: 'success',
            attemptCount: 1,
            nextAttemptAt: null,
            lastStatusCode: 200,
            lastDurationMs: 3,
            updatedAt: now + 3,
            completedAt: now + 3,
          };
          writeOutcome(b2, {
            before: d!,
            after,
            counters: {
              webhookId: 'wh_w',
              consecutiveFailures: 0,
              failingSince: null,
              lastSuccessAt: now + 3,
              lastFailureAt: null,
              updatedAt: now + 3,
            },
            attempt: {
              deliveryId: d!.id,
              number: 1,
              trigger: 'scheduled',
              scheduledAt: now,
              startedAt: now,
              finishedAt: now + 3,
              durationMs: 3,
              request: { method: 'POST', url: 'http://127.0.0.1:9/', headers },
              response: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok', truncated: false },
              errorClass: null,
              errorMessage: null,
            },
          });
        }
        runBatch(db, b2.build());
      }
      return ((cpuMs() - started) * 1000) / n;
    } finally {
      db.close();
    }
  };
  const best = Math.min(...[0, 1, 2].map(() => perDelivery()));
  return { 'logs.writes_cpu_us_per_delivery': round(best, 1) };
}

function timeRuns(fn: () => unknown, runs = RUNS): number[] {
  fn(); // warm the statement cache and the page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times;
}

/** Samples RSS every 50 ms while `fn` runs; growth = peak − RSS before. */
async function rssGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growthMb: number; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  await sleep(50);
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t = performance.now();
  try {
    const result = await fn();
    return {
      result,
      ms: performance.now() - t,
      growthMb: (Math.max(peak, process.memoryUsage().rss) - before) / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

const FILTERED: [key: string, query: Omit<DeliverySearch, 'workspaceId'>][] = [
  ['status_failed', { status: ['failed'] }],
  ['status_two', { status: ['failed', 'cancelled'] }],
  ['webhook', { webhookId: 'wh_bench_3' }],
  ['webhook_rare', { webhookId: 'wh_rare' }],
  ['webhook_status', { webhookId: 'wh_bench_3', status: ['cancelled'] }],
  ['event_type', { eventType: 'payment.failed' }],
  ['event_prefix', { eventType: 'order.*' }],
  ['http_5xx', { httpStatus: '5xx' }],
  ['http_network', { httpStatus: 0 }],
  ['time_range', { from: 0, to: 0 }], // set in run(): a day a month ago
  ['text_rare', { q: 'zebra' }],
  ['text_medium', { q: 'mango' }],
  ['text_common', { q: 'usd' }],
  ['text_email', { q: 'user4242@example.com' }],
  ['text_prefix', { q: 'customer42' }],
  ['combined', { status: ['failed', 'retrying'], eventType: 'user.*', q: 'mango' }],
];

const section: BenchSection = {
  name: 'logs',
  title: 'Logs: list pages, statistics and export over 1,000,000 deliveries (SQLite file, one process)',
  timeoutMs: 900_000,
  targets: [
    { key: 'logs.page_ms_p95', max: 50 },
    { key: 'logs.page_filtered_ms_p95', max: 50 },
    { key: 'logs.stats_ms', max: 200 },
    { key: 'export.rss_growth_mb', max: 50 },
  ],
  notes: {
    'logs.deliveries': 'deliveries stored (1 attempt each, 4 per event, over 90 days)',
    'logs.seed_s':
      's, bulk insert with plain SQL, then the roll-ups recounted and the events queued for the text index',
    'logs.index_sync_s':
      's, indexing the queued event bodies for free text (what the first text search after the seed would pay)',
    'logs.db_mb': 'MiB, database file after seeding',
    'logs.baseline_point_ms': 'ms, p50 of a primary-key lookup (the floor)',
    'logs.baseline_count_ms': 'ms, p50 of SELECT count(*) FROM deliveries (a full index scan)',
    'logs.page_ms_p50': 'ms, first page of 100, no filter',
    'logs.page_ms_p95': 'ms, first page of 100, no filter',
    'logs.page_deep_ms_p95': 'ms, page 50 (cursor from paging)',
    'logs.page_filtered_ms_p50': 'ms, over every filtered query below',
    'logs.page_filtered_ms_p95': 'ms, over every filtered query below',
    'logs.stats_ms': 'ms, p50, default range: 7 days by hour',
    'logs.stats_max_ms': 'ms, slowest of the runs, 7 days by hour',
    'logs.stats_30d_ms': 'ms, p50, default range by day: 30 days',
    'logs.stats_webhook_ms': 'ms, p50, one webhook, 7 days by hour',
    'logs.stats_unaligned_ms': 'ms, p50, 7 days with unaligned ends (raw partial hours)',
    'logs.stats_all_ms': 'ms, p50, all 90 days by day',
    'export.rows': 'attempts exported (newest deliveries)',
    'export.ndjson_ms': 'ms, NDJSON to a temp file',
    'export.ndjson_mb': 'MiB written',
    'export.har_ms': 'ms, HAR 1.2 to a temp file',
    'export.har_mb': 'MiB written',
    'export.rows_per_s': 'rows/s, NDJSON',
    'export.rss_growth_mb': 'MiB, peak RSS (sampled every 50 ms) − RSS before, worse of the two exports',
    'export.ndjson_rss_growth_mb': 'MiB, NDJSON export (runs first: includes the heap warming up)',
    'export.har_rss_growth_mb': 'MiB, HAR export',
    'logs.writes_cpu_us_per_delivery':
      "µs CPU of one delivery's writes (event + delivery row, then attempt + new state with roll-up folds), fifty to a transaction",
  },

  async run(ctx: BenchContext): Promise<Figures> {
    const figures: Figures = {};
    const dir = ctx.tempDir('hookbench-logs-');
    const db = openDatabase(join(dir, 'hookbench.db'));
    ctx.defer(() => db.open && db.close());
    db.prepare('INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run(
      WS,
      'Default',
      Date.now(),
    );

    const n = ctx.scaled(1_000_000, 10_000);
    const now = Date.now();
    let t = performance.now();
    db.pragma('synchronous = OFF'); // a throwaway file: no fsync while seeding
    seedDeliveries(db, n, now, ctx.log);
    figures['logs.seed_s'] = round((performance.now() - t) / 1000, 1);
    // Writes only queue events for the text index; the first text search indexes the queue.
    t = performance.now();
    syncSearchIndex(db, 'events_fts');
    figures['logs.index_sync_s'] = round((performance.now() - t) / 1000, 1);
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    figures['logs.deliveries'] = n;
    figures['logs.db_mb'] = round(
      ((db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)) /
        2 ** 20,
      0,
    );
    if (ctx.signal.aborted) throw new Error('aborted');

    const point = db.prepare('SELECT * FROM deliveries WHERE id = ?');
    figures['logs.baseline_point_ms'] = round(
      percentile(
        timeRuns(() => point.get('dlv_bench0000000042')),
        50,
      ),
      3,
    );
    const count = db.prepare('SELECT count(*) FROM deliveries');
    figures['logs.baseline_count_ms'] = round(
      percentile(
        timeRuns(() => count.get(), 5),
        50,
      ),
      1,
    );

    const page = (q: Omit<DeliverySearch, 'workspaceId'>) =>
      searchDeliveries(db, { ...q, workspaceId: WS, limit: 100 });
    const plain = timeRuns(() => page({}));
    figures['logs.page_ms_p50'] = round(percentile(plain, 50), 2);
    figures['logs.page_ms_p95'] = round(percentile(plain, 95), 2);
    let cursor: string | undefined;
    for (let i = 0; i < 49; i++) cursor = page({ cursor }).nextCursor ?? undefined;
    figures['logs.page_deep_ms_p95'] = round(
      percentile(
        timeRuns(() => page({ cursor })),
        95,
      ),
      2,
    );

    const monthAgo = now - 30 * DAY_MS;
    const all: number[] = [];
    for (const [key, query] of FILTERED) {
      const q = key === 'time_range' ? { from: monthAgo, to: monthAgo + DAY_MS } : query;
      const times = timeRuns(() => page(q));
      all.push(...times);
      figures[`logs.page_${key}_ms_p95`] = round(percentile(times, 95), 2);
      figures[`logs.page_${key}_rows`] = page(q).items.length;
    }
    figures['logs.page_filtered_ms_p50'] = round(percentile(all, 50), 2);
    figures['logs.page_filtered_ms_p95'] = round(percentile(all, 95), 2);
    ctx.log(`pages done (filtered p95 ${figures['logs.page_filtered_ms_p95']} ms)`);

    const stats = (q: object) => computeStats(db, { ...q, workspaceId: WS });
    const hourly = timeRuns(() => stats({ bucket: 'hour' }), 10);
    figures['logs.stats_ms'] = round(percentile(hourly, 50), 1);
    figures['logs.stats_max_ms'] = round(Math.max(...hourly), 1);
    figures['logs.stats_30d_ms'] = round(
      percentile(
        timeRuns(() => stats({ bucket: 'day' }), 10),
        50,
      ),
      1,
    );
    figures['logs.stats_webhook_ms'] = round(
      percentile(
        timeRuns(() => stats({ bucket: 'hour', webhookId: 'wh_bench_3' }), 10),
        50,
      ),
      1,
    );
    figures['logs.stats_unaligned_ms'] = round(
      percentile(
        timeRuns(() => stats({ bucket: 'hour', from: now - 7 * DAY_MS - 1234, to: now - 4321 }), 10),
        50,
      ),
      1,
    );
    figures['logs.stats_all_ms'] = round(
      percentile(
        timeRuns(() => stats({ bucket: 'day', from: now - SPAN_MS - DAY_MS }), 5),
        50,
      ),
      1,
    );
    ctx.log(`stats done (${figures['logs.stats_ms']} ms)`);

    // The newest deliveries holding EXPORT_ROWS attempts (pending ones have none).
    const exportRows = Math.min(n, ctx.scaled(EXPORT_ROWS, 1000));
    const from = db
      .prepare(
        `SELECT d.created_at FROM deliveries d INDEXED BY deliveries_by_workspace
      WHERE d.workspace_id = ? AND d.attempt_count > 0 ORDER BY d.created_at DESC LIMIT 1 OFFSET ?`,
      )
      .pluck()
      .get(WS, exportRows - 1) as number;
    const filters = { from };
    let growth = 0;
    for (const format of ['ndjson', 'har'] as const) {
      const path = join(dir, `export.${format}`);
      const run = await rssGrowth(() =>
        exportToFile(db, { kind: 'deliveries', format, filters, workspaceId: WS, path }),
      );
      growth = Math.max(growth, run.growthMb);
      figures['export.rows'] = run.result.rows;
      figures[`export.${format}_ms`] = round(run.ms, 0);
      figures[`export.${format}_mb`] = round(run.result.bytes / 2 ** 20, 1);
      figures[`export.${format}_rss_growth_mb`] = round(run.growthMb, 1);
      if (format === 'ndjson') figures['export.rows_per_s'] = round(run.result.rows / (run.ms / 1000), 0);
    }
    figures['export.rss_growth_mb'] = round(growth, 1);

    Object.assign(figures, writeCost(ctx, ctx.scaled(10_000, 2000)));
    return figures;
  },
};

export default section;
