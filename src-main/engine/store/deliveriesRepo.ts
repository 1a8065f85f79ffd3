import type { CatalogId } from '../../api/catalogTypes';
import type { DeliveryStatus, ErrorClass } from '../../api/schemas';
import type { Attempt, AttemptTrigger, Delivery } from '../../api/types';
import type { Db } from './database';

interface DeliveryRow {
  id: string;
  workspace_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

interface AttemptRow {
  id: number;
  delivery_id: string;
  number: number;
  trigger: AttemptTrigger;
  scheduled_at: number;
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
  request_method: string;
  request_url: string;
  request_headers: string;
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  response_truncated: number;
  error_class: ErrorClass | null;
  error_message: string | null;
}

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  workspaceId: r.workspace_id,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attemptCount: r.attempt_count,
  nextAttemptAt: r.next_attempt_at,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  lastDurationMs: r.last_duration_ms,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  completedAt: r.completed_at,
});

export const toAttempt = (r: AttemptRow): Attempt => ({
  id: r.id,
  deliveryId: r.delivery_id,
  number: r.number,
  trigger: r.trigger,
  scheduledAt: r.scheduled_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  durationMs: r.duration_ms,
  request: { method: r.request_method, url: r.request_url, headers: JSON.parse(r.request_headers) },
  response:
    r.response_status === null
      ? null
      : {
          status: r.response_status,
          headers: JSON.parse(r.response_headers ?? '{}'),
          body: r.response_body ?? '',
          truncated: r.response_truncated === 1,
        },
  errorClass: r.error_class,
  errorMessage: r.error_message,
});

/** Where a read of due deliveries stopped: the last one's due time and id. */
export interface DueCursor {
  due: number;
  id: string;
}

/** A due delivery as the scheduler takes it: the row, and its event's body (the bytes to send). */
export interface DueDelivery {
  delivery: Delivery;
  body: string;
  /** The catalog its event's type is from (a provider's events go out as the provider sends them). */
  catalog: CatalogId;
}

/** Deliveries and their attempts: SQLite is the queue (due times live in `next_attempt_at`). */
export class DeliveriesRepo {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM deliveries WHERE id = ?'),
      // Both walk the partial (webhook_id, next_attempt_at, id) index: O(log n) however long the queue.
      due: db.prepare(`SELECT d.*, e.body AS body, e.catalog AS catalog FROM deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.webhook_id = ? AND d.next_attempt_at IS NOT NULL AND (d.next_attempt_at, d.id) > (?, ?) AND d.next_attempt_at <= ?
        ORDER BY d.next_attempt_at, d.id LIMIT ?`),
      earliestAfter: db.prepare(`SELECT next_attempt_at AS t FROM deliveries
        WHERE webhook_id = ? AND next_attempt_at IS NOT NULL AND next_attempt_at > ? ORDER BY next_attempt_at LIMIT 1`),
      attempts: db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number'),
      attemptId: db.prepare('SELECT id FROM attempts WHERE delivery_id = ? AND number = ?').pluck(),
      // Pages of failed deliveries in a time range: a workspace's on (workspace_id, status, created_at, id), a webhook's on (webhook_id, created_at).
      failedPage:
        db.prepare(`SELECT * FROM deliveries WHERE workspace_id = ? AND status = 'failed' AND created_at >= ? AND created_at < ?
        AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`),
      failedPageOf:
        db.prepare(`SELECT * FROM deliveries WHERE webhook_id = ? AND status = 'failed' AND created_at >= ? AND created_at < ?
        AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`),
    };
  }

  get(id: string): Delivery | undefined {
    const row = this.s.get.get(id) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  /** The id of a delivery's attempt `number`, if it is stored. */
  attemptId(deliveryId: string, number: number): number | undefined {
    return this.s.attemptId.get(deliveryId, number) as number | undefined;
  }

  attempts(deliveryId: string): Attempt[] {
    return (this.s.attempts.all(deliveryId) as AttemptRow[]).map(toAttempt);
  }

  /** The deliveries of one event (one per webhook it went to), oldest first; on deliveries_by_event. */
  ofEvent(eventId: string): Delivery[] {
    return (
      this.db
        .prepare('SELECT * FROM deliveries WHERE event_id = ? ORDER BY created_at, id')
        .all(eventId) as DeliveryRow[]
    ).map(toDelivery);
  }

  /**
   * One webhook's due deliveries (their events' bodies with them) in (due time, id) order,
   * after `from` (the last one read before; omit to read from the start).
   */
  due(webhookId: string, now: number, limit: number, from?: DueCursor): DueDelivery[] {
    return (
      this.s.due.all(webhookId, from?.due ?? -Infinity, from?.id ?? '', now, limit) as (DeliveryRow & {
        body: string;
        catalog: CatalogId;
      })[]
    ).map((r) => ({ delivery: toDelivery(r), body: r.body, catalog: r.catalog }));
  }

  /** A page of the failed deliveries of a workspace (or of one webhook) created in [since, until), after `from`, oldest first. */
  failedPage(
    scope: { workspaceId: string } | { webhookId: string },
    since: number,
    until: number,
    limit: number,
    from?: { createdAt: number; id: string },
  ): Delivery[] {
    const [stmt, key] =
      'webhookId' in scope ? [this.s.failedPageOf, scope.webhookId] : [this.s.failedPage, scope.workspaceId];
    return (stmt.all(key, since, until, from?.createdAt ?? -Infinity, from?.id ?? '', limit) as DeliveryRow[]).map(
      toDelivery,
    );
  }

  /** When one webhook's next delivery falls due after `now`; undefined when none is scheduled. */
  earliestDueAfter(webhookId: string, now: number): number | undefined {
    return (this.s.earliestAfter.get(webhookId, now) as { t: number } | undefined)?.t;
  }

  /**
   * Retention: deletes finished deliveries older than the cut-offs; returns how many. Per
   * workspace, on (workspace_id, status, created_at) (every delivery's workspace exists: it
   * cascades). Roll-ups follow through migration 003's delete triggers.
   */
  deleteOlderThan(successBefore: number, failedBefore: number): number {
    return this.db
      .transaction(() => {
        const a = this.db
          .prepare(
            `DELETE FROM deliveries WHERE workspace_id IN (SELECT id FROM workspaces) AND status = 'success' AND created_at < ?`,
          )
          .run(successBefore).changes;
        const b = this.db
          .prepare(
            `DELETE FROM deliveries WHERE workspace_id IN (SELECT id FROM workspaces) AND status IN ('failed', 'cancelled') AND created_at < ?`,
          )
          .run(failedBefore).changes;
        this.db
          .prepare(
            `DELETE FROM events WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)`,
          )
          .run(Math.max(successBefore, failedBefore));
        return a + b;
      })
      .immediate();
  }
}
