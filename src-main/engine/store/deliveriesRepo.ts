import type { DeliveryStatus, ErrorClass } from '../../api/schemas';
import type { Attempt, AttemptTrigger, Delivery } from '../../api/types';
import type { Db } from './database';

interface DeliveryRow {
  id: string; workspace_id: string; webhook_id: string; event_id: string; event_type: string; status: DeliveryStatus;
  attempt_count: number; next_attempt_at: number | null; last_status_code: number | null; last_error: string | null;
  last_duration_ms: number | null; created_at: number; updated_at: number; completed_at: number | null;
}

interface AttemptRow {
  id: number; delivery_id: string; number: number; trigger: AttemptTrigger; scheduled_at: number; started_at: number;
  finished_at: number | null; duration_ms: number | null; request_method: string; request_url: string;
  request_headers: string; response_status: number | null; response_headers: string | null; response_body: string | null;
  response_truncated: number; error_class: ErrorClass | null; error_message: string | null;
}

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id, workspaceId: r.workspace_id, webhookId: r.webhook_id, eventId: r.event_id, eventType: r.event_type,
  status: r.status, attemptCount: r.attempt_count, nextAttemptAt: r.next_attempt_at, lastStatusCode: r.last_status_code,
  lastError: r.last_error, lastDurationMs: r.last_duration_ms, createdAt: r.created_at, updatedAt: r.updated_at,
  completedAt: r.completed_at,
});

export const toAttempt = (r: AttemptRow): Attempt => ({
  id: r.id, deliveryId: r.delivery_id, number: r.number, trigger: r.trigger, scheduledAt: r.scheduled_at,
  startedAt: r.started_at, finishedAt: r.finished_at, durationMs: r.duration_ms,
  request: { method: r.request_method, url: r.request_url, headers: JSON.parse(r.request_headers) },
  response: r.response_status === null ? null : {
    status: r.response_status, headers: JSON.parse(r.response_headers ?? '{}'), body: r.response_body ?? '',
    truncated: r.response_truncated === 1,
  },
  errorClass: r.error_class, errorMessage: r.error_message,
});

export interface DueDelivery { id: string; webhookId: string; eventId: string; nextAttemptAt: number; attemptCount: number; status: DeliveryStatus }

export interface AttemptStart {
  deliveryId: string; number: number; trigger: AttemptTrigger; scheduledAt: number; startedAt: number;
  method: string; url: string; headers: Record<string, string>;
}

export interface AttemptFinish {
  attemptId: number; finishedAt: number; durationMs: number;
  status: number | null; headers: Record<string, string> | null; body: string | null; truncated: boolean;
  errorClass: ErrorClass | null; errorMessage: string | null;
}

