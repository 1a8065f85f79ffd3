/** Write batches: the encoding round trip, all-or-nothing, and the worker thread that runs them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/engine/store/database';
import {
  LAST_ROWID,
  runBatch,
  WriteBatchBuilder,
  writeFold,
  writeStatement,
  type WriteBatch,
  type WriteParam,
} from '../../src-main/engine/store/writeBatch';
import { WriteBatchError, WriteWorker } from '../../src-main/engine/store/writeWorker';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function tempDb(): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hookbench-batch-'));
  const file = join(dir, 'batch.db');
  const db = openDatabase(file, { migrations: [] });
  db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE t (n, txt, blob, parent_id REFERENCES parent(id));
    INSERT INTO parent VALUES (1);`);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, file };
}

const INSERT = writeStatement('INSERT INTO t (n, txt, blob, parent_id) VALUES (?, ?, ?, ?) RETURNING rowid');
const VALUES: WriteParam[][] = [
  [null, null, null, null],
  [1_795_330_870_123, 'plain', Buffer.from([0, 1, 2, 255]), 1],
  [-0.5, 'héllo — ✓ 🎉 "quoted" \\ \n', Buffer.alloc(0), 1],
  [true, '', new Uint8Array([7]), null],
];

function batchOf(rows: WriteParam[][]): WriteBatch {
  const b = new WriteBatchBuilder();
  for (const r of rows) b.read(INSERT, r);
  return b.build();
}

/**
 * A batch in flight when its thread is killed either made it (committed before the kill) or is
 * rejected as stopped — which one depends on timing; it never hangs and never lies.
 */
async function settledByDeath(p: Promise<unknown[]>, db: Db, label: string): Promise<void> {
  const outcome = await p.then(
    () => 'committed',
    (e: Error) => e.message,
  );
  if (outcome === 'committed') expect((stored(db) as unknown[][]).map((r) => r[1])).toContain(label);
  else expect(outcome).toMatch(/write worker stopped/);
}

const SET_N = writeStatement('UPDATE t SET n = ? WHERE parent_id = ? RETURNING n');
const TOTALS = writeFold(
  `INSERT INTO totals (k, n, lo, hi, last) VALUES (?, ?, ?, ?, ?)
   ON CONFLICT (k) DO UPDATE SET n = n + excluded.n, lo = min(lo, excluded.lo), hi = max(hi, excluded.hi), last = excluded.last`,
  1,
  ['sum', 'min', 'max', 'last'],
);

const stored = (db: Db) => db.prepare('SELECT n, txt, blob, parent_id FROM t ORDER BY rowid').raw(true).all();
const expected = [
  [null, null, null, null],
  [1_795_330_870_123, 'plain', Buffer.from([0, 1, 2, 255]), 1],
  [-0.5, 'héllo — ✓ 🎉 "quoted" \\ \n', Buffer.alloc(0), 1],
  [1, '', Buffer.from([7]), null],
];

