/**
 * A webhook's health, decided apart from sending (as Svix keeps `process_endpoint_failure`):
 * what one finished attempt does to the failure streak, which alert it raises and whether it
 * disables the webhook. Pure — the delivery engine applies the result (cache, write, alert id).
 */
import type { AlertThresholds } from '../../api/schemas';
import type { Alert, AlertKind, AttemptTrigger, Webhook } from '../../api/types';
import { alertMessage, formatSpan, judgeFailure } from './alerting';

/** What the sender keeps of a webhook's health (a Webhook is one). */
export type WebhookHealth = Pick<
  Webhook,
  'enabled' | 'consecutiveFailures' | 'failingSince' | 'lastSuccessAt' | 'lastFailureAt'
>;

/** A finished attempt as health sees it. */
export interface HealthAttempt {
  trigger: AttemptTrigger;
  /** A 2xx answer. */
  ok: boolean;
  /** A 410 Gone answer: the receiver asked us to stop for good. */
  gone: boolean;
  status: number | null;
  errorMessage: string | null;
}

/** A webhook's streak as the store holds it (written with the attempt that changed it). */
export interface StreakCounters {
  webhookId: string;
  consecutiveFailures: number;
  /** When the current failure streak began (null while succeeding). */
  failingSince: number | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  updatedAt: number;
}

export interface HealthChange {
  health: WebhookHealth;
  /** Set when the webhook is to be disabled now: the reason it shows. */
  disabledReason?: string;
  /** The alert to raise (the caller gives it an id and its webhook). */
  alert?: { kind: AlertKind; consecutiveFailures: number; message: string };
}

/**
 * A success resets the streak; a failure lengthens it (its start kept across restarts), raises an
 * alert at a threshold and disables the webhook at the last (at once for `410 Gone`). Tests do
 * not count: null.
 */
export function webhookHealthAfter(
  webhook: WebhookHealth & { name: string },
  attempt: HealthAttempt,
  thresholds: AlertThresholds,
  now: number,
): HealthChange | null {
  if (attempt.trigger === 'test') return null;
  const { enabled, consecutiveFailures, failingSince, lastSuccessAt, lastFailureAt } = webhook;
  if (attempt.ok)
    return { health: { enabled, consecutiveFailures: 0, failingSince: null, lastSuccessAt: now, lastFailureAt } };
  const health: WebhookHealth = {
    enabled,
    consecutiveFailures: consecutiveFailures + 1,
    failingSince: consecutiveFailures === 0 || failingSince === null ? now : failingSince,
    lastSuccessAt,
    lastFailureAt: now,
  };
  const count = health.consecutiveFailures;
  const streakMs = now - health.failingSince!;
  const verdict = attempt.gone
    ? { alert: 'disabled' as const, disable: true }
    : judgeFailure(count, streakMs, thresholds, enabled);
  const change: HealthChange = { health };
  if (verdict.disable && enabled) {
    health.enabled = false;
    change.disabledReason = attempt.gone
      ? 'the endpoint answered 410 Gone'
      : `disabled after ${count} consecutive failures${streakMs >= 60_000 ? ` over ${formatSpan(streakMs)}` : ''}`;
  }
  if (verdict.alert) {
    const message = attempt.gone
      ? `${webhook.name} was disabled: the endpoint answered 410 Gone.`
      : alertMessage(verdict.alert, webhook.name, count, attempt.errorMessage ?? `HTTP ${attempt.status}`, streakMs);
    change.alert = { kind: verdict.alert, consecutiveFailures: count, message };
  }
  return change;
}

/** What an attempt's write carries of a health change: the streak counters, the disable reason, the alert. */
export interface HealthRecord {
  counters: StreakCounters;
  disabledReason?: string;
  alert?: Alert;
}

/** A health change as the attempt's write records it; `alertId` is asked for only when an alert is raised. */
export function healthRecord(
  webhook: Pick<Webhook, 'id' | 'workspaceId'>,
  change: HealthChange,
  alertId: () => string,
  now: number,
): HealthRecord {
  const { health, disabledReason, alert } = change;
  const { enabled: _, ...streak } = health;
  return {
    counters: { webhookId: webhook.id, ...streak, updatedAt: now },
    ...(disabledReason === undefined ? {} : { disabledReason }),
    ...(alert
      ? {
          alert: {
            id: alertId(),
            workspaceId: webhook.workspaceId,
            webhookId: webhook.id,
            ...alert,
            read: false,
            createdAt: now,
          },
        }
      : {}),
  };
}
