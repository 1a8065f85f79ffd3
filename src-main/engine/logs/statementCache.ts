/** Prepared statements cached per database handle (the log queries are built from a few shapes). */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';

const caches = new WeakMap<Db, Map<string, Statement>>();
const MAX_PER_DB = 500;

export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    // Filter combinations are bounded, but never let a cache grow without limit.
    if (cache.size >= MAX_PER_DB) cache.clear();
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
