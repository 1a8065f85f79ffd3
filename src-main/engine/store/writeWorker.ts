/**
 * A second SQLite connection on a worker thread for write-heavy paths (received requests): the
 * batch's statements and its commit run there, so the HTTP event loop never waits on SQLite.
 * Batches run one at a time, in the order given. The thread starts on the first batch, holds
 * the process open only while a batch is in flight, and is replaced if it ever dies or is closed.
 *
 * Main-thread transactions are IMMEDIATE (see runBatch / Store.tx) so that a transaction that
 * reads first never has its snapshot overtaken by this connection's commits.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WAL_AUTOCHECKPOINT_PAGES } from './database';
import { WRITE_WORKER_SOURCE, type WriteBatch } from './writeBatch';

/** A batch the worker could not write; nothing of it was written. `code` is SQLite's (e.g. SQLITE_CONSTRAINT_FOREIGNKEY). */
export class WriteBatchError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'WriteBatchError';
  }
}

interface Waiting { resolve: (results: unknown[]) => void; reject: (e: Error) => void }
type Reply = { ready: true } | { id: number; ok: true; results: unknown[] } | { id: number; ok: false; message: string; code?: string } | { closed: true };

const sqliteModule = () => createRequire(import.meta.url).resolve('better-sqlite3');

export class WriteWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private closing: Promise<void> | null = null;
  /** Called once no batch is in flight. */
  private whenIdle: (() => void)[] = [];
  /**
   * Why a thread could not start (it died before opening the database: the binding or the file
   * cannot be loaded there). Callers then write on their own connection instead; see {@link usable}.
   */
  unavailable: Error | null = null;

  constructor(private readonly file: string, private readonly nativeBinding?: string) {}

  /**
   * Resolves with the batch's results once it is committed; rejects with a WriteBatchError if
   * nothing of it was written. The batch's byte array is transferred (unusable here afterwards).
   */
  run(batch: WriteBatch): Promise<unknown[]> {
    if (this.closing) return Promise.reject(new Error('the write worker is closing'));
    if (this.unavailable) return Promise.reject(this.unavailable);
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise<unknown[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, batch }, [batch.runs.buffer as ArrayBuffer]);
    });
  }

  /** Starts the thread now (it would start on the first batch), so that the first batch does not wait for it. */
  start(): void {
    if (!this.closing) this.thread();
  }

  /** False once a thread failed to start: batches must be written on the caller's connection. */
  get usable(): boolean {
    return this.unavailable === null;
  }

  /** Batches in flight. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Waits for the batches in flight, then closes the connection and ends the thread (a later run starts a new one). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      if (this.waiting.size > 0) await new Promise<void>((resolve) => this.whenIdle.push(resolve));
      worker.ref();
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (m: Reply) => { if ('closed' in m) resolve(); });
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ close: true });
      await closed;
      this.worker = null;
      await worker.terminate();
    })().finally(() => { this.closing = null; });
    return this.closing;
  }

  private idle(worker: Worker): void {
    worker.unref();
    const calls = this.whenIdle;
    this.whenIdle = [];
    for (const c of calls) c();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WRITE_WORKER_SOURCE, {
      eval: true,
      workerData: { module: sqliteModule(), file: this.file, nativeBinding: this.nativeBinding, walAutocheckpoint: WAL_AUTOCHECKPOINT_PAGES },
    });
    worker.unref();
    let ready = false;
    worker.on('message', (m: Reply) => {
      if ('ready' in m) {
        ready = true;
        return;
      }
      if ('closed' in m) return;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.results);
      else w.reject(new WriteBatchError(m.message, m.code));
      if (this.waiting.size === 0) this.idle(worker);
    });
    const fail = (e: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (!ready) this.unavailable = new Error(`the write worker could not start: ${e.message}`);
      const waiting = [...this.waiting.values()];
      this.waiting.clear();
      for (const w of waiting) w.reject(new Error(`the write worker stopped: ${e.message}`));
      this.idle(worker);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
