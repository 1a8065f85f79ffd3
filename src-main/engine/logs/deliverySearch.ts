/**
 * The deliveries list: the filters of `api/logFilters.ts`, free text over the event bodies,
 * newest first, keyset-paged on (created_at, id) — see logPage.ts.
 */
import type { z } from 'zod';
import { deliveryClauses, type DeliveryClause } from '../../api/logFilters';
import { deliveryQuerySchema } from '../../api/logSchemas';
import type { Page } from '../../api/logTypes';
import { parseInput } from '../../api/schemas';
import type { Delivery } from '../../api/types';
import type { Db } from '../store/database';
import { toDelivery } from '../store/deliveriesRepo';
import { addClauses, written, type ClauseTable } from './clauseSql';
import { cond, type Condition, type ListFilters } from './keysetList';
import { logPage, logPageQuery, SPARSE_MATCHES, type LogList } from './logPage';

export { SPARSE_MATCHES };

/**
 * `sending`: the deliveries being sent now. They are only in the engine's memory (their rows say
 * pending, retrying, failed or cancelled until the attempt is recorded), so the `sending` status
 * filter matches these ids, and the other statuses leave them out.
 */
export type DeliverySearch = z.input<typeof deliveryQuerySchema> & { workspaceId: string; sending?: readonly string[] };
type DeliveryRow = Parameters<typeof toDelivery>[0];

const LIST: LogList<DeliveryRow, Delivery> = {
  shape: {
    select: 'SELECT d.* FROM deliveries d',
    timeColumn: 'd.created_at',
    idColumn: 'd.id',
    timeName: 'created_at',
    idName: 'id',
  },
  // The few matching events → their deliveries; the other filters only filter.
  matchedSelect:
    'SELECT d.* FROM json_each(?) m CROSS JOIN events e ON e.rowid = m.value ' +
    'CROSS JOIN deliveries d INDEXED BY deliveries_by_event ON d.event_id = e.id',
  fts: 'events_fts',
  ftsRowid: '(SELECT rowid FROM events WHERE id = d.event_id)',
  toItem: toDelivery,
  keyset: (d) => ({ t: d.createdAt, id: d.id }),
};

/** Columns a webhook's list still walks its index on (webhook_id, created_at). */
const WEBHOOK_INDEX: readonly DeliveryClause['field'][] = ['webhookId', 'createdAt'];

export function searchDeliveries(db: Db, query: DeliverySearch): Page<Delivery> {
  const q = parseInput(deliveryQuerySchema, query);
  return logPage(db, LIST, deliveryPageQuery(db, query.workspaceId, q, query.sending), q.limit);
}

/** The SQL of one page (limit + 1 rows, to tell whether more follow); null when nothing can match. */
export function deliveryPageQuery(
  db: Db,
  workspaceId: string,
  q: z.output<typeof deliveryQuerySchema>,
  sending: readonly string[] = [],
): Condition | null {
  return logPageQuery(db, LIST, q, () => deliveryFilters(db, workspaceId, q, sending));
}

/**
 * The filters as list conditions; null when they can match nothing (an event-type prefix or a
 * status class with no stored values). Free text and the cursor are left to the caller.
 */
export function deliveryFilters(
  db: Db,
  workspaceId: string,
  q: z.output<typeof deliveryQuerySchema>,
  sending: readonly string[] = [],
): ListFilters | null {
  // A webhook's list is walked on the webhook's own index (webhook_id, created_at): the other
  // columns are then only checked (`+` keeps SQLite from walking a workspace-wide index instead,
  // which it cannot tell is larger).
  const byWebhook = q.webhookId !== undefined;
  const table: ClauseTable<DeliveryClause['field']> = {
    table: 'deliveries',
    alias: 'd',
    scopeColumn: 'workspace_id',
    offIndex: (field) => byWebhook && !WEBHOOK_INDEX.includes(field),
  };
  const filters: ListFilters = { fixed: [cond(`${written(table, 'workspaceId')} = ?`, workspaceId)], dimensions: [] };
  const clauses = deliveryClauses(q);
  const status = clauses.find((c) => c.field === 'status' && c.op === 'oneOf');
  if (status?.op === 'oneOf') {
    // `sending` is not a stored status: it is the ids the engine is sending now.
    const ids = JSON.stringify(sending);
    filters.dimensions.push(
      status.values.map((s) =>
        s === 'sending'
          ? cond('d.id IN (SELECT value FROM json_each(?))', ids)
          : cond(`${written(table, 'status')} = ?`, s),
      ),
    );
    if (sending.length > 0 && !status.values.includes('sending'))
      filters.fixed.push(cond('d.id NOT IN (SELECT value FROM json_each(?))', ids));
  }
  const others = clauses.filter((c) => c !== status);
  return addClauses(db, table, workspaceId, others, filters) ? filters : null;
}
