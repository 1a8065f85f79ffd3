import type { Store } from './store/store';

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionTask {
  /** Extra clean-up run with the same cut-off clock (e.g. received requests). */
  (now: number): number;
}

/** Deletes old deliveries (and whatever registered tasks clean) on open and then daily. */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private readonly tasks: RetentionTask[] = [];

  constructor(private readonly store: Store) {}

  addTask(task: RetentionTask): void {
    this.tasks.push(task);
  }

  runOnce(now = Date.now()): number {
    const { retention } = this.store.settings.get();
    let removed = this.store.deliveries.deleteOlderThan(
      now - retention.successDays * DAY_MS,
      now - retention.failedDays * DAY_MS,
    );
    for (const task of this.tasks) removed += task(now);
    return removed;
  }

  start(): void {
    this.runOnce();
    this.timer = setInterval(() => this.runOnce(), DAY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export { DAY_MS };
