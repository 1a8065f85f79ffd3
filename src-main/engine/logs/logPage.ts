/**
 * One page of a log list (deliveries, received requests): filters ANDed, free text through the
 * list's FTS5 index, newest first, keyset-paged on (time, id) — new rows are newer, so paging is
 * stable while they arrive.
 */
import type { Page } from '../../api/logTypes';
import type { Db } from '../store/database';
import { decodeCursor, encodeCursor, type Keyset } from './cursor';
import { matchedSetCondition, toFtsMatch } from './ftsQuery';
import {
  flatWhere,
  listQuery,
  orderBy,
  singleWalk,
  type Condition,
  type ListFilters,
  type ListShape,
} from './keysetList';
import { syncSearchIndex } from './searchIndex';
import { prepared } from './statementCache';

/**
 * Below this many matching rows the text index drives the query: its matches (× fan-out) are
 * fetched and sorted (≈ 4 µs a row). From it on, the list's index is walked in order and each row
 * is checked against the set of matching rowids (≈ 0.3 µs a row); with ≥ 0.4 % of 250,000 events
 * matching, a page is found within ~25,000 rows.
 */
export const SPARSE_MATCHES = 1000;

/** What the page query needs to know of a list. */
export interface LogSource {
  shape: ListShape;
  /** `SELECT … FROM json_each(?) m …`: the few matching FTS rowids (a JSON array) joined to the list's rows. */
  matchedSelect: string;
  fts: 'events_fts' | 'requests_fts';
  /** The FTS rowid of a list row, as SQL (for the walk that checks each row). */
  ftsRowid: string;
}

export interface LogList<Row, Item> extends LogSource {
  toItem(row: Row): Item;
  keyset(item: Item): Keyset;
}

export interface PageInput {
  cursor?: string;
  q?: string;
  limit: number;
}

/**
 * The SQL of one page (limit + 1 rows, to tell whether more follow); null when nothing can match.
 * `filters` (without free text and cursor) is null when the filters can match nothing.
 */
export function logPageQuery(
  db: Db,
  list: LogSource,
  page: PageInput,
  filters: () => ListFilters | null,
): Condition | null {
  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const f = filters();
  if (f === null) return null;
  f.cursor = cursor;
  const limit = page.limit + 1;
  const match = toFtsMatch(page.q);
  if (match === null) return listQuery(list.shape, f, limit);
  syncSearchIndex(db, list.fts);
  const matched = prepared(db, `SELECT rowid FROM ${list.fts} WHERE ${list.fts} MATCH ? LIMIT ?`)
    .pluck()
    .all(match, SPARSE_MATCHES) as number[];
  if (matched.length === 0) return null;
  if (matched.length < SPARSE_MATCHES) {
    const where = flatWhere(list.shape, f);
    return {
      sql: `${list.matchedSelect} WHERE ${where.sql} ${orderBy(list.shape)} LIMIT ?`,
      params: [JSON.stringify(matched), ...where.params, limit],
    };
  }
  // One walk, not one per arm: each arm would build the set of matches again.
  const walk = singleWalk(f);
  walk.fixed.push(matchedSetCondition(db, list.ftsRowid, list.fts, match));
  return listQuery(list.shape, walk, limit);
}

/** Runs a page query: at most `limit` items, and the cursor of the next page when more follow. */
export function logPage<Row, Item>(
  db: Db,
  list: LogList<Row, Item>,
  query: Condition | null,
  limit: number,
): Page<Item> {
  if (query === null) return { items: [], nextCursor: null };
  const rows = prepared(db, query.sql).all(...query.params) as Row[];
  const items = rows.slice(0, limit).map((r) => list.toItem(r));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(list.keyset(last)) : null };
}
