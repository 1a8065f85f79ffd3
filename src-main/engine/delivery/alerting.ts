import type { AlertThresholds } from '../../api/schemas';
import type { Alert, AlertKind, Webhook } from '../../api/types';
import { newId } from '../ids';

export interface FailureVerdict {
  /** The alert to raise for this failure, if any. */
  alert: AlertKind | null;
  /** True when the webhook must be disabled now. */
  disable: boolean;
}

/**
 * What the `count`-th consecutive failure means. Reaching the disable threshold raises one
 * `disabled` alert (not also a `failing` one for the same count).
 */
export function judgeFailure(count: number, thresholds: AlertThresholds, enabled: boolean): FailureVerdict {
  if (enabled && thresholds.disableAfter > 0 && count >= thresholds.disableAfter) return { alert: 'disabled', disable: true };
  if (thresholds.alertAt.includes(count)) return { alert: 'failing', disable: false };
  return { alert: null, disable: false };
}

export function alertMessage(kind: AlertKind, webhookName: string, count: number, lastError: string): string {
  return kind === 'disabled'
    ? `${webhookName} was disabled after ${count} consecutive failures (last: ${lastError}). Fix the endpoint and enable it again; paused retries will resume.`
    : `${webhookName} has failed ${count} times in a row (last: ${lastError}).`;
}

/** What one attempt does to a webhook's failure streak (tests do not count). */
export interface StreakChange {
  /** The webhook with its counters (and maybe `enabled`) updated. */
  webhook: Webhook;
  /** The counters as the store is to hold them. */
  counters: { webhookId: string; consecutiveFailures: number; lastSuccessAt: number | null; lastFailureAt: number | null; updatedAt: number };
  /** Set when this failure disables the webhook. */
  disabledReason?: string;
  alert?: Alert;
}

/**
 * A success resets the streak; a failure lengthens it, raises an alert at a threshold and
 * disables the webhook at the last (at once for `410 Gone`).
 */
export function countAttempt(
  webhook: Webhook,
  a: { ok: boolean; gone: boolean; status: number | null; errorMessage: string | null },
  thresholds: AlertThresholds,
  now: number,
): StreakChange {
  const w: Webhook = { ...webhook, updatedAt: now };
  const out: Omit<StreakChange, 'webhook' | 'counters'> = {};
  if (a.ok) {
    Object.assign(w, { consecutiveFailures: 0, lastSuccessAt: now });
  } else {
    w.consecutiveFailures += 1;
    w.lastFailureAt = now;
    const verdict = a.gone ? { alert: 'disabled' as const, disable: true } : judgeFailure(w.consecutiveFailures, thresholds, w.enabled);
    if (verdict.disable && w.enabled) {
      w.enabled = false;
      w.disabledReason = a.gone ? 'the endpoint answered 410 Gone' : `disabled after ${w.consecutiveFailures} consecutive failures`;
      out.disabledReason = w.disabledReason;
    }
    if (verdict.alert) {
      out.alert = {
        id: newId('alr', now), workspaceId: w.workspaceId, webhookId: w.id, kind: verdict.alert, consecutiveFailures: w.consecutiveFailures,
        message: a.gone
          ? `${w.name} was disabled: the endpoint answered 410 Gone.`
          : alertMessage(verdict.alert, w.name, w.consecutiveFailures, a.errorMessage ?? `HTTP ${a.status}`),
        read: false, createdAt: now,
      };
    }
  }
  const counters = { webhookId: w.id, consecutiveFailures: w.consecutiveFailures, lastSuccessAt: w.lastSuccessAt, lastFailureAt: w.lastFailureAt, updatedAt: now };
  return { webhook: w, counters, ...out };
}
