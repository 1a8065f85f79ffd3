/**
 * A second SQLite connection on a worker thread that commits the store's write batches
 * (storeWriter.ts: received requests, fired events, attempts and outcomes): the batch's
 * statements and its commit run there, so the event loop that serves HTTP and the UI never
 * waits on SQLite.
 * Batches run one at a time, in the order given. The thread starts on the first batch, holds
 * the process open only while a batch is in flight, and is replaced if it ever dies or is closed.
 *
 * Main-thread transactions are IMMEDIATE (see runBatch / Store.tx) so that a transaction that
 * reads first never has its snapshot overtaken by this connection's commits.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WRITE_DEFINITIONS, type WriteBatch } from './writeBatch';

/** A batch the worker could not write; nothing of it was written. `code` is SQLite's (e.g. SQLITE_CONSTRAINT_FOREIGNKEY). */
export class WriteBatchError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'WriteBatchError';
  }
}

interface Waiting {
  resolve: (results: unknown[]) => void;
  reject: (e: Error) => void;
}
type Reply =
  | { ready: true }
  | { id: number; ok: true; results: unknown[] }
  | { id: number; ok: false; message: string; code?: string }
  | { closed: true };
/** `sent`: how many of WRITE_DEFINITIONS this thread has been sent. */
interface Thread {
  worker: Worker;
  exited: Promise<void>;
  sent: number;
}

/**
 * Pages of WAL before one of the worker's commits checkpoints them into the database (SQLite's
 * default, which the main connection keeps so that its checkpoints stay short, is 1000).
 * Appends rewrite the same right-edge pages commit after commit, and a checkpoint copies each
 * page once, so a longer interval copies far less (~25 % less CPU per stored request). The WAL
 * grows to ~40 MiB between the worker's checkpoints; they run off the event loop.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

const sqliteModule = () => createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * The thread's entry, a plain JavaScript file beside this one — in the sources (tsx, vitest) and
 * in the desktop bundle, where electron.vite.config.ts builds it as its own entry (out/main/writeThread.js).
 */
export const WRITE_THREAD = new URL('./writeThread.js', import.meta.url);

export class WriteWorker {
  private thread: Thread | null = null;
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

  constructor(
    private readonly file: string,
    private readonly nativeBinding?: string,
  ) {}

  /**
   * Resolves with the batch's results once it is committed; rejects with a WriteBatchError if
   * nothing of it was written, or an Error if the thread stopped (the batch may or may not have
   * been committed). The batch's byte array is transferred (unusable here afterwards). A batch
   * given while the worker is closing waits for the close and goes to a new thread.
   */
  async run(batch: WriteBatch): Promise<unknown[]> {
    while (this.closing) await this.closing.catch(() => {});
    if (this.unavailable) throw this.unavailable;
    if (batch.runs.buffer.byteLength === 0) throw new Error('this write batch was already handed to a worker');
    const thread = this.start()!;
    const { worker } = thread;
    const id = this.nextId++;
    const definitions = thread.sent < WRITE_DEFINITIONS.length ? WRITE_DEFINITIONS.slice(thread.sent) : undefined;
    thread.sent = WRITE_DEFINITIONS.length;
    return new Promise<unknown[]>((resolve, reject) => {
      worker.postMessage({ id, batch, definitions }, [batch.runs.buffer as ArrayBuffer]);
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
    });
  }

  /** False once a thread failed to start: batches must be written on the caller's connection. */
  get usable(): boolean {
    return this.unavailable === null;
  }

  /** Batches in flight. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Starts the thread now (it would start on the first batch), so that the first batch does not wait for it. */
  start(): Thread | null {
    if (this.unavailable) return null;
    this.thread ??= this.spawn();
    return this.thread;
  }

  /** Waits for the batches in flight, then closes the connection and ends the thread (a later run starts a new one). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const thread = this.thread;
      if (!thread) return;
      if (this.waiting.size > 0) await new Promise<void>((resolve) => this.whenIdle.push(resolve));
      if (this.thread !== thread) return; // it died meanwhile
      thread.worker.ref();
      thread.worker.postMessage({ close: true });
      const closed = new Promise<void>((resolve) =>
        thread.worker.on('message', (m: Reply) => {
          if ('closed' in m) resolve();
        }),
      );
      await Promise.race([closed, thread.exited]);
      this.thread = null;
      await thread.worker.terminate();
    })().finally(() => {
      this.closing = null;
    });
    return this.closing;
  }

  private idle(worker: Worker): void {
    worker.unref();
    const calls = this.whenIdle;
    this.whenIdle = [];
    for (const c of calls) c();
  }

  private spawn(): Thread {
    const worker = new Worker(WRITE_THREAD, {
      // Plain JavaScript: not the parent's flags, which under tsx load its TypeScript loader (~50 ms of start-up).
      execArgv: [],
      workerData: {
        module: sqliteModule(),
        file: this.file,
        nativeBinding: this.nativeBinding,
        walAutocheckpoint: WAL_AUTOCHECKPOINT_PAGES,
      },
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
      if (this.thread?.worker !== worker) return;
      this.thread = null;
      if (!ready) this.unavailable = new Error(`the write worker could not start: ${e.message}`);
      const waiting = [...this.waiting.values()];
      this.waiting.clear();
      for (const w of waiting) w.reject(new Error(`the write worker stopped: ${e.message}`));
      this.idle(worker);
    };
    worker.on('error', fail);
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', (code) => {
        fail(new Error(`exit code ${code}`));
        resolve();
      }),
    );
    return { worker, exited, sent: 0 };
  }
}
