/**
 * Delivery statistics of a workspace (optionally one webhook) over a time range of created_at:
 * totals, per event type, per webhook, and a per-hour or per-day series (UTC bucket starts).
 *
 * Whole hours are read from migration 003's roll-ups (kept exact by triggers); the partial
 * hours at either end of an unaligned range are read from the deliveries themselves, so every
 * figure is exact for any range — except percentiles, read from 2 %-wide duration buckets
 * (exact below 100 ms, within 1 % above).
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
import { durationBucket, HOUR_MS } from '../store/migrations/003_search';
import { DurationHistogram } from './durationBuckets';
import { prepared } from './statementCache';

export type StatsSearch = z.input<typeof statsQuerySchema> & { workspaceId: string };

export const DAY_MS = 24 * HOUR_MS;
/** Buckets in the default range: 7 days of hours, 30 days. */
export const DEFAULT_STATS_BUCKETS = { hour: 7 * 24, day: 30 } as const;
/** Empty buckets are filled in (zeros) when the series spans at most this many. */
export const MAX_FILLED_BUCKETS = 10_000;
const P95 = 95;
const OPEN_END = Number.MAX_SAFE_INTEGER;

type CountsRow = [webhookId: string, eventType: string, total: number, succeeded: number, failed: number, inProgress: number, finishedAttempts: number];
type SeriesRow = [t: number, total: number, succeeded: number, failed: number];
type DurationRow = [webhookId: string, eventType: string, bucket: number, n: number, sumMs: number];

interface Counts { total: number; succeeded: number; failed: number; inProgress: number; finishedAttempts: number }
const zero = (): Counts => ({ total: 0, succeeded: 0, failed: 0, inProgress: 0, finishedAttempts: 0 });

/** Where a slice of the range is read from. */
interface Part { from: number; to: number; source: 'rollup' | 'raw' }

export function computeStats(db: Db, query: StatsSearch): Stats {
  const q = parseInput(statsQuerySchema, query);
  const bucketMs = q.bucket === 'day' ? DAY_MS : HOUR_MS;
  const now = Date.now();
  const from = q.from ?? floorTo(now, bucketMs) - (DEFAULT_STATS_BUCKETS[q.bucket] - 1) * bucketMs;
  const to = q.to ?? OPEN_END;
  if (to <= from) throw validationError('to', `to (${to}) must be later than from (${from})`);

  const acc = new StatsAccumulator();
  for (const part of splitRange(from, to)) {
    const scope = { ws: query.workspaceId, webhookId: q.webhookId ?? null, from: part.from, to: part.to, bucketMs };
    const source = part.source === 'rollup' ? ROLLUP_SQL : RAW_SQL;
    for (const r of prepared(db, source.counts).raw().all(scope) as CountsRow[]) acc.addCounts(r);
    for (const r of prepared(db, source.series).raw().all(scope) as SeriesRow[]) acc.addPoint(r);
    for (const r of prepared(db, source.durations).raw().all(scope) as DurationRow[]) acc.addDurations(r);
  }
  const lastBucket = floorTo(Math.min(to, Math.max(now, from + 1)) - 1, bucketMs);
  return { ...acc.result(floorTo(from, bucketMs), lastBucket, bucketMs), bucket: q.bucket };
}

/** [from, to) as whole hours (roll-ups) with the partial hours at its ends (raw rows). */
function splitRange(from: number, to: number): Part[] {
  const firstWhole = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const endWhole = to === OPEN_END ? OPEN_END : floorTo(to, HOUR_MS);
  if (firstWhole >= endWhole) return [{ from, to, source: 'raw' }];
  const parts: Part[] = [];
  if (from < firstWhole) parts.push({ from, to: firstWhole, source: 'raw' });
  parts.push({ from: firstWhole, to: endWhole, source: 'rollup' });
  if (endWhole < to) parts.push({ from: endWhole, to, source: 'raw' });
  return parts;
}

const floorTo = (t: number, step: number) => t - (((t % step) + step) % step);

const webhookFilter = (column: string) => `(@webhookId IS NULL OR ${column} = @webhookId)`;

const ROLLUP_SQL = {
  counts: `SELECT webhook_id, event_type, sum(total), sum(succeeded), sum(failed), sum(in_progress), sum(finished_attempts)
    FROM delivery_rollup WHERE workspace_id = @ws AND hour >= @from AND hour < @to AND ${webhookFilter('webhook_id')}
    GROUP BY webhook_id, event_type`,
  series: `SELECT hour - hour % @bucketMs AS t, sum(total), sum(succeeded), sum(failed)
    FROM delivery_rollup WHERE workspace_id = @ws AND hour >= @from AND hour < @to AND ${webhookFilter('webhook_id')}
    GROUP BY t`,
  durations: `SELECT webhook_id, event_type, bucket, sum(n), sum(sum_ms)
    FROM duration_rollup WHERE workspace_id = @ws AND hour >= @from AND hour < @to AND ${webhookFilter('webhook_id')}
    GROUP BY webhook_id, event_type, bucket`,
};

