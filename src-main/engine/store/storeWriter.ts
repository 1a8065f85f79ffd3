/**
 * The engine's one write queue (group commit). Everything written on a hot path — received
 * requests, fired events and their deliveries, attempts and delivery outcomes, roll-ups — is a
 * job; jobs are grouped into batches, one transaction each, with at most one batch in flight:
 * the first job after a quiet spell goes in the next turn of the event loop, and under load
 * every job that arrived while a batch was committing goes in the next one. A job's promise
 * settles once its batch is committed (and readable from the main connection).
 *
 * With a file database the batches are committed by the write worker (writeWorker.ts), so the
 * event loop that serves HTTP and the UI never waits on SQLite; where no worker thread can run,
 * on the main connection (see Store.writer).
 */
import { WriteBatchBuilder, type WriteBatch } from './writeBatch';

/** Commits a batch (all or nothing) and gives its READ results: on this thread or on a write worker. */
export type BatchCommitter = (batch: WriteBatch) => Promise<unknown[]> | unknown[];

export interface WriteJob {
  /** Adds this job's runs. Its READ runs are its results, in order. */
  write(b: WriteBatchBuilder): void;
  /**
   * After the job failed on its own: its results if its writes are in the database anyway (a
   * batch committed whose answer was lost with the writer), else undefined (the job rejects).
   */
  recover?(error: unknown): unknown[] | undefined;
}

/**
 * A job that inserts rows (no READ results). If it fails after its writer stopped, it may have
 * been committed before (the answer lost with the writer): `stored()` tells, and then it is not an error.
 */
export function inserting(write: WriteJob['write'], stored: () => boolean): WriteJob {
  return { write, recover: () => (stored() ? [] : undefined) };
}

interface Pending {
  job: WriteJob;
  resolve: (results: unknown[]) => void;
  reject: (e: unknown) => void;
}

/** The most jobs one batch carries ... */
const MAX_BATCH_JOBS = 1000;
/** ... and about the most bytes (at least one job): a batch holds the write lock while it runs. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

export class StoreWriter {
  private queue: Pending[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private inFlight = false;
  private whenIdle: (() => void)[] = [];
  /** Batches committed (or tried) so far, and the jobs they carried (bench figures). */
  batches = 0;
  jobs = 0;

  constructor(private readonly commit: BatchCommitter) {}

  /** Resolves with the job's READ results once its batch is committed; rejects if it could not be written. */
  submit(job: WriteJob): Promise<unknown[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.inFlight && !this.scheduled) this.scheduled = setImmediate(() => this.flush());
    });
  }

  /** Jobs waiting for a batch. */
  get pending(): number {
    return this.queue.length;
  }

  /** True while nothing is queued or being committed. */
  get isIdle(): boolean {
    return !this.inFlight && this.queue.length === 0;
  }

  /** Resolves once nothing is queued or being committed. */
  idle(): Promise<void> {
    if (this.isIdle) return Promise.resolve();
    return new Promise((resolve) => this.whenIdle.push(resolve));
  }

  /** Starts a batch with what is queued now, unless one is in flight (its end starts the next). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.inFlight || this.queue.length === 0) return;
    const b = new WriteBatchBuilder();
    const taken: { p: Pending; reads: [number, number] }[] = [];
    while (this.queue.length > 0 && taken.length < MAX_BATCH_JOBS && (taken.length === 0 || b.size < MAX_BATCH_BYTES)) {
      const p = this.queue.shift()!;
      const mark = b.mark();
      try {
        p.job.write(b);
        taken.push({ p, reads: [mark.reads, b.reads] });
      } catch (e) {
        b.rewind(mark); // a job that cannot be encoded fails alone
        p.reject(e);
      }
    }
    if (taken.length === 0) return this.settled();
    this.inFlight = true;
    this.batches++;
    this.jobs += taken.length;
    void this.write(b.build(), taken).finally(() => {
      this.inFlight = false;
      if (this.queue.length > 0) this.flush();
      else this.settled();
    });
  }

  private settled(): void {
    if (!this.isIdle) return;
    const calls = this.whenIdle;
    this.whenIdle = [];
    for (const c of calls) c();
  }

  /**
   * Commits a batch whole. If that fails for a reason of its own rows (a constraint: a row of
   * an inbox or webhook deleted meanwhile), each job on its own, in order, so one bad job costs
   * only itself. A batch that failed because the writer stopped is tried once more whole first.
   */
  private async write(batch: WriteBatch, taken: { p: Pending; reads: [number, number] }[]): Promise<void> {
    let error: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const results = await this.commit(attempt === 0 ? batch : rebuild(taken.map((t) => t.p.job)));
        for (const t of taken) t.p.resolve(results.slice(t.reads[0], t.reads[1]));
        return;
      } catch (e) {
        error = e;
        if (isConstraint(e)) break;
      }
    }
    for (const { p } of taken) {
      try {
        p.resolve(await this.writeOne(p.job));
      } catch (e) {
        let recovered: unknown[] | undefined;
        try {
          recovered = p.job.recover?.(e);
        } catch {
          recovered = undefined; // (the store closed meanwhile): the job's own error stands
        }
        if (recovered) p.resolve(recovered);
        else p.reject(e === undefined ? error : e);
      }
    }
  }

  private async writeOne(job: WriteJob): Promise<unknown[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.commit(rebuild([job]));
      } catch (e) {
        if (isConstraint(e) || attempt === 1) throw e;
      }
    }
  }
}

function rebuild(jobs: WriteJob[]): WriteBatch {
  const b = new WriteBatchBuilder();
  for (const job of jobs) job.write(b);
  return b.build();
}

export const isConstraint = (e: unknown): boolean =>
  String((e as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_CONSTRAINT');
