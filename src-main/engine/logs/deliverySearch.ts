/**
 * The deliveries list: filters ANDed, free text over the event bodies (FTS5), newest first,
 * keyset-paged on (created_at, id) — new rows are newer, so paging is stable while they arrive.
 */
import type { z } from 'zod';
import { deliveryQuerySchema } from '../../api/logSchemas';
import type { Page } from '../../api/logTypes';
import { parseInput } from '../../api/schemas';
import type { Delivery } from '../../api/types';
import type { Db } from '../store/database';
import { toDelivery } from '../store/deliveriesRepo';
import { decodeCursor, encodeCursor } from './cursor';
import { distinctValues, prefixUpperBound, statusClassRange } from './distinctValues';
import { toFtsMatch } from './ftsQuery';
import { cond, flatWhere, listQuery, MAX_ARMS, type Condition, type Dimension, type ListFilters, type ListShape } from './keysetList';
import { prepared } from './statementCache';

export type DeliverySearch = z.input<typeof deliveryQuerySchema> & { workspaceId: string };
type DeliveryRow = Parameters<typeof toDelivery>[0];

/**
 * Below this many matching events the text index drives the query (matches × fan-out rows are
 * sorted); at or above it the list index drives and each row is checked against the matches.
 */
export const SPARSE_MATCHES = 2000;

const SHAPE: ListShape = {
  select: 'SELECT d.* FROM deliveries d',
  timeColumn: 'd.created_at',
  idColumn: 'd.id',
  timeName: 'created_at',
  idName: 'id',
};

const FTS_SHAPE: ListShape = {
  ...SHAPE,
  select: 'SELECT d.* FROM events_fts CROSS JOIN events e ON e.rowid = events_fts.rowid CROSS JOIN deliveries d ON d.event_id = e.id',
};

export function searchDeliveries(db: Db, query: DeliverySearch): Page<Delivery> {
  const q = parseInput(deliveryQuerySchema, query);
  const filters = deliveryFilters(db, query.workspaceId, q);
  if (filters === null) return { items: [], nextCursor: null };
  if (q.cursor !== undefined) filters.cursor = decodeCursor(q.cursor);

  let page: Condition;
  const match = toFtsMatch(q.q);
  if (match === null) {
    page = listQuery(SHAPE, filters, q.limit + 1);
  } else {
    const matches = prepared(db, 'SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH ? LIMIT ?)').pluck().get(match, SPARSE_MATCHES) as number;
    if (matches === 0) return { items: [], nextCursor: null };
    if (matches < SPARSE_MATCHES) {
      const where = flatWhere(FTS_SHAPE, filters);
      page = {
        sql: `${FTS_SHAPE.select} WHERE events_fts MATCH ? AND ${where.sql} ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
        params: [match, ...where.params, q.limit + 1],
      };
    } else {
      filters.fixed.push(cond('(SELECT rowid FROM events WHERE id = d.event_id) IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)', match));
      page = listQuery(SHAPE, filters, q.limit + 1);
    }
  }
  const rows = prepared(db, page.sql).all(...page.params) as DeliveryRow[];
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map(toDelivery);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null };
}

/**
 * The filters as list conditions; null when they can match nothing (an event-type prefix or a
 * status class with no stored values). Free text and the cursor are left to the caller.
 */
export function deliveryFilters(db: Db, workspaceId: string, q: z.output<typeof deliveryQuerySchema>): ListFilters | null {
  const fixed: Condition[] = [cond('d.workspace_id = ?', workspaceId)];
  const dimensions: Dimension[] = [];
  if (q.from !== undefined) fixed.push(cond('d.created_at >= ?', q.from));
  if (q.to !== undefined) fixed.push(cond('d.created_at < ?', q.to));
  if (q.webhookId !== undefined) fixed.push(cond('d.webhook_id = ?', q.webhookId));

  // An empty list (nothing ticked) means no status filter, like a list of every status.
  const statuses = [...new Set(q.status ?? [])];
  if (statuses.length > 0 && statuses.length < 6) dimensions.push(statuses.map((s) => cond('d.status = ?', s)));

  if (q.eventType !== undefined && q.eventType !== '*') {
    if (q.eventType.endsWith('*')) {
      const prefix = q.eventType.slice(0, -1);
      const types = distinctValues(db, { table: 'deliveries', scopeColumn: 'workspace_id', column: 'event_type' }, workspaceId, prefix, prefixUpperBound(prefix), MAX_ARMS);
      if (types === null) dimensions.push([cond('d.event_type >= ? AND d.event_type < ?', prefix, prefixUpperBound(prefix))]);
      else if (types.length === 0) return null;
      else dimensions.push(types.map((t) => cond('d.event_type = ?', t)));
    } else {
      fixed.push(cond('d.event_type = ?', q.eventType));
    }
  }

  const http = q.httpStatus;
  if (http === 0) {
    // A network error: the last attempt finished without a response.
    fixed.push(cond('d.last_status_code IS NULL AND d.last_error IS NOT NULL'));
  } else if (typeof http === 'number') {
    fixed.push(cond('d.last_status_code = ?', http));
  } else if (typeof http === 'string') {
    const [lo, hi] = statusClassRange(http);
    const codes = distinctValues(db, { table: 'deliveries', scopeColumn: 'workspace_id', column: 'last_status_code' }, workspaceId, lo, hi, MAX_ARMS);
    if (codes === null) dimensions.push([cond('d.last_status_code >= ? AND d.last_status_code < ?', lo, hi)]);
    else if (codes.length === 0) return null;
    else dimensions.push(codes.map((c) => cond('d.last_status_code = ?', c)));
  }
  return { fixed, dimensions };
}
