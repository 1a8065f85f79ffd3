/**
 * Delivery statistics of a workspace (optionally one webhook) over a time range of created_at:
 * totals, per event type, per webhook, and a per-hour or per-day series (UTC bucket starts).
 *
 * Whole days and hours are read from migration 003's roll-ups (kept exact by triggers); the
 * partial hours at either end of an unaligned range are read from the deliveries themselves, so
 * every figure is exact for any range — except percentiles, read from 2 %-wide duration buckets
 * (exact below 100 ms, within 1.5 % above).
 *
 * Default range: `from` omitted → the last 7 days for hour buckets (168 buckets ending with the
 * current hour), the last 30 days for day buckets (30 UTC days ending with today); `to` omitted
 * → no upper bound. `from` is inclusive, `to` exclusive.
 */
import type { z } from 'zod';
import { validationError } from '../../api/errors';
import { statsQuerySchema } from '../../api/logSchemas';
import type { Stats, StatsPoint, StatsTotals } from '../../api/logTypes';
import { parseInput, type DeliveryStatus } from '../../api/schemas';
import type { Db } from '../store/database';
import { DAY_MS, durationBucket, HOUR_MS } from '../store/migrations/003_search';
import { fillPercentiles, type PercentileTarget } from './durationPercentile';
import { prepared } from './statementCache';

export type StatsSearch = z.input<typeof statsQuerySchema> & { workspaceId: string };

/** Buckets in the default range: 7 days of hours, 30 days. */
export const DEFAULT_STATS_BUCKETS = { hour: 7 * 24, day: 30 } as const;
/** Empty buckets are filled in (zeros) when the series spans at most this many. */
export const MAX_FILLED_BUCKETS = 10_000;
const P95 = 95;
const OPEN_END = Number.MAX_SAFE_INTEGER;

type CountsRow = [
  webhookId: string,
  eventType: string,
  total: number,
  succeeded: number,
  failed: number,
  inProgress: number,
  finishedAttempts: number,
  timedAttempts: number,
  durationMs: number,
];
type SeriesRow = [t: number, total: number, succeeded: number, failed: number];
type DurationRow = [webhookId: string, eventType: string, bucket: number, n: number, sumMs: number];

interface Counts {
  total: number;
  succeeded: number;
  failed: number;
  inProgress: number;
  finishedAttempts: number;
  timedAttempts: number;
  durationMs: number;
}
const zero = (): Counts => ({
  total: 0,
  succeeded: 0,
  failed: 0,
  inProgress: 0,
  finishedAttempts: 0,
  timedAttempts: 0,
  durationMs: 0,
});

/** Where a slice of the range is read from: the deliveries themselves, or a roll-up. */
interface Part {
  from: number;
  to: number;
  source: 'raw' | 'hour' | 'day';
}
interface Scope {
  ws: string;
  webhookId: string | null;
  from: number;
  to: number;
  bucketMs: number;
}

export function computeStats(db: Db, query: StatsSearch): Stats {
  const q = parseInput(statsQuerySchema, query);
  const bucketMs = q.bucket === 'day' ? DAY_MS : HOUR_MS;
  const now = Date.now();
  const from = q.from ?? floorTo(now, bucketMs) - (DEFAULT_STATS_BUCKETS[q.bucket] - 1) * bucketMs;
  const to = q.to ?? OPEN_END;
  if (to <= from) throw validationError('to', `to (${to}) must be later than from (${from})`);
  const scope = (part: Part): Scope => ({
    ws: query.workspaceId,
    webhookId: q.webhookId ?? null,
    from: part.from,
    to: part.to,
    bucketMs,
  });

  const acc = new StatsAccumulator();
  const raw: DurationRow[] = [];
  for (const part of splitRange(from, to, true)) {
    for (const r of prepared(db, COUNTS_SQL[part.source]).raw().all(scope(part)) as CountsRow[]) acc.addCounts(r);
    if (part.source !== 'raw') continue;
    for (const r of prepared(db, RAW_DURATIONS_SQL).raw().all(scope(part)) as DurationRow[]) {
      acc.addTimed(r);
      raw.push(r);
    }
  }
  // An hourly series needs the hourly roll-up; a daily one takes whole days from the daily one.
  for (const part of splitRange(from, to, q.bucket === 'day')) {
    for (const r of prepared(db, SERIES_SQL[part.source]).raw().all(scope(part)) as SeriesRow[])
      acc.addPoint(r, bucketMs);
  }
  const wholeHours = splitRange(from, to, false).find((p) => p.source === 'hour');
  acc.fillP95(db, wholeHours ? scope(wholeHours) : null, raw);
  const lastBucket = floorTo(Math.min(to, Math.max(now, from + 1)) - 1, bucketMs);
  return { ...acc.result(floorTo(from, bucketMs), lastBucket, bucketMs), bucket: q.bucket };
}

