/**
 * Every write of the sender's hot path, as runs for the store's write queue (storeWriter.ts):
 * fired events with their deliveries, an attempt with its delivery's new state, a cancel.
 * Nothing is written before a request: the delivery row (pending, due now) is the durable
 * record; after the response one complete attempt row and the delivery's new state go into the
 * next group commit. A delivery's update is conditional on the state the engine last wrote, so
 * that its attempt and roll-up counts are written only if it applied (a delivery deleted or
 * changed meanwhile writes nothing; the engine reads it again).
 */
import type { Attempt, Delivery } from '../../api/types';
import type { HealthRecord } from './webhookHealth';
import { queueForSearch } from '../logs/searchIndex';
import { tallyDelivery, type RollupState } from '../store/rollupTally';
import type { CatalogId } from '../../api/catalogTypes';
import { writeFold, writeStatement, type WriteBatchBuilder } from '../store/writeBatch';

const INSERT_EVENT = writeStatement(
  'INSERT INTO events (id, workspace_id, catalog, type, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
);
const INSERT_DELIVERY =
  writeStatement(`INSERT INTO deliveries (id, workspace_id, webhook_id, event_id, event_type, status, attempt_count,
  next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`);
const SET_STATE =
  writeStatement(`UPDATE deliveries SET status = ?, attempt_count = ?, next_attempt_at = ?, last_status_code = ?,
  last_error = ?, last_duration_ms = ?, updated_at = ?, completed_at = ? WHERE id = ? AND status = ? AND attempt_count = ? RETURNING 1`);
const INSERT_ATTEMPT =
  writeStatement(`INSERT INTO attempts (delivery_id, number, trigger, scheduled_at, started_at, finished_at, duration_ms,
  request_method, request_url, request_headers, response_status, response_headers, response_body, response_truncated, error_class,
  error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`);
/**
 * A webhook's failure streak as the engine counts it: the last value of the batch wins — unless
 * the webhook was changed by hand after that attempt (a person enabling it starts the streak over).
 */
const WEBHOOK_COUNTERS = writeFold(
  `UPDATE webhooks SET consecutive_failures = v.failures, failing_since = v.since, last_success_at = v.success_at, last_failure_at = v.failure_at,
   updated_at = v.at FROM (SELECT ? AS id, ? AS failures, ? AS since, ? AS success_at, ? AS failure_at, ? AS at) v
   WHERE webhooks.id = v.id AND webhooks.updated_at <= v.at`,
  1,
  ['last', 'last', 'last', 'last', 'last'],
);
/** Auto-disable, unless the webhook was changed by hand after the failure that decided it. */
const DISABLE_WEBHOOK = writeStatement(
  'UPDATE webhooks SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND updated_at <= ?',
);
const INSERT_ALERT =
  writeStatement(`INSERT INTO alerts (id, workspace_id, webhook_id, kind, consecutive_failures, message, read, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

export interface FiredEvent {
  id: string;
  workspaceId: string;
  /** The catalog its type is from (default `hookbench`). */
  catalog?: CatalogId;
  type: string;
  body: string;
  createdAt: number;
}

const stateOf = (d: Delivery): RollupState => ({ status: d.status, attemptCount: d.attemptCount });

/** Events and their new deliveries (status pending). No results. */
export function writeFired(
  b: WriteBatchBuilder,
  fired: readonly { event: FiredEvent; deliveries: readonly Delivery[] }[],
): void {
  for (const { event: e, deliveries } of fired) {
    b.run(INSERT_EVENT, [e.id, e.workspaceId, e.catalog ?? 'hookbench', e.type, e.body, e.createdAt]);
    queueForSearch(b, 'events_fts');
    for (const d of deliveries) writeNewDelivery(b, d);
  }
}

/** A new delivery of an event already stored (redeliver). No results. */
export function writeNewDelivery(b: WriteBatchBuilder, d: Delivery): void {
  b.run(INSERT_DELIVERY, [
    d.id,
    d.workspaceId,
    d.webhookId,
    d.eventId,
    d.eventType,
    d.status,
    d.nextAttemptAt,
    d.createdAt,
    d.updatedAt,
  ]);
  tallyDelivery(b, d, null, stateOf(d));
}

/** The webhook's health record (webhookHealth.ts) is absent for tests, which do not count. */
export interface OutcomeWrite extends Partial<HealthRecord> {
  /** The delivery as the engine last wrote it, and as it is to be now. */
  before: Delivery;
  after: Delivery;
  /** The attempt, whole (its id is assigned by the insert). */
  attempt: Omit<Attempt, 'id'>;
}

/** SET_STATE's parameters: the new state, applied only where the stored one is still `before`'s. */
const setStateParams = (before: Delivery, after: Delivery) => [
  after.status,
  after.attemptCount,
  after.nextAttemptAt,
  after.lastStatusCode,
  after.lastError,
  after.lastDurationMs,
  after.updatedAt,
  after.completedAt,
  after.id,
  before.status,
  before.attemptCount,
];

/**
 * An attempt and its delivery's new state. Results: [1 if the delivery's update applied, else
 * null; the attempt's id, or null when the update did not apply (nothing else was written)].
 */
export function writeOutcome(b: WriteBatchBuilder, o: OutcomeWrite): void {
  const { before, after, attempt: a } = o;
  b.read(SET_STATE, setStateParams(before, after));
  b.read(
    INSERT_ATTEMPT,
    [
      a.deliveryId,
      a.number,
      a.trigger,
      a.scheduledAt,
      a.startedAt,
      a.finishedAt,
      a.durationMs,
      a.request.method,
      a.request.url,
      JSON.stringify(a.request.headers),
      a.response?.status ?? null,
      a.response ? JSON.stringify(a.response.headers) : null,
      a.response?.body ?? null,
      a.response?.truncated ?? false,
      a.errorClass,
      a.errorMessage,
    ],
    { ifChanged: true },
  );
  tallyDelivery(b, after, stateOf(before), stateOf(after), a.durationMs);
  const c = o.counters;
  if (c)
    b.tally(
      WEBHOOK_COUNTERS,
      [c.webhookId],
      [c.consecutiveFailures, c.failingSince, c.lastSuccessAt, c.lastFailureAt, c.updatedAt],
    );
  if (o.disabledReason !== undefined)
    b.run(DISABLE_WEBHOOK, [o.disabledReason, after.updatedAt, after.webhookId, after.updatedAt], { ifChanged: true });
  const al = o.alert;
  if (al)
    b.run(
      INSERT_ALERT,
      [al.id, al.workspaceId, al.webhookId, al.kind, al.consecutiveFailures, al.message, al.read, al.createdAt],
      { ifChanged: true },
    );
}

/** A delivery's new state without an attempt (a cancel). Result: [1 if it applied, else null]. */
export function writeState(b: WriteBatchBuilder, before: Delivery, after: Delivery): void {
  b.read(SET_STATE, setStateParams(before, after));
  tallyDelivery(b, after, stateOf(before), stateOf(after));
}
