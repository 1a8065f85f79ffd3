/**
 * Group commit for received requests. A request is stored after its response is out, so
 * nobody waits on the write: rows are buffered and written in ONE transaction per turn of the
 * event loop (setImmediate), or at once when the buffer is full. Under load — the last commit
 * held several rows and was moments ago — the next one waits a short window instead
 * (`BUSY_WINDOW_MS`), so a commit holds tens of rows rather than the few of one turn: each
 * commit writes a page per index of `requests` to the WAL. A lone request is still stored
 * in the turn after its response. Each `add` resolves with the
 * row as stored (`duplicate` decided in the flush, in arrival order) once its transaction has
 * committed.
 */
import type { RequestsRepo, StoredRequest } from '../store/requestsRepo';

interface Pending {
  request: StoredRequest;
  resolve: (stored: StoredRequest) => void;
  reject: (e: unknown) => void;
}

export const DEFAULT_BATCH_ROWS = 200;
/** How long rows wait for company when the receiver is busy. */
export const BUSY_WINDOW_MS = 2;
/** Busy: the last commit held at least this many rows ... */
const BUSY_ROWS = 4;
/** ... and was at most this long ago. */
const BUSY_RECENT_MS = 5;

export class RequestWriter {
  private buffer: Pending[] = [];
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private lastRows = 0;
  private lastAt = 0;

  constructor(
    private readonly repo: RequestsRepo,
    /** Called when a batch could not be stored whole (e.g. an inbox deleted meanwhile), before rows are retried one by one. */
    private readonly onBatchError: (e: unknown) => void = () => {},
    private readonly maxRows = DEFAULT_BATCH_ROWS,
  ) {}

  /** Resolves with the stored row once it is committed; rejects if it could not be stored. */
  add(request: StoredRequest): Promise<StoredRequest> {
    return new Promise<StoredRequest>((resolve, reject) => {
      this.buffer.push({ request, resolve, reject });
      if (this.buffer.length >= this.maxRows) this.flush();
      else if (this.scheduled === null) this.scheduled = this.busy() ? setTimeout(() => this.flush(), BUSY_WINDOW_MS) : setImmediate(() => this.flush());
    });
  }

  private busy(): boolean {
    return this.lastRows >= BUSY_ROWS && performance.now() - this.lastAt <= BUSY_RECENT_MS;
  }

  /** Rows waiting for their transaction. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered now, synchronously. */
  flush(): void {
    if (this.scheduled) {
      // Each with its own clear: clearImmediate on a Timeout would corrupt node's immediate counts.
      if ('refresh' in this.scheduled) clearTimeout(this.scheduled);
      else clearImmediate(this.scheduled as NodeJS.Immediate);
      this.scheduled = null;
    }
    const batch = this.buffer;
    if (batch.length === 0) return;
    this.buffer = [];
    this.lastRows = batch.length;
    this.lastAt = performance.now();
    let stored: StoredRequest[];
    try {
      stored = this.repo.insertMany(batch.map((p) => p.request));
    } catch (e) {
      // One bad row must not cost the others: each on its own, in the same order.
      this.onBatchError(e);
      for (const p of batch) {
        try {
          p.resolve(this.repo.insert(p.request));
        } catch (err) {
          p.reject(err);
        }
      }
      return;
    }
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(stored[i]!);
  }
}