/** Deliveries and their attempts: SQLite is the queue (due times live in `next_attempt_at`). */
export class DeliveriesRepo {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insert: db.prepare(`INSERT INTO deliveries (id, workspace_id, webhook_id, event_id, event_type, status, attempt_count,
        next_attempt_at, created_at, updated_at) VALUES (@id, @workspaceId, @webhookId, @eventId, @eventType, @status, 0,
        @nextAttemptAt, @createdAt, @createdAt)`),
      get: db.prepare('SELECT * FROM deliveries WHERE id = ?'),
      // Both walk the partial (webhook_id, next_attempt_at) index: O(log n) however long the queue.
      due: db.prepare(`SELECT id, webhook_id, event_id, next_attempt_at, attempt_count, status FROM deliveries
        WHERE webhook_id = ? AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`),
      earliest: db.prepare(`SELECT next_attempt_at AS t FROM deliveries
        WHERE webhook_id = ? AND next_attempt_at IS NOT NULL ORDER BY next_attempt_at LIMIT 1`),
      claim: db.prepare(`UPDATE deliveries SET status = 'sending', next_attempt_at = NULL, attempt_count = attempt_count + 1,
        updated_at = ? WHERE id = ? AND status NOT IN ('sending', 'success', 'cancelled')`),
      // A person's "retry now" may revive a cancelled delivery.
      claimManual: db.prepare(`UPDATE deliveries SET status = 'sending', next_attempt_at = NULL, attempt_count = attempt_count + 1,
        completed_at = NULL, updated_at = ? WHERE id = ? AND status NOT IN ('sending', 'success')`),
      insertAttempt: db.prepare(`INSERT INTO attempts (delivery_id, number, trigger, scheduled_at, started_at, request_method,
        request_url, request_headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      finishAttempt: db.prepare(`UPDATE attempts SET finished_at = @finishedAt, duration_ms = @durationMs,
        response_status = @status, response_headers = @headers, response_body = @body, response_truncated = @truncated,
        error_class = @errorClass, error_message = @errorMessage WHERE id = @attemptId`),
      setOutcome: db.prepare(`UPDATE deliveries SET status = @status, next_attempt_at = @nextAttemptAt,
        last_status_code = @lastStatusCode, last_error = @lastError, last_duration_ms = @lastDurationMs,
        updated_at = @now, completed_at = @completedAt WHERE id = @id`),
      attempts: db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number'),
      inFlight: db.prepare(`SELECT id FROM deliveries WHERE status = 'sending'`),
      openAttempts: db.prepare(`SELECT a.id, a.started_at FROM attempts a WHERE a.delivery_id = ? AND a.finished_at IS NULL`),
    };
  }

  insert(d: { id: string; workspaceId: string; webhookId: string; eventId: string; eventType: string; status: DeliveryStatus; nextAttemptAt: number | null; createdAt: number }): void {
    this.s.insert.run(d);
  }

  get(id: string): Delivery | undefined {
    const row = this.s.get.get(id) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  attempts(deliveryId: string): Attempt[] {
    return (this.s.attempts.all(deliveryId) as AttemptRow[]).map(toAttempt);
  }

  /** One webhook's due deliveries, earliest first. */
  due(webhookId: string, now: number, limit: number): DueDelivery[] {
    return (this.s.due.all(webhookId, now, limit) as { id: string; webhook_id: string; event_id: string; next_attempt_at: number; attempt_count: number; status: DeliveryStatus }[]).map((r) => ({
      id: r.id, webhookId: r.webhook_id, eventId: r.event_id, nextAttemptAt: r.next_attempt_at, attemptCount: r.attempt_count, status: r.status,
    }));
  }

  /** When one webhook's next delivery falls due. */
  earliestDue(webhookId: string): number | undefined {
    return (this.s.earliest.get(webhookId) as { t: number } | undefined)?.t;
  }

  /** Marks the delivery `sending`; false when it is no longer claimable (done, cancelled or taken). */
  claim(id: string, now: number, manual = false): boolean {
    return (manual ? this.s.claimManual : this.s.claim).run(now, id).changes === 1;
  }

  startAttempt(a: AttemptStart): number {
    return Number(this.s.insertAttempt.run(a.deliveryId, a.number, a.trigger, a.scheduledAt, a.startedAt, a.method, a.url, JSON.stringify(a.headers)).lastInsertRowid);
  }

  finishAttempt(f: AttemptFinish): void {
    this.s.finishAttempt.run({
      ...f, headers: f.headers === null ? null : JSON.stringify(f.headers), truncated: f.truncated ? 1 : 0,
    });
  }

  setOutcome(o: { id: string; status: DeliveryStatus; nextAttemptAt: number | null; lastStatusCode: number | null; lastError: string | null; lastDurationMs: number | null; now: number; completedAt: number | null }): void {
    this.s.setOutcome.run(o);
  }

  /** Puts a delivery back in the queue (manual retry, resume). */
  reschedule(id: string, status: DeliveryStatus, at: number, now: number): boolean {
    return this.db.prepare(`UPDATE deliveries SET status = ?, next_attempt_at = ?, completed_at = NULL, updated_at = ? WHERE id = ?`).run(status, at, now, id).changes === 1;
  }

  cancel(id: string, now: number): boolean {
    return this.db
      .prepare(`UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, completed_at = ?, updated_at = ?
                WHERE id = ? AND status IN ('pending', 'retrying', 'sending')`)
      .run(now, now, id).changes === 1;
  }

  /**
   * Crash recovery: deliveries left `sending` go back to the queue, due now, and their open
   * attempts are closed as interrupted. At-least-once: the receiver may see it twice.
   */
  recoverInFlight(now: number): string[] {
    return this.db.transaction(() => {
      const ids = (this.s.inFlight.all() as { id: string }[]).map((r) => r.id);
      for (const id of ids) {
        for (const a of this.s.openAttempts.all(id) as { id: number; started_at: number }[]) {
          this.finishAttempt({
            attemptId: a.id, finishedAt: now, durationMs: Math.max(0, now - a.started_at), status: null, headers: null, body: null,
            truncated: false, errorClass: 'other', errorMessage: 'interrupted: Hookbench stopped before the response arrived; sending again',
          });
        }
        this.db.prepare(`UPDATE deliveries SET status = 'retrying', next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(now, now, id);
      }
      return ids;
    }).immediate();
  }

  /** Retention: deletes finished deliveries older than the cut-offs; returns how many. */
  deleteOlderThan(successBefore: number, failedBefore: number): number {
    return this.db.transaction(() => {
      const a = this.db.prepare(`DELETE FROM deliveries WHERE status = 'success' AND created_at < ?`).run(successBefore).changes;
      const b = this.db.prepare(`DELETE FROM deliveries WHERE status IN ('failed', 'cancelled') AND created_at < ?`).run(failedBefore).changes;
      this.db.prepare(`DELETE FROM events WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)`).run(Math.max(successBefore, failedBefore));
      return a + b;
    }).immediate();
  }
}
