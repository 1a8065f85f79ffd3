/**
 * Group commit for received requests. A request is stored after its response is out, so
 * nobody waits on the write. Rows are handed to the store in batches, one transaction each,
 * with at most one batch in flight: the first row after a quiet spell goes in the next turn
 * of the event loop (setImmediate); under load, batches start BATCH_INTERVAL_MS apart (or when
 * the last is committed, if later), so the busier, the bigger the batch.
 * With a file database the batches are committed by a write worker (store/writeWorker.ts), so
 * the receiver's event loop never waits on SQLite.
 *
 * `duplicate` is decided by the INSERT, in arrival order (RequestsRepo.writeBatch). Each `add`
 * resolves with the row as stored once its batch has committed (and is readable from the main
 * connection).
 */
import { RequestsRepo, type StoredRequest } from '../store/requestsRepo';
import type { WriteBatch } from '../store/writeBatch';

interface Pending {
  request: StoredRequest;
  resolve: (stored: StoredRequest) => void;
  reject: (e: unknown) => void;
}

/** Commits a batch (all or nothing) and gives its results: on this thread or on a write worker. */
export type BatchCommitter = (batch: WriteBatch) => Promise<unknown[]> | unknown[];

/**
 * Under load, batches start at least this far apart, so that each carries tens of rows: a
 * commit writes every page it touched (a leaf per index of `requests`) whatever the row count.
 */
export const BATCH_INTERVAL_MS = 5;
/** Rows that start a batch at once instead of waiting. */
export const DEFAULT_BATCH_ROWS = 200;
/** The most rows one batch carries. */
const MAX_BATCH_ROWS = 500;

export class RequestWriter {
  private buffer: Pending[] = [];
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private inFlight = false;
  private lastStart = -Infinity;

  constructor(
    private readonly repo: RequestsRepo,
    private readonly commit: BatchCommitter,
    /** Called when a batch could not be stored whole (e.g. an inbox deleted meanwhile), before rows are retried one by one. */
    private readonly onBatchError: (e: unknown) => void = () => {},
    private readonly startRows = DEFAULT_BATCH_ROWS,
  ) {}

  /** Resolves with the stored row once it is committed; rejects if it could not be stored. */
  add(request: StoredRequest): Promise<StoredRequest> {
    return new Promise<StoredRequest>((resolve, reject) => {
      this.buffer.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Rows waiting to be handed to the store. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Hands what is buffered to the store now, unless a batch is in flight (its end does it). */
  flush(): void {
    if (this.scheduled) {
      // Each with its own clear: clearImmediate on a Timeout would corrupt node's immediate counts.
      if ('refresh' in this.scheduled) clearTimeout(this.scheduled);
      else clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    if (this.inFlight || this.buffer.length === 0) return;
    this.lastStart = performance.now();
    const batch = this.buffer.splice(0, MAX_BATCH_ROWS);
    this.inFlight = true;
    void this.write(batch).finally(() => {
      this.inFlight = false;
      this.schedule();
    });
  }

  /** The next batch: at once when enough rows wait, else in the next turn — or, under load, one interval after the last. */
  private schedule(): void {
    if (this.inFlight || this.buffer.length === 0) return;
    if (this.buffer.length >= this.startRows) return this.flush();
    if (this.scheduled) return;
    const wait = this.lastStart + BATCH_INTERVAL_MS - performance.now();
    this.scheduled = wait > 0 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
  }

  private async write(batch: Pending[]): Promise<void> {
    const rows = batch.map((p) => p.request);
    try {
      const stored = RequestsRepo.stored(rows, await this.commit(this.repo.writeBatch(rows)));
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(stored[i]!);
    } catch (e) {
      // One bad row must not cost the others: each on its own, in the same order.
      this.onBatchError(e);
      for (const p of batch) {
        try {
          p.resolve(RequestsRepo.stored([p.request], await this.commit(this.repo.writeBatch([p.request])))[0]!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}
