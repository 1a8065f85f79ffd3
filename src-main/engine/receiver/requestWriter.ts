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
/** The most rows one batch carries ... */
const MAX_BATCH_ROWS = 500;
/** ... and about the most body bytes (at least one row): a batch holds the write lock while it runs. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

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
    let rows = 0;
    let bytes = 0;
    while (rows < this.buffer.length && rows < MAX_BATCH_ROWS && (rows === 0 || bytes + this.buffer[rows]!.request.body.length <= MAX_BATCH_BYTES)) {
      bytes += this.buffer[rows]!.request.body.length;
      rows++;
    }
    const batch = this.buffer.splice(0, rows);
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

  /**
   * Stores a batch whole; if that fails for a reason of its own rows (a constraint: an inbox
   * deleted meanwhile), each row on its own, in order, so one bad row costs only itself. A batch
   * that failed because the writer stopped or was busy is tried once more whole first.
   */
  private async write(batch: Pending[]): Promise<void> {
    const rows = batch.map((p) => p.request);
    let error: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const stored = RequestsRepo.stored(rows, await this.commit(this.repo.writeBatch(rows)));
        for (let i = 0; i < batch.length; i++) batch[i]!.resolve(stored[i]!);
        return;
      } catch (e) {
        error = e;
        if (isConstraint(e)) break;
      }
    }
    this.onBatchError(error);
    for (const p of batch) {
      try {
        p.resolve(await this.writeOne(p.request));
      } catch (err) {
        p.reject(err);
      }
    }
  }

  private async writeOne(request: StoredRequest): Promise<StoredRequest> {
    for (let attempt = 0; ; attempt++) {
      try {
        return RequestsRepo.stored([request], await this.commit(this.repo.writeBatch([request])))[0]!;
      } catch (e) {
        // Its id is taken: an earlier attempt was committed but its answer was lost with the writer.
        const duplicate = isConstraint(e) ? this.repo.storedDuplicate(request.id) : undefined;
        if (duplicate !== undefined) return { ...request, duplicate };
        if (isConstraint(e) || attempt === 1) throw e;
      }
    }
  }
}

const isConstraint = (e: unknown): boolean => String((e as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_CONSTRAINT');
