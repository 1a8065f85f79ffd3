/**
 * The received-requests list: filters ANDed, free text over path, query and body (FTS5),
 * newest first, keyset-paged on (received_at, id).
 */
import type { z } from 'zod';
import { requestQuerySchema } from '../../api/logSchemas';
import type { Page } from '../../api/logTypes';
import type { ReceivedRequestSummary } from '../../api/receiverTypes';
import { parseInput } from '../../api/schemas';
import type { Db } from '../store/database';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../store/requestsRepo';
import { decodeCursor, encodeCursor } from './cursor';
import { distinctValues, statusClassRange } from './distinctValues';
import { matchedSetCondition, toFtsMatch } from './ftsQuery';
import { cond, flatWhere, listQuery, MAX_ARMS, singleWalk, type Condition, type Dimension, type ListFilters, type ListShape } from './keysetList';
import { syncSearchIndex } from './searchIndex';
import { prepared } from './statementCache';

export type RequestSearch = z.input<typeof requestQuerySchema> & { workspaceId: string };

/** `inboxId` value that selects requests no inbox matched. */
export const UNROUTED = 'unrouted';
/** Below this many matches the text index drives the query; see deliverySearch.ts. */
export const SPARSE_REQUEST_MATCHES = 1000;

const SHAPE: ListShape = {
  select: `SELECT ${SUMMARY_COLUMNS} FROM requests r LEFT JOIN inboxes i ON i.id = r.inbox_id`,
  timeColumn: 'r.received_at',
  idColumn: 'r.id',
  timeName: 'received_at',
  idName: 'id',
};

/** The few matching requests (their rowids as a JSON array); the filters only filter. */
const MATCHED_SHAPE: ListShape = {
  ...SHAPE,
  select: `SELECT ${SUMMARY_COLUMNS} FROM json_each(?) m CROSS JOIN requests r ON r.rowid = m.value LEFT JOIN inboxes i ON i.id = r.inbox_id`,
};

export function searchRequests(db: Db, query: RequestSearch): Page<ReceivedRequestSummary> {
  const q = parseInput(requestQuerySchema, query);
  const page = requestPageQuery(db, query.workspaceId, q);
  if (page === null) return { items: [], nextCursor: null };
  const rows = prepared(db, page.sql).all(...page.params) as SummaryRow[];
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ t: last.receivedAt, id: last.id }) : null };
}

/** The SQL of one page (limit + 1 rows); null when nothing can match. */
export function requestPageQuery(db: Db, workspaceId: string, q: z.output<typeof requestQuerySchema>): Condition | null {
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const filters = requestFilters(db, workspaceId, q);
  if (filters === null) return null;
  filters.cursor = cursor;
  const match = toFtsMatch(q.q);
  if (match === null) return listQuery(SHAPE, filters, q.limit + 1);
  syncSearchIndex(db, 'requests_fts');
  const matched = prepared(db, 'SELECT rowid FROM requests_fts WHERE requests_fts MATCH ? LIMIT ?').pluck().all(match, SPARSE_REQUEST_MATCHES) as number[];
  if (matched.length === 0) return null;
  if (matched.length < SPARSE_REQUEST_MATCHES) {
    const where = flatWhere(MATCHED_SHAPE, filters);
    return {
      sql: `${MATCHED_SHAPE.select} WHERE ${where.sql} ORDER BY r.received_at DESC, r.id DESC LIMIT ?`,
      params: [JSON.stringify(matched), ...where.params, q.limit + 1],
    };
  }
  // One walk, not one per arm: each arm would build the set of matches again.
  const walk = singleWalk(filters);
  walk.fixed.push(matchedSetCondition(db, 'r.rowid', 'requests_fts', match));
  return listQuery(SHAPE, walk, q.limit + 1);
}

/** The filters as list conditions; null when they can match nothing. Free text and cursor are left to the caller. */
export function requestFilters(db: Db, workspaceId: string, q: z.output<typeof requestQuerySchema>): ListFilters | null {
  // An inbox's own index drives its list (see deliverySearch.ts).
  const fixed: Condition[] = [cond(q.inboxId === undefined ? 'r.workspace_id = ?' : '+r.workspace_id = ?', workspaceId)];
  const dimensions: Dimension[] = [];
  if (q.from !== undefined) fixed.push(cond('r.received_at >= ?', q.from));
  if (q.to !== undefined) fixed.push(cond('r.received_at < ?', q.to));
  if (q.inboxId === UNROUTED) fixed.push(cond('r.inbox_id IS NULL'));
  else if (q.inboxId !== undefined) fixed.push(cond('r.inbox_id = ?', q.inboxId));
  if (q.valid !== undefined) fixed.push(cond('r.valid = ?', q.valid ? 1 : 0));
  if (q.method !== undefined) fixed.push(cond('r.method = ?', q.method.toUpperCase()));

  const http = q.httpStatus;
  if (http === 0) {
    // No answer: the client went away first.
    fixed.push(cond('r.response_status IS NULL'));
  } else if (typeof http === 'number') {
    fixed.push(cond('r.response_status = ?', http));
  } else if (typeof http === 'string') {
    const [lo, hi] = statusClassRange(http);
    const codes = distinctValues(db, { table: 'requests', scopeColumn: 'workspace_id', column: 'response_status' }, workspaceId, lo, hi, MAX_ARMS);
    if (codes === null) dimensions.push([cond('r.response_status >= ? AND r.response_status < ?', lo, hi)]);
    else if (codes.length === 0) return null;
    else dimensions.push(codes.map((c) => cond('r.response_status = ?', c)));
  }
  return { fixed, dimensions };
}
