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
import { toFtsMatch } from './ftsQuery';
import { cond, flatWhere, listQuery, MAX_ARMS, type Condition, type Dimension, type ListFilters, type ListShape } from './keysetList';
import { prepared } from './statementCache';

export type RequestSearch = z.input<typeof requestQuerySchema> & { workspaceId: string };

/** `inboxId` value that selects requests no inbox matched. */
export const UNROUTED = 'unrouted';
/** Below this many matches the text index drives the query; see deliverySearch.ts. */
export const SPARSE_REQUEST_MATCHES = 2000;

const SHAPE: ListShape = {
  select: `SELECT ${SUMMARY_COLUMNS} FROM requests r LEFT JOIN inboxes i ON i.id = r.inbox_id`,
  timeColumn: 'r.received_at',
  idColumn: 'r.id',
  timeName: 'received_at',
  idName: 'id',
};

const FTS_SHAPE: ListShape = {
  ...SHAPE,
  select: `SELECT ${SUMMARY_COLUMNS} FROM requests_fts CROSS JOIN requests r ON r.rowid = requests_fts.rowid LEFT JOIN inboxes i ON i.id = r.inbox_id`,
};

export function searchRequests(db: Db, query: RequestSearch): Page<ReceivedRequestSummary> {
  const q = parseInput(requestQuerySchema, query);
  const filters = requestFilters(db, query.workspaceId, q);
  if (filters === null) return { items: [], nextCursor: null };
  if (q.cursor !== undefined) filters.cursor = decodeCursor(q.cursor);

  let page: Condition;
  const match = toFtsMatch(q.q);
  if (match === null) {
    page = listQuery(SHAPE, filters, q.limit + 1);
  } else {
    const matches = prepared(db, 'SELECT count(*) FROM (SELECT 1 FROM requests_fts WHERE requests_fts MATCH ? LIMIT ?)').pluck().get(match, SPARSE_REQUEST_MATCHES) as number;
    if (matches === 0) return { items: [], nextCursor: null };
    if (matches < SPARSE_REQUEST_MATCHES) {
      const where = flatWhere(FTS_SHAPE, filters);
      page = {
        sql: `${FTS_SHAPE.select} WHERE requests_fts MATCH ? AND ${where.sql} ORDER BY r.received_at DESC, r.id DESC LIMIT ?`,
        params: [match, ...where.params, q.limit + 1],
      };
    } else {
      filters.fixed.push(cond('r.rowid IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?)', match));
      page = listQuery(SHAPE, filters, q.limit + 1);
    }
  }
  const rows = prepared(db, page.sql).all(...page.params) as SummaryRow[];
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ t: last.receivedAt, id: last.id }) : null };
}

/** The filters as list conditions; null when they can match nothing. Free text and cursor are left to the caller. */
export function requestFilters(db: Db, workspaceId: string, q: z.output<typeof requestQuerySchema>): ListFilters | null {
  const fixed: Condition[] = [cond('r.workspace_id = ?', workspaceId)];
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
