/**
 * The contract between `run.ts` and the bench sections. A section is a module whose default
 * (or `section`) export is a {@link BenchSection}; `run.ts` runs them in its ordered list.
 */

/** Figures a section measured, under fully qualified, stable keys (e.g. `delivery.raw_per_s`). */
export type Figures = Record<string, number>;

/** A goal for one figure: `min` means the figure must be ≥ value, `max` means ≤ value. */
export interface BenchTarget {
  key: string;
  min?: number;
  max?: number;
}

export interface BenchArgs {
  json: boolean;
  only?: string;
  /** Multiplies the work sizes (event counts, durations); 1 = the real bench, 0.1 = a smoke run. */
  scale: number;
}

export interface BenchContext {
  readonly args: BenchArgs;
  /** Aborted when the section's hard time limit passes; long waits should give up on it. */
  readonly signal: AbortSignal;
  /** Progress line on stderr (stdout is kept for the table / the one JSON object). */
  log(line: string): void;
  /** A fresh temp dir, removed when the section ends (success, failure or timeout). */
  tempDir(prefix?: string): string;
  /** Runs `fn` when the section ends, last registered first. */
  defer(fn: () => unknown): void;
  /** Scales a work size by `--scale`, never below `min`. */
  scaled(n: number, min?: number): number;
}

export interface BenchSection {
  /** Used by `--only` and as the first part of the section's keys. */
  name: string;
  /** One line shown above the section's rows. */
  title: string;
  /** Hard limit for the whole section; the runner gives up (and cleans up) after it. */
  timeoutMs: number;
  targets?: BenchTarget[];
  /** Unit / explanation per key, shown in the table. Keys without one get a unit from their suffix. */
  notes?: Record<string, string>;
  run(ctx: BenchContext): Promise<Figures>;
}
