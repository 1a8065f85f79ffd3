/**
 * The received-requests list: the filters of `api/logFilters.ts`, free text over path, query and
 * body, newest first, keyset-paged on (received_at, id) — see logPage.ts.
 */
import type { z } from 'zod';
import { requestClauses, UNROUTED, type RequestClause } from '../../api/logFilters';
import { requestQuerySchema } from '../../api/logSchemas';
import type { Page } from '../../api/logTypes';
import type { ReceivedRequestSummary } from '../../api/receiverTypes';
import { parseInput } from '../../api/schemas';
import type { Db } from '../store/database';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../store/requestsRepo';
import { addClauses, type ClauseTable } from './clauseSql';
import { cond, type Condition, type ListFilters } from './keysetList';
import { logPage, logPageQuery, type LogList } from './logPage';

export { UNROUTED };

export type RequestSearch = z.input<typeof requestQuerySchema> & { workspaceId: string };

const LIST: LogList<SummaryRow, ReceivedRequestSummary> = {
  shape: {
    select: `SELECT ${SUMMARY_COLUMNS} FROM requests r LEFT JOIN inboxes i ON i.id = r.inbox_id`,
    timeColumn: 'r.received_at',
    idColumn: 'r.id',
    timeName: 'received_at',
    idName: 'id',
  },
  // The few matching requests (their rowids as a JSON array); the filters only filter.
  matchedSelect: `SELECT ${SUMMARY_COLUMNS} FROM json_each(?) m CROSS JOIN requests r ON r.rowid = m.value LEFT JOIN inboxes i ON i.id = r.inbox_id`,
  fts: 'requests_fts',
  ftsRowid: 'r.rowid',
  toItem: toSummary,
  keyset: (r) => ({ t: r.receivedAt, id: r.id }),
};

const TABLE: ClauseTable<RequestClause['field']> = { table: 'requests', alias: 'r', scopeColumn: 'workspace_id' };

export function searchRequests(db: Db, query: RequestSearch): Page<ReceivedRequestSummary> {
  const q = parseInput(requestQuerySchema, query);
  return logPage(db, LIST, requestPageQuery(db, query.workspaceId, q), q.limit);
}

/** The SQL of one page (limit + 1 rows); null when nothing can match. */
export function requestPageQuery(
  db: Db,
  workspaceId: string,
  q: z.output<typeof requestQuerySchema>,
): Condition | null {
  return logPageQuery(db, LIST, q, () => requestFilters(db, workspaceId, q));
}

/** The filters as list conditions; null when they can match nothing. Free text and cursor are left to the caller. */
export function requestFilters(
  db: Db,
  workspaceId: string,
  q: z.output<typeof requestQuerySchema>,
): ListFilters | null {
  // An inbox's own index drives its list (see deliverySearch.ts).
  const filters: ListFilters = {
    fixed: [cond(q.inboxId === undefined ? 'r.workspace_id = ?' : '+r.workspace_id = ?', workspaceId)],
    dimensions: [],
  };
  return addClauses(db, TABLE, workspaceId, requestClauses(q), filters) ? filters : null;
}
