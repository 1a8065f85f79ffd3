/**
 * The one executor of a write batch (writeBatch.ts describes the encoding), run on this thread's
 * connection by runBatch and on the write worker's by writeThread.js. Plain JavaScript (types in
 * executeBatch.d.ts) so that a worker thread loads it with no bundler or TypeScript loader.
 */

/** Run flags: READ adds a result, IF_CHANGED runs only if the last unguarded run changed a row, TALLY folds. */
export const READ = 1;
export const IF_CHANGED = 2;
export const TALLY = 4;

/** Parameter tags. */
export const NULL = 0;
export const NUMBER = 1;
export const TEXT = 2;
export const BLOB = 3;
export const ROWID = 4;

/**
 * Runs the encoded runs in one transaction (a savepoint inside a caller's transaction); returns
 * the values of its READ runs. `statement(id, raw)` gives the connection's prepared statement for
 * an id (raw mode for READ runs), `definition(id)` its definition.
 * @param {import('better-sqlite3').Database} db
 * @param {(id: number, raw: boolean) => import('better-sqlite3').Statement} statement
 * @param {(id: number) => { sql: string; fold?: { keys: number; aggregates: readonly string[] } }} definition
 * @param {() => unknown} lastRowid
 * @param {Uint8Array} runs
 * @returns {unknown[]}
 */
export function executeBatch(db, statement, definition, lastRowid, runs) {
  const buf = Buffer.from(runs.buffer, runs.byteOffset, runs.byteLength);
  const results = [];
  let tallies = null;
  const tx = transactionOf(db)[db.inTransaction ? 'nested' : 'top'];
  tx.begin.run();
  try {
    let at = 0;
    let changed = true;
    while (at < buf.length) {
      const id = buf[at] | (buf[at + 1] << 8);
      const flags = buf[at + 2];
      const params = new Array(buf[at + 3] | (buf[at + 4] << 8));
      at += 5;
      for (let k = 0; k < params.length; k++) {
        const tag = buf[at++];
        if (tag === NULL) params[k] = null;
        else if (tag === NUMBER) {
          params[k] = buf.readDoubleLE(at);
          at += 8;
        } else if (tag === ROWID) params[k] = lastRowid();
        else {
          const n = buf.readUInt32LE(at);
          params[k] = tag === TEXT ? buf.utf8Slice(at + 4, at + 4 + n) : buf.subarray(at + 4, at + 4 + n);
          at += 4 + n;
        }
      }
      const guarded = (flags & IF_CHANGED) !== 0;
      if (guarded && !changed) {
        if (flags & READ) results.push(null);
        continue;
      }
      if (flags & TALLY) {
        const fold = definition(id).fold;
        let name = '' + id;
        for (let k = 0; k < fold.keys; k++) name += '\u0001' + params[k];
        tallies ??= new Map();
        const entry = tallies.get(name);
        if (!entry) {
          tallies.set(name, { id, params });
          continue;
        }
        for (let v = 0; v < fold.aggregates.length; v++) {
          const k = fold.keys + v;
          const a = entry.params[k];
          const b = params[k];
          const how = fold.aggregates[v];
          entry.params[k] = how === 'sum' ? a + b : how === 'min' ? Math.min(a, b) : how === 'max' ? Math.max(a, b) : b;
        }
        continue;
      }
      let did;
      if (flags & READ) {
        const row = statement(id, true).get(params);
        results.push(row === undefined ? null : row[0]);
        did = row !== undefined;
      } else {
        did = statement(id, false).run(params).changes > 0;
      }
      if (!guarded) changed = did;
    }
    if (tallies) for (const { id, params } of tallies.values()) statement(id, false).run(params);
    tx.commit.run();
  } catch (e) {
    if (db.inTransaction) tx.rollback.run();
    throw e;
  }
  return results;
}

/** BEGIN IMMEDIATE / COMMIT / ROLLBACK prepared once per connection (db.transaction() builds a wrapper per call). */
const transactions = new WeakMap();
function transactionOf(db) {
  let t = transactions.get(db);
  if (!t) {
    t = {
      top: { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') },
      nested: {
        begin: db.prepare('SAVEPOINT hookbench_batch'),
        commit: db.prepare('RELEASE hookbench_batch'),
        rollback: { run: () => db.exec('ROLLBACK TO hookbench_batch; RELEASE hookbench_batch') },
      },
    };
    transactions.set(db, t);
  }
  return t;
}

/**
 * A connection's statements by definition id, each prepared at most twice (as is, and in raw
 * mode for READ runs: raw() is a switch on the statement), and its last inserted rowid.
 * @param {import('better-sqlite3').Database} db
 * @param {(id: number) => { sql: string }} definition
 */
export function preparedStatements(db, definition) {
  const plain = [];
  const raw = [];
  const last = db.prepare('SELECT last_insert_rowid()').pluck();
  return {
    /** @type {(id: number, asRaw: boolean) => import('better-sqlite3').Statement} */
    statement: (id, asRaw) => {
      const cache = asRaw ? raw : plain;
      return (cache[id] ??= asRaw ? db.prepare(definition(id).sql).raw(true) : db.prepare(definition(id).sql));
    },
    lastRowid: () => last.get(),
  };
}
