/**
 * The text indexes are filled lazily (migration 003): writes queue rowids, and a text search
 * indexes the queue first — in one transaction, where FTS5 writes one segment for the lot.
 */
import type { Db } from '../store/database';
import { SEARCH_INDEXES } from '../store/migrations/003_search';
import { prepared } from './statementCache';

type Index = (typeof SEARCH_INDEXES)[number];

const indexOf = (name: Index['fts']) => SEARCH_INDEXES.find((i) => i.fts === name)!;

/** Indexes whatever is queued for `fts` (a no-op costing one lookup when nothing is). */
export function syncSearchIndex(db: Db, fts: Index['fts']): void {
  const i = indexOf(fts);
  if (prepared(db, `SELECT EXISTS (SELECT 1 FROM ${fts}_pending)`).pluck().get() === 0) return;
  db.transaction(() => {
    prepared(db, `INSERT INTO ${fts} (rowid, ${i.columns})
      SELECT ${i.table}.rowid, ${i.values} FROM ${fts}_pending p JOIN ${i.table} ON ${i.table}.rowid = p.rowid`).run();
    prepared(db, `DELETE FROM ${fts}_pending`).run();
  }).immediate();
}

/** Rebuilds both indexes from their tables (they are keyed by rowid: a VACUUM may renumber rowids). */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    for (const i of SEARCH_INDEXES) {
      db.exec(`INSERT INTO ${i.fts} (${i.fts}) VALUES ('delete-all');
        DELETE FROM ${i.fts}_pending;
        INSERT INTO ${i.fts} (rowid, ${i.columns}) SELECT rowid, ${i.values} FROM ${i.table};`);
    }
  }).immediate();
}
