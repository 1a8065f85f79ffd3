/**
 * Attempt durations as a histogram (the buckets of migration 003's duration_rollup): exact
 * milliseconds below 100 ms, then buckets 2 % wide, read back as their geometric middle — so
 * an average is exact (sums are kept) and a percentile is within 1 %.
 */
const EXACT_BELOW = 100;
const RATIO = 1.02;

export function bucketValue(bucket: number): number {
  if (bucket < EXACT_BELOW) return bucket;
  return Math.round(EXACT_BELOW * RATIO ** (bucket - EXACT_BELOW + 0.5));
}

export class DurationHistogram {
  private readonly counts = new Map<number, number>();
  private n = 0;
  private sum = 0;

  add(bucket: number, n: number, sumMs: number): void {
    if (n === 0) return;
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + n);
    this.n += n;
    this.sum += sumMs;
  }

  get count(): number {
    return this.n;
  }

  average(): number | null {
    return this.n > 0 ? this.sum / this.n : null;
  }

  /** Nearest-rank percentile (p in 0–100): the smallest value with at least p % of the durations at or below it. */
  percentile(p: number): number | null {
    if (this.n <= 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= rank) return bucketValue(bucket);
    }
    return null;
  }
}
