import { isSuccessStatus, type DeliveryStatus, type RetryPolicy } from '../../api/schemas';
import type { Attempt, AttemptTrigger, Delivery } from '../../api/types';
import type { AttemptOutcome } from './dispatcher';
import { applyRetryAfter, nextRetryDelayMs } from './retryPolicy';

export interface NextStateInput {
  outcome: AttemptOutcome;
  /** Status in the store when the attempt finished (`cancelled` if cancelled meanwhile). */
  currentStatus: DeliveryStatus;
  /** Status before a manual attempt started (retry now on a failed delivery stays failed). */
  statusBefore: DeliveryStatus;
  trigger: AttemptTrigger;
  /** Attempts made so far, this one included. */
  attemptCount: number;
  policy: RetryPolicy;
  now: number;
  random?: () => number;
}

export interface NextState {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  completedAt: number | null;
  /** 410 Gone: the receiver asked us to stop for good. */
  gone: boolean;
}

export const isSuccess = (o: AttemptOutcome) => isSuccessStatus(o.status);

/** Where a delivery goes after an attempt: the lifecycle's transition table in one place. */
export function nextState(i: NextStateInput): NextState {
  const done = (status: DeliveryStatus, gone = false): NextState => ({
    status,
    nextAttemptAt: null,
    completedAt: i.now,
    gone,
  });
  if (isSuccess(i.outcome)) return done('success');
  if (i.outcome.status === 410) return done('failed', true);
  if (i.currentStatus === 'cancelled') return done('cancelled');
  if (i.trigger === 'test') return done('failed');
  if (i.trigger === 'retry_now' && i.statusBefore !== 'retrying') return done('failed');
  const delay = nextRetryDelayMs(i.policy, i.attemptCount, i.random);
  if (delay === null) return done('failed');
  const wait = applyRetryAfter(delay, i.outcome.headers?.['retry-after'], i.now);
  return { status: 'retrying', nextAttemptAt: i.now + wait, completedAt: null, gone: false };
}

/** An attempt as it was sent, to be recorded with its outcome. */
export interface SentAttempt {
  trigger: AttemptTrigger;
  scheduledAt: number;
  startedAt: number;
  url: string;
  headers: Record<string, string>;
  /** The delivery's status when the attempt started. */
  statusAtLaunch: DeliveryStatus;
}

/** A finished attempt: the delivery as it is to be (from `before`, as last written) and the attempt row. */
export function recordAttempt(
  before: Delivery,
  sent: SentAttempt,
  outcome: AttemptOutcome,
  policy: RetryPolicy,
  now: number,
): { after: Delivery; attempt: Omit<Attempt, 'id'>; gone: boolean } {
  const attemptCount = before.attemptCount + 1;
  const next = nextState({
    outcome,
    currentStatus: before.status,
    statusBefore: sent.statusAtLaunch,
    trigger: sent.trigger,
    attemptCount,
    policy,
    now,
  });
  const after: Delivery = {
    ...before,
    status: next.status,
    attemptCount,
    nextAttemptAt: next.nextAttemptAt,
    lastStatusCode: outcome.status,
    lastError: outcome.errorMessage,
    lastDurationMs: outcome.durationMs,
    updatedAt: now,
    completedAt: next.completedAt,
  };
  const attempt: Omit<Attempt, 'id'> = {
    deliveryId: before.id,
    number: attemptCount,
    trigger: sent.trigger,
    scheduledAt: sent.scheduledAt,
    startedAt: sent.startedAt,
    finishedAt: now,
    durationMs: outcome.durationMs,
    request: { method: 'POST', url: sent.url, headers: sent.headers },
    response:
      outcome.status === null
        ? null
        : {
            status: outcome.status,
            headers: outcome.headers ?? {},
            body: outcome.body ?? '',
            truncated: outcome.truncated,
          },
    errorClass: outcome.errorClass,
    errorMessage: outcome.errorMessage,
  };
  return { after, attempt, gone: next.gone };
}
