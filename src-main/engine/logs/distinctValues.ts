/** The distinct values of an indexed column inside a range, found by skipping through the index. */
import type { Db } from '../store/database';
import { prepared } from './statementCache';

export interface DistinctRange {
  /** Table and the index's leading equality column (e.g. `deliveries`, `workspace_id`). */
  table: string;
  scopeColumn: string;
  /** The column whose values are listed; an index on (scopeColumn, column, …) must exist. */
  column: string;
}

/**
 * Values v of `column` with lo ≤ v < hi for rows where scopeColumn = scope, ascending. One index
 * seek per value (a recursive min(): SQLite has no skip scan for DISTINCT over a range).
 * Returns null when there are more than `max`.
 */
export function distinctValues<T extends string | number>(
  db: Db,
  r: DistinctRange,
  scope: string,
  lo: T,
  hi: T,
  max: number,
): T[] | null {
  const sql = `WITH RECURSIVE v(x) AS (
      SELECT (SELECT min(${r.column}) FROM ${r.table} WHERE ${r.scopeColumn} = @scope AND ${r.column} >= @lo AND ${r.column} < @hi)
      UNION ALL
      SELECT (SELECT min(${r.column}) FROM ${r.table} WHERE ${r.scopeColumn} = @scope AND ${r.column} > v.x AND ${r.column} < @hi)
      FROM v WHERE v.x IS NOT NULL LIMIT @limit
    ) SELECT x FROM v WHERE x IS NOT NULL`;
  const values = prepared(db, sql)
    .pluck()
    .all({ scope, lo, hi, limit: max + 2 }) as T[];
  return values.length > max ? null : values;
}

/** Every string that starts with `prefix` sorts in [prefix, prefix + U+10FFFF). */
export const prefixUpperBound = (prefix: string): string => prefix + '\u{10FFFF}';
