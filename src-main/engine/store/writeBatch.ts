/**
 * A batch of writes described as data, so that it runs the same on this thread's connection or
 * on the write worker's (writeWorker.ts): statement runs encoded in one byte array that is
 * transferred, not copied, and nothing is escaped. A batch is one IMMEDIATE transaction: all
 * or nothing.
 *
 * Statements and folds are registered once (module constants: {@link writeStatement},
 * {@link writeFold}) and referred to by number; a worker learns their SQL once.
 *
 * A run may be
 * - READ: its first row's first column (or null) is added to the batch's results, and "changed"
 *   means it returned a row (an `UPDATE … RETURNING` that matched, an INSERT that inserted);
 * - IF_CHANGED: skipped unless the last run without this flag changed a row (a skipped READ
 *   still adds null) — so an attempt row and its roll-up counts are written only if the
 *   delivery's conditional UPDATE applied;
 * - a TALLY of a fold: its keys and values are aggregated in memory over the whole batch and
 *   written once per key at the end (roll-ups, search-queue ranges): nothing per row that can
 *   be per batch.
 *
 * Encoding, per run: u16 statement or fold id, u8 flags, u16 parameter count, then each
 * parameter as a tag byte — 0 null, 1 float64, 2 UTF-8 text (u32 length + bytes), 3 BLOB
 * (u32 length + bytes), 4 the connection's last inserted rowid (no payload). One executor runs
 * them on either thread: executeBatch.js (plain JavaScript, which the worker's thread loads as is).
 */
import type { Db } from './database';
import {
  BLOB,
  executeBatch,
  IF_CHANGED,
  NULL,
  NUMBER,
  preparedStatements,
  READ,
  ROWID,
  TALLY,
  TEXT,
} from './executeBatch.js';

/** How a fold combines a value over a batch: added up, the least, the greatest, or the one given last. */
export type Aggregate = 'sum' | 'min' | 'max' | 'last';

/** What a connection needs to know of a statement or fold id. */
export interface WriteDefinition {
  sql: string;
  /** Set for folds: how many leading parameters are the key, and how each value is combined. */
  fold?: { keys: number; aggregates: readonly Aggregate[] };
}

export interface WriteStatement {
  readonly id: number;
  readonly kind: 'statement';
}
export interface WriteFold {
  readonly id: number;
  readonly kind: 'fold';
  readonly keys: number;
  readonly values: number;
}

/** Every registered statement and fold, by id (append-only, in module-load order). */
export const WRITE_DEFINITIONS: WriteDefinition[] = [];

/** Registers a statement the batches may run. Call once, at module load. */
export function writeStatement(sql: string): WriteStatement {
  WRITE_DEFINITIONS.push({ sql });
  return { id: WRITE_DEFINITIONS.length - 1, kind: 'statement' };
}

/**
 * Registers a fold: `sql` takes the key parameters, then one parameter per aggregate, and runs
 * once per distinct key at the end of a batch (typically an upsert adding the sums in).
 */
export function writeFold(sql: string, keys: number, aggregates: readonly Aggregate[]): WriteFold {
  WRITE_DEFINITIONS.push({ sql, fold: { keys, aggregates } });
  return { id: WRITE_DEFINITIONS.length - 1, kind: 'fold', keys, values: aggregates.length };
}

/** A parameter standing for the rowid of the connection's last INSERT (e.g. the row just written). */
export const LAST_ROWID: unique symbol = Symbol('last inserted rowid');

export type WriteParam = string | number | boolean | null | undefined | Uint8Array | typeof LAST_ROWID;

export interface WriteBatch {
  /** The runs, encoded as above, at the start of their own ArrayBuffer (transferable). */
  runs: Uint8Array;
}

/** Collects runs; Buffers among the parameters are bound as BLOBs, booleans as 0/1. */
export class WriteBatchBuilder {
  private buf = Buffer.allocUnsafeSlow(64 * 1024);
  private at = 0;
  /** READ runs so far: each adds one result. */
  reads = 0;

  /** Runs a statement. */
  run(s: WriteStatement, params: readonly WriteParam[], opts: { ifChanged?: boolean } = {}): this {
    return this.add(s.id, opts.ifChanged ? IF_CHANGED : 0, params);
  }

  /** Runs a statement and adds its first row's first column (or null) to the results. */
  read(s: WriteStatement, params: readonly WriteParam[], opts: { ifChanged?: boolean } = {}): this {
    this.reads++;
    return this.add(s.id, READ | (opts.ifChanged ? IF_CHANGED : 0), params);
  }

  /** Adds `values` into the fold's aggregate for `keys`, written once at the end of the batch. */
  tally(
    f: WriteFold,
    keys: readonly WriteParam[],
    values: readonly WriteParam[],
    opts: { ifChanged?: boolean } = {},
  ): this {
    if (keys.length !== f.keys || values.length !== f.values)
      throw new TypeError(`fold ${f.id} takes ${f.keys} keys and ${f.values} values`);
    return this.add(f.id, TALLY | (opts.ifChanged ? IF_CHANGED : 0), keys, values);
  }

  /** Bytes encoded so far. */
  get size(): number {
    return this.at;
  }

  /** Where the batch stands, to {@link rewind} to (dropping what a job added before it failed). */
  mark(): { at: number; reads: number } {
    return { at: this.at, reads: this.reads };
  }

  rewind(mark: { at: number; reads: number }): void {
    this.at = mark.at;
    this.reads = mark.reads;
  }

  /** The batch (a view of this builder's buffer, not a copy: add nothing after). */
  build(): WriteBatch {
    return { runs: new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.at) };
  }

  private add(id: number, flags: number, params: readonly WriteParam[], more?: readonly WriteParam[]): this {
    this.room(5);
    const buf = this.buf;
    const at = this.at;
    const count = params.length + (more?.length ?? 0);
    buf[at] = id & 0xff;
    buf[at + 1] = id >>> 8;
    buf[at + 2] = flags;
    buf[at + 3] = count & 0xff;
    buf[at + 4] = count >>> 8;
    this.at = at + 5;
    this.params(params);
    if (more) this.params(more);
    return this;
  }

  private params(params: readonly WriteParam[]): void {
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
      } else if (p === LAST_ROWID) {
        this.room(1);
        this.buf[this.at++] = ROWID;
      } else {
        throw new TypeError(`a write batch takes null, numbers, booleans, strings and Buffers, not ${typeof p}`);
      }
    }
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
}

const connections = new WeakMap<Db, ReturnType<typeof preparedStatements>>();
const definition = (id: number): WriteDefinition => WRITE_DEFINITIONS[id]!;

/** Runs `batch` on `db` (this thread); returns the values of its READ runs. */
export function runBatch(db: Db, batch: WriteBatch): unknown[] {
  let c = connections.get(db);
  if (!c) connections.set(db, (c = preparedStatements(db, definition)));
  return executeBatch(db, c.statement, definition, c.lastRowid, batch.runs);
}
