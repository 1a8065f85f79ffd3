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
import { matchedSetCondition, toFtsMatch } from './ftsQuery';
import { cond, flatWhere, listQuery, MAX_ARMS, singleWalk, type Condition, type Dimension, type ListFilters, type ListShape } from './keysetList';
import { syncSearchIndex } from './searchIndex';
import { prepared } from './statementCache';

/**
 * `sending`: the deliveries being sent now. They are only in the engine's memory (their rows say
 * pending, retrying, failed or cancelled until the attempt is recorded), so the `sending` status
 * filter matches these ids, and the other statuses leave them out.
 */
export type DeliverySearch = z.input<typeof deliveryQuerySchema> & { workspaceId: string; sending?: readonly string[] };
type DeliveryRow = Parameters<typeof toDelivery>[0];

/**
 * Below this many matching events the text index drives the query: its matches × fan-out
 * deliveries are fetched and sorted (≈ 4 µs a row). From it on, the list's index is walked in
 * order and each row is checked against the set of matching rowids (≈ 0.3 µs a row); with
 * ≥ 0.4 % of 250,000 events matching, a page is found within ~25,000 rows.
 */
export const SPARSE_MATCHES = 1000;

const SHAPE: ListShape = {
  select: 'SELECT d.* FROM deliveries d',
  timeColumn: 'd.created_at',
  idColumn: 'd.id',
  timeName: 'created_at',
  idName: 'id',
};

/** The few matching events (their rowids as a JSON array) → their deliveries; the other filters only filter. */
const MATCHED_SHAPE: ListShape = {
  ...SHAPE,
  select:
    'SELECT d.* FROM json_each(?) m CROSS JOIN events e ON e.rowid = m.value ' +
    'CROSS JOIN deliveries d INDEXED BY deliveries_by_event ON d.event_id = e.id',
};

export function searchDeliveries(db: Db, query: DeliverySearch): Page<Delivery> {
  const q = parseInput(deliveryQuerySchema, query);
  const page = deliveryPageQuery(db, query.workspaceId, q, query.sending);
  if (page === null) return { items: [], nextCursor: null };
  const rows = prepared(db, page.sql).all(...page.params) as DeliveryRow[];
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map(toDelivery);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null };
}

/** The SQL of one page (limit + 1 rows, to tell whether more follow); null when nothing can match. */
export function deliveryPageQuery(db: Db, workspaceId: string, q: z.output<typeof deliveryQuerySchema>, sending: readonly string[] = []): Condition | null {
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const filters = deliveryFilters(db, workspaceId, q, sending);
  if (filters === null) return null;
  filters.cursor = cursor;
  const match = toFtsMatch(q.q);
  if (match === null) return listQuery(SHAPE, filters, q.limit + 1);
  syncSearchIndex(db, 'events_fts');
  const matched = prepared(db, 'SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?').pluck().all(match, SPARSE_MATCHES) as number[];
  if (matched.length === 0) return null;
  if (matched.length < SPARSE_MATCHES) {
    const where = flatWhere(MATCHED_SHAPE, filters);
    return {
      sql: `${MATCHED_SHAPE.select} WHERE ${where.sql} ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
      params: [JSON.stringify(matched), ...where.params, q.limit + 1],
    };
  }
  // One walk, not one per arm: each arm would build the set of matches again.
  const walk = singleWalk(filters);
  walk.fixed.push(matchedSetCondition(db, '(SELECT rowid FROM events WHERE id = d.event_id)', 'events_fts', match));
  return listQuery(SHAPE, walk, q.limit + 1);
}

/**
 * The filters as list conditions; null when they can match nothing (an event-type prefix or a
 * status class with no stored values). Free text and the cursor are left to the caller.
 */
export function deliveryFilters(db: Db, workspaceId: string, q: z.output<typeof deliveryQuerySchema>, sending: readonly string[] = []): ListFilters | null {
  // A webhook's list is walked on the webhook's own index (webhook_id, created_at): the other
  // columns are then only checked (`+` keeps SQLite from walking a workspace-wide index instead,
  // which it cannot tell is larger).
  const byWebhook = q.webhookId !== undefined;
  const col = (name: string) => (byWebhook ? `+d.${name}` : `d.${name}`);
  const fixed: Condition[] = [cond(`${col('workspace_id')} = ?`, workspaceId)];
  const dimensions: Dimension[] = [];
  if (q.from !== undefined) fixed.push(cond('d.created_at >= ?', q.from));
  if (q.to !== undefined) fixed.push(cond('d.created_at < ?', q.to));
  if (q.webhookId !== undefined) fixed.push(cond('d.webhook_id = ?', q.webhookId));

  // An empty list (nothing ticked) means no status filter, like a list of every status.
  const statuses = [...new Set(q.status ?? [])];
  if (statuses.length > 0 && statuses.length < 6) {
    const ids = JSON.stringify(sending);
    dimensions.push(statuses.map((s) => (s === 'sending' ? cond('d.id IN (SELECT value FROM json_each(?))', ids) : cond(`${col('status')} = ?`, s))));
    if (sending.length > 0 && !statuses.includes('sending')) fixed.push(cond('d.id NOT IN (SELECT value FROM json_each(?))', ids));
  }

  if (q.eventType !== undefined && q.eventType !== '*') {
    if (q.eventType.endsWith('*')) {
      const prefix = q.eventType.slice(0, -1);
      const types = distinctValues(db, { table: 'deliveries', scopeColumn: 'workspace_id', column: 'event_type' }, workspaceId, prefix, prefixUpperBound(prefix), MAX_ARMS);
      if (types === null) dimensions.push([cond(`${col('event_type')} >= ? AND ${col('event_type')} < ?`, prefix, prefixUpperBound(prefix))]);
      else if (types.length === 0) return null;
      else dimensions.push(types.map((t) => cond(`${col('event_type')} = ?`, t)));
    } else {
      fixed.push(cond(`${col('event_type')} = ?`, q.eventType));
    }
  }

  const http = q.httpStatus;
  if (http === 0) {
    // A network error: the last attempt finished without a response.
    fixed.push(cond(`${col('last_status_code')} IS NULL AND d.last_error IS NOT NULL`));
  } else if (typeof http === 'number') {
    fixed.push(cond(`${col('last_status_code')} = ?`, http));
  } else if (typeof http === 'string') {
    const [lo, hi] = statusClassRange(http);
    const codes = distinctValues(db, { table: 'deliveries', scopeColumn: 'workspace_id', column: 'last_status_code' }, workspaceId, lo, hi, MAX_ARMS);
    if (codes === null) dimensions.push([cond(`${col('last_status_code')} >= ? AND ${col('last_status_code')} < ?`, lo, hi)]);
    else if (codes.length === 0) return null;
    else dimensions.push(codes.map((c) => cond(`${col('last_status_code')} = ?`, c)));
  }
  return { fixed, dimensions };
}
