/**
 * Group commit for received requests. A request is stored after its response is out, so
 * nobody waits on the write: rows are buffered and written in ONE transaction per turn of the
 * event loop (setImmediate), or at once when the buffer is full. Each `add` resolves with the
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

export class RequestWriter {
  private buffer: Pending[] = [];
  private scheduled: NodeJS.Immediate | null = null;

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
      else this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Rows waiting for their transaction. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered now, synchronously. */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    const batch = this.buffer;
    if (batch.length === 0) return;
    this.buffer = [];
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
