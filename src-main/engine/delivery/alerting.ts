import type { AlertThresholds } from '../../api/schemas';
import type { AlertKind } from '../../api/types';

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
