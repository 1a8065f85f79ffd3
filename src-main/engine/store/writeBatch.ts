/**
 * A batch of writes described as data — SQL texts, and the statement runs as one JSON string
 * with the BLOB parameters packed into one byte array — so that it can be run on this thread's
 * connection or handed to the write worker (writeWorker.ts) cheaply: posting a string and a
 * transferred buffer costs a copy, not a structured clone of every parameter. Either way the
 * batch is one IMMEDIATE transaction: all or nothing. Statements that return rows (a
 * `RETURNING` clause, a SELECT) add their first row's first column to the batch's results.
 */
import type { Db } from './database';

export interface WriteBatch {
  sql: readonly string[];
  /** JSON: `[[sqlIndex, params], ...]`; a BLOB parameter is `{"b": [offset, length]}` into `blobs`. */
  ops: string;
  blobs: Uint8Array;
}

/** Collects statement runs; Buffers among the parameters are bound as BLOBs. */
export class WriteBatchBuilder {
  private readonly ops: [number, unknown[]][] = [];
  private readonly blobList: Uint8Array[] = [];
  private blobBytes = 0;

  constructor(private readonly sql: readonly string[]) {}

  add(sqlIndex: number, params: unknown[]): this {
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if (p instanceof Uint8Array) {
        params[i] = { b: [this.blobBytes, p.byteLength] };
        this.blobList.push(p);
        this.blobBytes += p.byteLength;
      }
    }
    this.ops.push([sqlIndex, params]);
    return this;
  }

  build(): WriteBatch {
    const blobs = new Uint8Array(this.blobBytes); // its own ArrayBuffer: transferable
    let at = 0;
    for (const b of this.blobList) {
      blobs.set(b, at);
      at += b.byteLength;
    }
    return { sql: this.sql, ops: JSON.stringify(this.ops), blobs };
  }
}

/**
 * The one executor of a batch, as JavaScript source: the write worker evaluates it, and this
 * thread compiles it once for runBatch. `execute(db, prepared, batch)` → results.
 */
export const EXECUTE_SOURCE = String.raw`
function execute(db, prepared, batch) {
  const stmts = batch.sql.map(prepared);
  const ops = JSON.parse(batch.ops);
  const blobs = Buffer.from(batch.blobs.buffer, batch.blobs.byteOffset, batch.blobs.byteLength);
  const results = [];
  db.transaction(() => {
    for (const [i, params] of ops) {
      for (let k = 0; k < params.length; k++) {
        const p = params[k];
        if (p !== null && typeof p === 'object') params[k] = blobs.subarray(p.b[0], p.b[0] + p.b[1]);
      }
      const stmt = stmts[i];
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
 * Messages in: { id, batch } and { close: true }; out: { id, ok, results | message, code } and { closed: true }.
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