/**
 * [from, to) as the partial hours at its ends (raw rows), whole hours (hourly roll-up) and —
 * with `days` — the whole UTC days inside those (daily roll-up).
 */
function splitRange(from: number, to: number, days: boolean): Part[] {
  const align = (t: number, unit: number, up: boolean) =>
    t === OPEN_END ? OPEN_END : up ? Math.ceil(t / unit) * unit : floorTo(t, unit);
  const parts: Part[] = [];
  const push = (a: number, b: number, source: Part['source']) => {
    if (a < b) parts.push({ from: a, to: b, source });
  };
  const firstHour = align(from, HOUR_MS, true);
  const endHour = align(to, HOUR_MS, false);
  if (firstHour >= endHour) return [{ from, to, source: 'raw' }];
  push(from, firstHour, 'raw');
  const firstDay = align(firstHour, DAY_MS, true);
  const endDay = align(endHour, DAY_MS, false);
  if (days && firstDay < endDay) {
    push(firstHour, firstDay, 'hour');
    push(firstDay, endDay, 'day');
    push(endDay, endHour, 'hour');
  } else {
    push(firstHour, endHour, 'hour');
  }
  push(endHour, to, 'raw');
  return parts;
}

const floorTo = (t: number, step: number) => t - (((t % step) + step) % step);

const webhookFilter = (column: string) => `(@webhookId IS NULL OR ${column} = @webhookId)`;
const rollupRange = (column: string) =>
  `workspace_id = @ws AND ${column} >= @from AND ${column} < @to AND ${webhookFilter('webhook_id')}`;
const RAW_RANGE = `d.workspace_id = @ws AND d.created_at >= @from AND d.created_at < @to AND ${webhookFilter('d.webhook_id')}`;

const rollupCounts = (table: string, column: string) =>
  `SELECT webhook_id, event_type, sum(total), sum(succeeded), sum(failed), sum(in_progress), sum(finished_attempts),
      sum(timed_attempts), sum(duration_ms)
    FROM ${table} WHERE ${rollupRange(column)} GROUP BY webhook_id, event_type`;
const COUNTS_SQL: Record<Part['source'], string> = {
  raw: `SELECT d.webhook_id, d.event_type, count(*), sum(d.status = 'success'), sum(d.status = 'failed'),
      sum(d.status IN ('pending', 'sending', 'retrying')), sum(CASE WHEN d.status IN ('success', 'failed') THEN d.attempt_count ELSE 0 END),
      0, 0
    FROM deliveries d WHERE ${RAW_RANGE} GROUP BY d.webhook_id, d.event_type`,
  hour: rollupCounts('delivery_rollup', 'hour'),
  day: rollupCounts('delivery_rollup_day', 'day'),
};

// Grouped by the roll-up's own time column (its key order: no sort); folded into buckets in JS.
const rollupSeries = (table: string, column: string) =>
  `SELECT ${column}, sum(total), sum(succeeded), sum(failed) FROM ${table} WHERE ${rollupRange(column)} GROUP BY ${column}`;
const SERIES_SQL: Record<Part['source'], string> = {
  raw: `SELECT d.created_at - d.created_at % @bucketMs AS t, count(*), sum(d.status = 'success'), sum(d.status = 'failed')
    FROM deliveries d WHERE ${RAW_RANGE} GROUP BY t`,
  hour: rollupSeries('delivery_rollup', 'hour'),
  day: rollupSeries('delivery_rollup_day', 'day'),
};

