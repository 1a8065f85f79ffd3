/**
 * The text indexes are filled lazily (migrations 003 and 004): the writer queues each batch's
 * new rows as one rowid range, an update queues its rowid, and a text search indexes the queues
 * first — in one transaction, where FTS5 writes one segment for the lot.
 */
import type { Db } from '../store/database';
import { SEARCH_INDEXES } from '../store/migrations/003_search';
import { FTS_RANGE_TABLES } from '../store/migrations/004_write_path';
import { LAST_ROWID, writeFold, type WriteBatchBuilder } from '../store/writeBatch';
import { prepared } from './statementCache';

type Index = (typeof SEARCH_INDEXES)[number];
type IndexName = Index['fts'];

const indexOf = (name: IndexName) => SEARCH_INDEXES.find((i) => i.fts === name)!;

/** One range per batch: the lowest and highest rowid the batch inserted into the indexed table. */
const RANGE_FOLDS = Object.fromEntries(
  SEARCH_INDEXES.map((i) => [
    i.fts,
    writeFold(`INSERT INTO ${FTS_RANGE_TABLES[i.fts]} (first, last) VALUES (?, ?)`, 0, ['min', 'max']),
  ]),
) as Record<IndexName, ReturnType<typeof writeFold>>;

/** Queues the row the batch just inserted (the run before this one) for `fts`; call right after its INSERT. */
export function queueForSearch(b: WriteBatchBuilder, fts: IndexName): void {
  b.tally(RANGE_FOLDS[fts], [], [LAST_ROWID, LAST_ROWID], { ifChanged: true });
}

/** Queues every row of the indexed table (after rows were inserted with plain SQL, which queues nothing). */
export function queueAllForSearch(db: Db, fts: IndexName): void {
  const i = indexOf(fts);
  db.prepare(
    `INSERT INTO ${FTS_RANGE_TABLES[fts]} (first, last) SELECT min(rowid), max(rowid) FROM ${i.table} WHERE EXISTS (SELECT 1 FROM ${i.table})`,
  ).run();
}

/** Indexes whatever is queued for `fts` (a no-op costing one lookup when nothing is). */
export function syncSearchIndex(db: Db, fts: IndexName): void {
  const i = indexOf(fts);
  const ranges = FTS_RANGE_TABLES[fts];
  const queued = `SELECT EXISTS (SELECT 1 FROM ${fts}_pending) OR EXISTS (SELECT 1 FROM ${ranges})`;
  if (prepared(db, queued).pluck().get() === 0) return;
  db.transaction(() => {
    // A row both inserted and since updated is in a range and in _pending: indexed once, from _pending.
    prepared(
      db,
      `INSERT INTO ${fts} (rowid, ${i.columns})
      SELECT ${i.table}.rowid, ${i.values} FROM ${ranges} r JOIN ${i.table} ON ${i.table}.rowid BETWEEN r.first AND r.last
      WHERE ${i.table}.rowid NOT IN (SELECT rowid FROM ${fts}_pending)`,
    ).run();
    prepared(
      db,
      `INSERT INTO ${fts} (rowid, ${i.columns})
      SELECT ${i.table}.rowid, ${i.values} FROM ${fts}_pending p JOIN ${i.table} ON ${i.table}.rowid = p.rowid`,
    ).run();
    prepared(db, `DELETE FROM ${ranges}`).run();
    prepared(db, `DELETE FROM ${fts}_pending`).run();
  }).immediate();
}

/** Rebuilds both indexes from their tables (they are keyed by rowid: a VACUUM may renumber rowids). */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    for (const i of SEARCH_INDEXES) {
      db.exec(`INSERT INTO ${i.fts} (${i.fts}) VALUES ('delete-all');
        DELETE FROM ${i.fts}_pending;
        DELETE FROM ${FTS_RANGE_TABLES[i.fts]};
        INSERT INTO ${i.fts} (rowid, ${i.columns}) SELECT rowid, ${i.values} FROM ${i.table};`);
    }
  }).immediate();
}
