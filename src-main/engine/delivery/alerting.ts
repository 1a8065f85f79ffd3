import type { AlertThresholds } from '../../api/schemas';
import type { AlertKind } from '../../api/types';

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
export function judgeFailure(
  count: number,
  streakMs: number,
  thresholds: AlertThresholds,
  enabled: boolean,
): FailureVerdict {
  const longEnough = streakMs >= thresholds.disableAfterMinutes * 60_000;
  if (enabled && thresholds.disableAfter > 0 && count >= thresholds.disableAfter && longEnough)
    return { alert: 'disabled', disable: true };
  if (thresholds.alertAt.includes(count)) return { alert: 'failing', disable: false };
  return { alert: null, disable: false };
}

export function alertMessage(
  kind: AlertKind,
  webhookName: string,
  count: number,
  lastError: string,
  streakMs = 0,
): string {
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
