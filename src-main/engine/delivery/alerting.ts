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
 * What the `count`-th consecutive failure means, `streakMs` after the streak's first failure.
 * Disabling needs both the count and the time (`disableAfterMinutes`; 0 = the count alone), so a
 * burst against an endpoint that was down for a moment raises alerts but disables nothing.
 * Reaching the disable threshold raises one `disabled` alert (not also a `failing` one).
 */
export function judgeFailure(count: number, streakMs: number, thresholds: AlertThresholds, enabled: boolean): FailureVerdict {
  const longEnough = streakMs >= thresholds.disableAfterMinutes * 60_000;
  if (enabled && thresholds.disableAfter > 0 && count >= thresholds.disableAfter && longEnough) return { alert: 'disabled', disable: true };
  if (thresholds.alertAt.includes(count)) return { alert: 'failing', disable: false };
  return { alert: null, disable: false };
}

export function alertMessage(kind: AlertKind, webhookName: string, count: number, lastError: string, streakMs = 0): string {
  const streak = streakMs >= 60_000 ? ` over ${formatSpan(streakMs)} ` : ' ';
  return kind === 'disabled'
    ? `${webhookName} was disabled after ${count} consecutive failures${streak}(last: ${lastError}). Fix the endpoint and enable it again; paused retries will resume.`
    : `${webhookName} has failed ${count} times in a row (last: ${lastError}).`;
}

/** "7 min", "2 h 5 min", "3 d 4 h". */
export function formatSpan(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

export interface StreakCounters {
  webhookId: string;
  consecutiveFailures: number;
  /** When the current failure streak began (null while succeeding). */
  failingSince: number | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  updatedAt: number;
}

/** What one attempt does to a webhook's failure streak (tests do not count). */
export interface StreakChange {
  /** The webhook with its counters (and maybe `enabled`) updated. */
  webhook: Webhook;
  /** The counters as the store is to hold them. */
  counters: StreakCounters;
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
    Object.assign(w, { consecutiveFailures: 0, failingSince: null, lastSuccessAt: now });
  } else {
    if (w.consecutiveFailures === 0 || w.failingSince === null) w.failingSince = now;
    w.consecutiveFailures += 1;
    w.lastFailureAt = now;
    const streakMs = now - w.failingSince;
    const verdict = a.gone ? { alert: 'disabled' as const, disable: true } : judgeFailure(w.consecutiveFailures, streakMs, thresholds, w.enabled);
    if (verdict.disable && w.enabled) {
      w.enabled = false;
      w.disabledReason = a.gone
        ? 'the endpoint answered 410 Gone'
        : `disabled after ${w.consecutiveFailures} consecutive failures${streakMs >= 60_000 ? ` over ${formatSpan(streakMs)}` : ''}`;
      out.disabledReason = w.disabledReason;
    }
    if (verdict.alert) {
      out.alert = {
        id: newId('alr', now), workspaceId: w.workspaceId, webhookId: w.id, kind: verdict.alert, consecutiveFailures: w.consecutiveFailures,
        message: a.gone
          ? `${w.name} was disabled: the endpoint answered 410 Gone.`
          : alertMessage(verdict.alert, w.name, w.consecutiveFailures, a.errorMessage ?? `HTTP ${a.status}`, streakMs),
        read: false, createdAt: now,
      };
    }
  }
  const counters: StreakCounters = {
    webhookId: w.id, consecutiveFailures: w.consecutiveFailures, failingSince: w.failingSince, lastSuccessAt: w.lastSuccessAt, lastFailureAt: w.lastFailureAt, updatedAt: now,
  };
  return { webhook: w, counters, ...out };
}
