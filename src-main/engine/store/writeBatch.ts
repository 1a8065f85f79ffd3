/**
 * A batch of writes described as data — SQL texts, and the statement runs encoded in one byte
 * array — so that it can be run on this thread's connection or handed to the write worker
 * (writeWorker.ts) cheaply: the array is transferred, not copied, and nothing is escaped (JSON
 * would escape every quote of the JSON-text columns). Either way the batch is one IMMEDIATE
 * transaction: all or nothing. Statements that return rows (a `RETURNING` clause, a SELECT)
 * add their first row's first column to the batch's results.
 *
 * Encoding, per run: u16 SQL index, u16 parameter count, then each parameter as a tag byte —
 * 0 null, 1 float64, 2 UTF-8 text (u32 length + bytes), 3 BLOB (u32 length + bytes).
 */
import type { Db } from './database';

export interface WriteBatch {
  sql: readonly string[];
  /** The runs, encoded as above, at the start of their own ArrayBuffer (transferable). */
  runs: Uint8Array;
}

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;
const BLOB = 3;

/** Collects statement runs; Buffers among the parameters are bound as BLOBs, booleans as 0/1. */
export class WriteBatchBuilder {
  private buf = Buffer.allocUnsafeSlow(64 * 1024);
  private at = 0;

  constructor(private readonly sql: readonly string[]) {}

  add(sqlIndex: number, params: readonly unknown[]): this {
    this.room(4);
    this.at = this.buf.writeUInt16LE(sqlIndex, this.at);
    this.at = this.buf.writeUInt16LE(params.length, this.at);
    for (const p of params) {
      if (p === null || p === undefined) {
        this.room(1);
        this.buf[this.at++] = NULL;
      } else if (typeof p === 'number' || typeof p === 'boolean') {
        this.room(9);
        this.buf[this.at++] = NUMBER;
        this.at = this.buf.writeDoubleLE(Number(p), this.at);
      } else if (typeof p === 'string') {
        this.room(5 + p.length * 3);
        this.buf[this.at] = TEXT;
        const n = this.buf.write(p, this.at + 5, 'utf8');
        this.buf.writeUInt32LE(n, this.at + 1);
        this.at += 5 + n;
      } else if (p instanceof Uint8Array) {
        this.room(5 + p.byteLength);
        this.buf[this.at] = BLOB;
        this.buf.writeUInt32LE(p.byteLength, this.at + 1);
        this.buf.set(p, this.at + 5);
        this.at += 5 + p.byteLength;
      } else {
        throw new TypeError(`a write batch takes null, numbers, booleans, strings and Buffers, not ${typeof p}`);
      }
    }
    return this;
  }

  /** The batch (a view of this builder's buffer, not a copy: add nothing after). */
  build(): WriteBatch {
    return { sql: this.sql, runs: new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.at) };
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
}

/**
 * The one executor of a batch, as JavaScript source: the write worker evaluates it, and this
 * thread compiles it once for runBatch. `execute(db, prepared, batch)` → results.
 */
const EXECUTE_SOURCE = String.raw`
function execute(db, prepared, batch) {
  const stmts = batch.sql.map(prepared);
  const buf = Buffer.from(batch.runs.buffer, batch.runs.byteOffset, batch.runs.byteLength);
  const results = [];
  db.transaction(() => {
    let at = 0;
    while (at < buf.length) {
      const stmt = stmts[buf.readUInt16LE(at)];
      const params = new Array(buf.readUInt16LE(at + 2));
      at += 4;
      for (let k = 0; k < params.length; k++) {
        const tag = buf[at++];
        if (tag === ${NULL}) params[k] = null;
        else if (tag === ${NUMBER}) { params[k] = buf.readDoubleLE(at); at += 8; }
        else {
          const n = buf.readUInt32LE(at);
          params[k] = tag === ${TEXT} ? buf.toString('utf8', at + 4, at + 4 + n) : buf.subarray(at + 4, at + 4 + n);
          at += 4 + n;
        }
      }
      if (stmt.reader) {
        const row = stmt.raw(true).get(params);
        results.push(row === undefined ? null : row[0]);
      } else stmt.run(params);
    }
  }).immediate();
  return results;
}`;

type Execute = (db: Db, prepared: (sql: string) => unknown, batch: WriteBatch) => unknown[];
const execute = new Function(`${EXECUTE_SOURCE}; return execute;`)() as Execute;

/** Runs `batch` on `db` (this thread); returns the values of its row-returning statements. */
export function runBatch(db: Db, batch: WriteBatch): unknown[] {
  return execute(db, (sql) => db.prepare(sql), batch);
}

/**
 * What a write worker runs (plain CommonJS, evaluated in a worker thread: no bundler or
 * TypeScript loader reaches it). workerData: { module, file, nativeBinding?, walAutocheckpoint }.
 * Messages in: { id, batch } and { close: true }; out: { ready: true } once the database is open,
 * { id, ok, results | message, code } and { closed: true }.
 */
export const WRITE_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('temp_store = MEMORY');
db.pragma('wal_autocheckpoint = ' + workerData.walAutocheckpoint);
const statements = new Map();
function prepared(sql) {
  let s = statements.get(sql);
  if (!s) { s = db.prepare(sql); statements.set(sql, s); }
  return s;
}
${EXECUTE_SOURCE}
parentPort.postMessage({ ready: true });
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    parentPort.postMessage({ id: m.id, ok: true, results: execute(db, prepared, m.batch) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, message: String((e && e.message) || e), code: e && e.code });
  }
});
`;