const RAW_RANGE = `d.workspace_id = @ws AND d.created_at >= @from AND d.created_at < @to AND ${webhookFilter('d.webhook_id')}`;
const RAW_SQL = {
  counts: `SELECT d.webhook_id, d.event_type, count(*), sum(d.status = 'success'), sum(d.status = 'failed'),
      sum(d.status IN ('pending', 'sending', 'retrying')), sum(CASE WHEN d.status IN ('success', 'failed') THEN d.attempt_count ELSE 0 END)
    FROM deliveries d WHERE ${RAW_RANGE} GROUP BY d.webhook_id, d.event_type`,
  series: `SELECT d.created_at - d.created_at % @bucketMs AS t, count(*), sum(d.status = 'success'), sum(d.status = 'failed')
    FROM deliveries d WHERE ${RAW_RANGE} GROUP BY t`,
  durations: `SELECT d.webhook_id, d.event_type, ${durationBucket('a.duration_ms')} AS bucket, count(*), sum(a.duration_ms)
    FROM deliveries d CROSS JOIN attempts a ON a.delivery_id = d.id
    WHERE ${RAW_RANGE} AND a.duration_ms IS NOT NULL GROUP BY 1, 2, 3`,
};

class StatsAccumulator {
  private readonly total = zero();
  private readonly byType = new Map<string, Counts>();
  private readonly byWebhook = new Map<string, Counts>();
  private readonly durations = new DurationHistogram();
  private readonly durationsByType = new Map<string, DurationHistogram>();
  private readonly durationsByWebhook = new Map<string, DurationHistogram>();
  private readonly points = new Map<number, StatsPoint>();

  addCounts([webhookId, eventType, total, succeeded, failed, inProgress, finishedAttempts]: CountsRow): void {
    const c = { total, succeeded, failed, inProgress, finishedAttempts };
    for (const target of [this.total, entry(this.byType, eventType, zero), entry(this.byWebhook, webhookId, zero)]) {
      target.total += c.total;
      target.succeeded += c.succeeded;
      target.failed += c.failed;
      target.inProgress += c.inProgress;
      target.finishedAttempts += c.finishedAttempts;
    }
  }

  addPoint([t, total, succeeded, failed]: SeriesRow): void {
    const p = entry(this.points, t, () => ({ t, total: 0, succeeded: 0, failed: 0 }));
    p.total += total;
    p.succeeded += succeeded;
    p.failed += failed;
  }

  addDurations([webhookId, eventType, bucket, n, sumMs]: DurationRow): void {
    this.durations.add(bucket, n, sumMs);
    entry(this.durationsByType, eventType, () => new DurationHistogram()).add(bucket, n, sumMs);
    entry(this.durationsByWebhook, webhookId, () => new DurationHistogram()).add(bucket, n, sumMs);
  }

  result(firstBucket: number, lastBucket: number, bucketMs: number): Omit<Stats, 'bucket'> {
    const groups = <K extends string>(counts: Map<string, Counts>, durations: Map<string, DurationHistogram>, key: K) =>
      [...counts]
        .filter(([, c]) => c.total > 0)
        .map(([name, c]) => ({ [key]: name, ...totals(c, durations.get(name)) }) as StatsTotals & Record<K, string>)
        .sort((a, b) => b.total - a.total || (a[key] < b[key] ? -1 : 1));
    return {
      totals: totals(this.total, this.durations),
      byEventType: groups(this.byType, this.durationsByType, 'eventType'),
      byWebhook: groups(this.byWebhook, this.durationsByWebhook, 'webhookId'),
      series: this.series(firstBucket, lastBucket, bucketMs),
    };
  }

  private series(first: number, last: number, bucketMs: number): StatsPoint[] {
    const nonEmpty = [...this.points.values()].filter((p) => p.total > 0);
    if (last < first || (last - first) / bucketMs + 1 > MAX_FILLED_BUCKETS) return nonEmpty.sort((a, b) => a.t - b.t);
    const out: StatsPoint[] = [];
    for (let t = first; t <= last; t += bucketMs) out.push(this.points.get(t) ?? { t, total: 0, succeeded: 0, failed: 0 });
    // Rows stamped after "now" (a clock that went back) still show.
    for (const p of nonEmpty) if (p.t > last) out.push(p);
    return out;
  }
}

function totals(c: Counts, d: DurationHistogram | undefined): StatsTotals {
  const finished = c.succeeded + c.failed;
  return {
    total: c.total,
    succeeded: c.succeeded,
    failed: c.failed,
    inProgress: c.inProgress,
    successRate: finished > 0 ? c.succeeded / finished : null,
    avgAttempts: finished > 0 ? c.finishedAttempts / finished : null,
    avgDurationMs: d?.average() ?? null,
    p95DurationMs: d?.percentile(P95) ?? null,
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
  const ids = prepared(db, 'SELECT id FROM webhooks WHERE workspace_id = ? ORDER BY created_at, id').pluck().all(workspaceId) as string[];
  const window = prepared(db, `SELECT sum(status = 'success') AS succeeded, sum(status = 'failed') AS failed FROM (
      SELECT status FROM deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT ${SUMMARY_WINDOW})`);
  const latest = prepared(db, 'SELECT created_at, status FROM deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT 1');
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