describe('write batches', () => {
  it('round-trip null, numbers, booleans, text and bytes exactly, and return RETURNING values', () => {
    const { db } = tempDb();
    expect(runBatch(db, batchOf(VALUES))).toEqual([1, 2, 3, 4]);
    expect(stored(db)).toEqual(expected);
  });

  it('grow past their first buffer', () => {
    const { db } = tempDb();
    const big = Buffer.alloc(200_000, 0xab);
    runBatch(db, batchOf([[1, 'x'.repeat(70_000), big, 1]]));
    const [row] = stored(db) as unknown[][];
    expect((row![1] as string).length).toBe(70_000);
    expect(Buffer.compare(row![2] as Buffer, big)).toBe(0);
  });

  it('are all or nothing, and refuse values they cannot encode', () => {
    const { db } = tempDb();
    expect(() =>
      runBatch(
        db,
        batchOf([
          [1, 'ok', null, 1],
          [2, 'no such parent', null, 99],
        ]),
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(stored(db)).toEqual([]);
    expect(() => new WriteBatchBuilder().run(INSERT, [{ an: 'object' } as never])).toThrow(TypeError);
  });

  it('skip guarded runs when the run they follow changed nothing, and still give their READ a place', () => {
    const { db } = tempDb();
    const b = new WriteBatchBuilder();
    b.read(SET_N, [5, 1]); // parent 1 has no t row yet: changes nothing
    b.read(INSERT, [1, 'guarded', null, 1], { ifChanged: true });
    b.run(INSERT, [2, 'plain', null, 1]);
    b.read(SET_N, [7, 1]); // now it matches
    b.read(INSERT, [3, 'after a change', null, 1], { ifChanged: true });
    expect(runBatch(db, b.build())).toEqual([null, null, 7, 2]);
    expect((stored(db) as unknown[][]).map((r) => r[1])).toEqual(['plain', 'after a change']);
  });

  it('fold tallies once per key at the end of the batch: sums, least, greatest, last, rowids', () => {
    const { db } = tempDb();
    db.exec('CREATE TABLE totals (k TEXT PRIMARY KEY, n INTEGER, lo, hi, last)');
    const b = new WriteBatchBuilder();
    for (const [k, n] of [
      ['a', 1],
      ['b', 10],
      ['a', 2],
      ['a', 3],
    ] as const) {
      b.run(INSERT, [n, k, null, 1]);
      b.tally(TOTALS, [k], [n, LAST_ROWID, LAST_ROWID, `${k}${n}`], { ifChanged: true });
    }
    b.read(SET_N, [0, 99]); // no row: the guarded tally after it is not counted
    b.tally(TOTALS, ['a'], [100, 0, 1000, 'never'], { ifChanged: true });
    runBatch(db, b.build());
    expect(db.prepare('SELECT k, n, lo, hi, last FROM totals ORDER BY k').raw(true).all()).toEqual([
      ['a', 6, 1, 4, 'a3'],
      ['b', 10, 2, 2, 'b10'],
    ]);
    runBatch(db, new WriteBatchBuilder().tally(TOTALS, ['a'], [4, 9, 9, 'again']).build());
    expect(db.prepare("SELECT n, last FROM totals WHERE k = 'a'").raw(true).get()).toEqual([10, 'again']);
  });
});

describe('the write worker', () => {
  it('commits batches in order on its own connection, visible to this one when they resolve', async () => {
    const { db, file } = tempDb();
    const worker = new WriteWorker(file);
    cleanups.push(() => worker.close());
    const results = await Promise.all([worker.run(batchOf(VALUES.slice(0, 2))), worker.run(batchOf(VALUES.slice(2)))]);
    expect(results).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(stored(db)).toEqual(expected);
  });

  it("rejects a failing batch with SQLite's code and writes none of it; the next batch still goes", async () => {
    const { db, file } = tempDb();
    const worker = new WriteWorker(file);
    cleanups.push(() => worker.close());
    const failed = worker.run(
      batchOf([
        [1, 'ok', null, 1],
        [2, 'orphan', null, 99],
      ]),
    );
    await expect(failed).rejects.toBeInstanceOf(WriteBatchError);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(stored(db)).toEqual([]);
    await worker.run(batchOf([[3, 'after', null, 1]]));
    expect(stored(db)).toEqual([[3, 'after', null, 1]]);
  });

  it('close() waits for the batches in flight; a later run starts a new thread', async () => {
    const { db, file } = tempDb();
    const worker = new WriteWorker(file);
    cleanups.push(() => worker.close());
    const inFlight = worker.run(batchOf([[1, 'before close', null, 1]]));
    await worker.close();
    await expect(inFlight).resolves.toEqual([1]);
    expect(worker.pending).toBe(0);
    await worker.run(batchOf([[2, 'after close', null, 1]]));
    expect((stored(db) as unknown[][]).map((r) => r[1])).toEqual(['before close', 'after close']);
  });

  it('settles what was in flight if the thread dies (rejected unless already committed), and starts a new one for the next batch', async () => {
    const { db, file } = tempDb();
    const worker = new WriteWorker(file);
    cleanups.push(() => worker.close());
    await worker.run(batchOf([[1, 'first', null, 1]]));
    const thread = worker.start()!.worker;
    const lost = worker.run(batchOf([[2, 'maybe', null, 1]]));
    await thread.terminate();
    await settledByDeath(lost, db, 'maybe');
    expect(worker.usable).toBe(true);
    await worker.run(batchOf([[3, 'next', null, 1]]));
    expect((stored(db) as unknown[][]).map((r) => r[1])).toContain('next');
  });

  it('says so when a thread cannot start (a binding it cannot load), and refuses batches from then on', async () => {
    const { file } = tempDb();
    const worker = new WriteWorker(file, join(tmpdir(), 'no-such-dir', 'better_sqlite3.node'));
    cleanups.push(() => worker.close());
    await expect(worker.run(batchOf([[1, 'x', null, 1]]))).rejects.toThrow(/write worker stopped/);
    expect(worker.usable).toBe(false);
    expect(worker.unavailable?.message).toMatch(/could not start/);
    await expect(worker.run(batchOf([[1, 'x', null, 1]]))).rejects.toThrow(/could not start/);
  });

  it('close() finishes even if the thread dies while it waits, and a batch given meanwhile goes to a new thread', async () => {
    const { db, file } = tempDb();
    const worker = new WriteWorker(file);
    cleanups.push(() => worker.close());
    await worker.run(batchOf([[1, 'first', null, 1]]));
    const thread = worker.start()!.worker;
    const inFlight = worker.run(batchOf([[2, 'lost or not', null, 1]]));
    const closed = worker.close();
    const during = worker.run(batchOf([[3, 'given while closing', null, 1]]));
    await thread.terminate();
    await settledByDeath(inFlight, db, 'lost or not');
    await closed; // would hang if close() waited for an exit that had already happened
    await expect(during).resolves.toEqual([expect.any(Number)]);
    expect((stored(db) as unknown[][]).map((r) => r[1])).toContain('given while closing');
  });

  it('refuses a batch already handed over, and starts no thread once one could not start', async () => {
    const { file } = tempDb();
    const worker = new WriteWorker(file);
    cleanups.push(() => worker.close());
    const batch = batchOf([[1, 'once', null, 1]]);
    await worker.run(batch);
    await expect(worker.run(batch)).rejects.toThrow(/already handed/);
    const broken = new WriteWorker(file, join(tmpdir(), 'no-such-dir', 'better_sqlite3.node'));
    cleanups.push(() => broken.close());
    await expect(broken.run(batchOf([[1, 'x', null, 1]]))).rejects.toThrow();
    expect(broken.start()).toBeNull();
  });
});

describe('a batch run inside a transaction of the caller', () => {
  it('nests as a savepoint: it rolls back alone, and commits with the caller', () => {
    const { db } = tempDb();
    db.transaction(() => {
      runBatch(db, batchOf([[1, 'kept', null, 1]]));
      expect(() => runBatch(db, batchOf([[2, 'no such parent', null, 99]]))).toThrow(/FOREIGN KEY/);
    })();
    expect((stored(db) as unknown[][]).map((r) => r[1])).toEqual(['kept']);
  });
});
