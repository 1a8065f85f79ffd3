/** Small numeric helpers shared by the sections. */

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** The middle item by `key` (the upper middle of an even count). */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  if (items.length === 0) throw new Error('medianBy: no items');
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `done()` every `intervalMs` until it is true; throws with `describe()` in the message
 * once `timeoutMs` passes or `signal` aborts. Returns the performance.now() when done was seen.
 */
export async function waitUntil(
  done: () => boolean,
  opts: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal; what: string; describe?: () => string },
): Promise<number> {
  const deadline = performance.now() + opts.timeoutMs;
  for (;;) {
    if (done()) return performance.now();
    if (opts.signal?.aborted)
      throw new Error(`aborted while waiting for ${opts.what}${opts.describe ? ` (${opts.describe()})` : ''}`);
    if (performance.now() > deadline) {
      throw new Error(
        `timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${opts.describe ? ` (${opts.describe()})` : ''}`,
      );
    }
    await sleep(opts.intervalMs ?? 20);
  }
}

/** Runs `fn` in chunks of `chunk` calls with a setImmediate between chunks (lets I/O and timers in). */
export function inChunks(total: number, chunk: number, fn: (i: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let i = 0;
    const step = () => {
      try {
        if (signal?.aborted) throw new Error('aborted');
        const end = Math.min(total, i + chunk);
        for (; i < end; i++) fn(i);
        if (i < total) setImmediate(step);
        else resolve();
      } catch (e) {
        reject(e);
      }
    };
    step();
  });
}
