import type { DeliveryStatus, RetryPolicy } from '../../api/schemas';
import type { AttemptTrigger } from '../../api/types';
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

export const isSuccess = (o: AttemptOutcome) => o.status !== null && o.status >= 200 && o.status < 300;

/** Where a delivery goes after an attempt: the lifecycle's transition table in one place. */
export function nextState(i: NextStateInput): NextState {
  const done = (status: DeliveryStatus, gone = false): NextState => ({ status, nextAttemptAt: null, completedAt: i.now, gone });
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