const RAW_DURATIONS_SQL = `SELECT d.webhook_id, d.event_type, ${durationBucket('a.duration_ms')} AS bucket, count(*), sum(a.duration_ms)
    FROM deliveries d CROSS JOIN attempts a ON a.delivery_id = d.id
    WHERE ${RAW_RANGE} AND a.duration_ms IS NOT NULL GROUP BY 1, 2, 3`;

/** The histogram is keyed bucket first: the next bucket down is one index seek. */
const HISTOGRAM_SQL = {
  nextBucket: 'SELECT max(bucket) FROM duration_rollup WHERE workspace_id = @ws AND bucket < @below',
  bucket: `SELECT webhook_id, event_type, sum(n) FROM duration_rollup WHERE workspace_id = @ws AND bucket = @bucket
    AND hour >= @from AND hour < @to AND ${webhookFilter('webhook_id')} GROUP BY webhook_id, event_type`,
};

/** Group keys of the percentile walk. */
const TOTAL = 'total';
const typeKey = (t: string) => `type:${t}`;
const webhookKey = (w: string) => `webhook:${w}`;

class StatsAccumulator {
  private readonly total = zero();
  private readonly byType = new Map<string, Counts>();
  private readonly byWebhook = new Map<string, Counts>();
  private readonly points = new Map<number, StatsPoint>();
  private readonly p95 = new Map<string, PercentileTarget>();

  addCounts([
    webhookId,
    eventType,
    total,
    succeeded,
    failed,
    inProgress,
    finishedAttempts,
    timedAttempts,
    durationMs,
  ]: CountsRow): void {
    for (const c of this.targets(webhookId, eventType)) {
      c.total += total;
      c.succeeded += succeeded;
      c.failed += failed;
      c.inProgress += inProgress;
      c.finishedAttempts += finishedAttempts;
      c.timedAttempts += timedAttempts;
      c.durationMs += durationMs;
    }
  }

  /** Timed attempts read from raw rows (the partial hours). */
  addTimed([webhookId, eventType, , n, sumMs]: DurationRow): void {
    for (const c of this.targets(webhookId, eventType)) {
      c.timedAttempts += n;
      c.durationMs += sumMs;
    }
  }

  addPoint([time, total, succeeded, failed]: SeriesRow, bucketMs: number): void {
    const t = floorTo(time, bucketMs);
    const p = entry(this.points, t, () => ({ t, total: 0, succeeded: 0, failed: 0 }));
    p.total += total;
    p.succeeded += succeeded;
    p.failed += failed;
  }

  /** p95 of every group: the roll-up's histogram (whole hours) and the raw partial hours, walked down together. */
  fillP95(db: Db, rollup: Scope | null, raw: DurationRow[]): void {
    this.p95.set(TOTAL, { count: this.total.timedAttempts, value: null });
    for (const [t, c] of this.byType) this.p95.set(typeKey(t), { count: c.timedAttempts, value: null });
    for (const [w, c] of this.byWebhook) this.p95.set(webhookKey(w), { count: c.timedAttempts, value: null });
    const rawByBucket = new Map<number, DurationRow[]>();
    for (const r of raw) entry(rawByBucket, r[2], () => []).push(r);
    const rawBuckets = [...rawByBucket.keys()].sort((a, b) => b - a);
    const nextStmt = rollup && prepared(db, HISTOGRAM_SQL.nextBucket).pluck();
    const bucketStmt = rollup && prepared(db, HISTOGRAM_SQL.bucket).raw();
    const groups = (w: string, t: string) => [TOTAL, webhookKey(w), typeKey(t)];
    fillPercentiles(this.p95, P95, {
      nextBucket: (below) => {
        const fromRollup = nextStmt
          ? ((nextStmt.get({ ws: rollup!.ws, below: Math.min(below, Number.MAX_SAFE_INTEGER) }) as number | null) ??
            null)
          : null;
        const fromRaw = rawBuckets.find((b) => b < below) ?? null;
        if (fromRollup === null) return fromRaw;
        return fromRaw === null ? fromRollup : Math.max(fromRollup, fromRaw);
      },
      countsIn: (bucket) => {
        const out: { groups: string[]; n: number }[] = [];
        if (bucketStmt) {
          for (const [w, t, n] of bucketStmt.all({ ...rollup!, bucket }) as [string, string, number][])
            out.push({ groups: groups(w, t), n });
        }
        for (const [w, t, , n] of rawByBucket.get(bucket) ?? []) out.push({ groups: groups(w, t), n });
        return out;
      },
    });
  }

