/** Result shapes of the logs: pages, statistics, export. Isomorphic: types only. */

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface StatsTotals {
  total: number;
  succeeded: number;
  failed: number;
  /** pending, sending or retrying. */
  inProgress: number;
  /** succeeded / (succeeded + failed), 0–1; null when nothing finished. */
  successRate: number | null;
  avgAttempts: number | null;
  avgDurationMs: number | null;
  p95DurationMs: number | null;
}

export interface StatsPoint {
  /** Start of the bucket (ms). */
  t: number;
  succeeded: number;
  failed: number;
  total: number;
}

export interface Stats {
  totals: StatsTotals;
  byEventType: (StatsTotals & { eventType: string })[];
  byWebhook: (StatsTotals & { webhookId: string })[];
  series: StatsPoint[];
  bucket: 'hour' | 'day';
}

export interface ExportResult {
  path: string;
  rows: number;
  bytes: number;
}
