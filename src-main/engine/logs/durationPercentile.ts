/**
 * Percentiles of attempt durations from a histogram (the buckets of migration 003's
 * `durationBucket`: exact milliseconds below 100 ms, then 2 % wide, read back as their geometric
 * middle rounded to the millisecond — within 1.5 %).
 *
 * The p95 of N durations is the smallest value with at least ⌈0.95·N⌉ at or below it — that is,
 * the k-th largest with k = N − ⌈0.95·N⌉ + 1. So the histogram is walked from its slowest bucket
 * down, and the walk stops as soon as every group has seen its k: only the top ~5 % of the rows
 * are read, however long the range.
 */
const EXACT_BELOW = 100;
const RATIO = 1.02;

export function bucketValue(bucket: number): number {
  if (bucket < EXACT_BELOW) return bucket;
  return Math.round(EXACT_BELOW * RATIO ** (bucket - EXACT_BELOW + 0.5));
}

/** The bucket of a duration, as the SQL expression computes it. */
export function bucketOf(ms: number): number {
  if (ms < EXACT_BELOW) return Math.max(ms, 0);
  return EXACT_BELOW + Math.floor(Math.log(ms / EXACT_BELOW) / Math.log(RATIO));
}

/** How many durations a group has, and (filled in by the walk) its percentile. */
export interface PercentileTarget {
  count: number;
  value: number | null;
}

export interface HistogramSource<G> {
  /** The largest bucket below `below` that may hold durations, or null when none. */
  nextBucket(below: number): number | null;
  /** The counts in one bucket, each with the groups it belongs to (e.g. total, its webhook, its event type). */
  countsIn(bucket: number): Iterable<{ groups: G[]; n: number }>;
}

/** Fills `value` of every target with its p-th percentile (nearest rank), walking `source` down. */
export function fillPercentiles<G>(targets: Map<G, PercentileTarget>, p: number, source: HistogramSource<G>): void {
  const remaining = new Map<G, number>();
  for (const [g, t] of targets) {
    t.value = null;
    if (t.count > 0) remaining.set(g, t.count - Math.max(1, Math.ceil((p / 100) * t.count)) + 1);
  }
  let bucket = source.nextBucket(Number.POSITIVE_INFINITY);
  while (remaining.size > 0 && bucket !== null) {
    for (const { groups, n } of source.countsIn(bucket)) {
      for (const g of groups) {
        const left = remaining.get(g);
        if (left === undefined) continue;
        if (left - n <= 0) {
          targets.get(g)!.value = bucketValue(bucket);
          remaining.delete(g);
        } else {
          remaining.set(g, left - n);
        }
      }
    }
    bucket = source.nextBucket(bucket);
  }
}