  result(firstBucket: number, lastBucket: number, bucketMs: number): Omit<Stats, 'bucket'> {
    const groups = <K extends string>(counts: Map<string, Counts>, key: K, p95Key: (name: string) => string) =>
      [...counts]
        .filter(([, c]) => c.total > 0)
        .map(
          ([name, c]) => ({ [key]: name, ...totals(c, this.p95.get(p95Key(name))) }) as StatsTotals & Record<K, string>,
        )
        .sort((a, b) => b.total - a.total || (a[key] < b[key] ? -1 : 1));
    return {
      totals: totals(this.total, this.p95.get(TOTAL)),
      byEventType: groups(this.byType, 'eventType', typeKey),
      byWebhook: groups(this.byWebhook, 'webhookId', webhookKey),
      series: this.series(firstBucket, lastBucket, bucketMs),
    };
  }

  private targets(webhookId: string, eventType: string): Counts[] {
    return [this.total, entry(this.byType, eventType, zero), entry(this.byWebhook, webhookId, zero)];
  }

  private series(first: number, last: number, bucketMs: number): StatsPoint[] {
    const nonEmpty = [...this.points.values()].filter((p) => p.total > 0);
    if (last < first || (last - first) / bucketMs + 1 > MAX_FILLED_BUCKETS) return nonEmpty.sort((a, b) => a.t - b.t);
    const out: StatsPoint[] = [];
    for (let t = first; t <= last; t += bucketMs)
      out.push(this.points.get(t) ?? { t, total: 0, succeeded: 0, failed: 0 });
    // Rows stamped after "now" (a clock that went back) still show.
    for (const p of nonEmpty.sort((a, b) => a.t - b.t)) if (p.t > last) out.push(p);
    return out;
  }
}

function totals(c: Counts, p95: PercentileTarget | undefined): StatsTotals {
  const finished = c.succeeded + c.failed;
  return {
    total: c.total,
    succeeded: c.succeeded,
    failed: c.failed,
    inProgress: c.inProgress,
    successRate: finished > 0 ? c.succeeded / finished : null,
    avgAttempts: finished > 0 ? c.finishedAttempts / finished : null,
    avgDurationMs: c.timedAttempts > 0 ? c.durationMs / c.timedAttempts : null,
    p95DurationMs: p95?.value ?? null,
  };
}

function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

export interface WebhookSummary {
  /** Over the webhook's last SUMMARY_WINDOW deliveries: succeeded / (succeeded + failed); null when none finished. */
  successRate: number | null;
  lastDeliveryAt: number | null;
  lastDeliveryStatus: DeliveryStatus | null;
}

export const SUMMARY_WINDOW = 1000;

/** For the webhooks list: each webhook of the workspace, from its latest deliveries (an index walk each). */
export function webhookSummaries(db: Db, workspaceId: string): Map<string, WebhookSummary> {
  const ids = prepared(db, 'SELECT id FROM webhooks WHERE workspace_id = ? ORDER BY created_at, id')
    .pluck()
    .all(workspaceId) as string[];
  const window = prepared(
    db,
    `SELECT sum(status = 'success') AS succeeded, sum(status = 'failed') AS failed FROM (
      SELECT status FROM deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT ${SUMMARY_WINDOW})`,
  );
  const latest = prepared(
    db,
    'SELECT created_at, status FROM deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
  );
  const out = new Map<string, WebhookSummary>();
  for (const id of ids) {
    const w = window.get(id) as { succeeded: number | null; failed: number | null };
    const last = latest.get(id) as { created_at: number; status: DeliveryStatus } | undefined;
    const finished = (w.succeeded ?? 0) + (w.failed ?? 0);
    out.set(id, {
      successRate: finished > 0 ? (w.succeeded ?? 0) / finished : null,
      lastDeliveryAt: last?.created_at ?? null,
      lastDeliveryStatus: last?.status ?? null,
    });
  }
  return out;
}
