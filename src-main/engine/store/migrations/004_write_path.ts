/**
 * The batched write path (store/storeWriter.ts). Nothing is written before a request any more:
 * the delivery row (pending, due now) is the durable record, what is in flight lives in memory,
 * and an attempt is written whole, with the delivery's new state, after its response. Roll-ups
 * and text-index queues are written once per batch by the writer instead of by per-row
 * triggers (store/rollupTally.ts; writeFold ranges below). Deletes keep their triggers.
 */
const NOW = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

/** The text-index queues as rowid ranges: one row per write batch instead of one per row. */
export const FTS_RANGE_TABLES = { events_fts: 'events_fts_ranges', requests_fts: 'requests_fts_ranges' } as const;

export const up = `
-- What an older Hookbench left in flight: its open attempts are closed as interrupted and its
-- deliveries due again now (as its own recovery did), while migration 003's triggers still keep
-- the roll-ups exact.
UPDATE attempts SET finished_at = ${NOW}, duration_ms = max(0, ${NOW} - started_at), error_class = 'other',
  error_message = 'interrupted: Hookbench stopped before the response arrived; sending again'
  WHERE finished_at IS NULL;
UPDATE deliveries SET status = 'retrying', next_attempt_at = ${NOW}, updated_at = ${NOW} WHERE status = 'sending';

DROP TRIGGER deliveries_rollup_insert;
DROP TRIGGER deliveries_rollup_status;
DROP TRIGGER attempts_rollup_insert;
DROP TRIGGER events_fts_queue;

${Object.values(FTS_RANGE_TABLES)
  .map((t) => `CREATE TABLE ${t} (first INTEGER NOT NULL, last INTEGER NOT NULL);`)
  .join('\n')}

-- The scheduler reads a webhook's due deliveries in (due time, id) order from where its last
-- read stopped, so the id joins the due index.
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries(webhook_id, next_attempt_at, id) WHERE next_attempt_at IS NOT NULL;

-- Only retention and crash recovery read deliveries by status alone; retention now walks
-- (workspace_id, status, created_at) per workspace, and there is no 'sending' row to recover.
DROP INDEX deliveries_by_status;
`;
