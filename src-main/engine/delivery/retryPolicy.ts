import { RETRY_PRESETS, type RetryPolicy } from '../../api/schemas';

/** Delays (seconds) after each failed attempt; custom delays win over the preset. */
export function retryDelays(policy: RetryPolicy): readonly number[] {
  if (policy.delays) return policy.delays;
  return RETRY_PRESETS[policy.preset ?? 'exponential'];
}

/** Attempts in all: the first one plus one per delay. */
export function maxAttempts(policy: RetryPolicy): number {
  return retryDelays(policy).length + 1;
}

/**
 * Delay in ms before the next attempt after `failedAttempts` attempts have failed,
 * or null when the policy is exhausted. ±20 % jitter unless the policy turns it off.
 */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  failedAttempts: number,
  random: () => number = Math.random,
): number | null {
  const delays = retryDelays(policy);
  const base = delays[failedAttempts - 1];
  if (base === undefined) return null;
  const jitter = policy.jitter === false ? 1 : 1 + (random() * 0.4 - 0.2);
  return Math.round(base * 1000 * jitter);
}

/**
 * `Retry-After` (seconds or an HTTP date) is honoured but clamped to [scheduled, 2 × scheduled]
 * so a receiver can neither make us hammer it nor park a delivery for ever.
 */
export function applyRetryAfter(scheduledMs: number, retryAfter: string | undefined, now = Date.now()): number {
  if (!retryAfter) return scheduledMs;
  const trimmed = retryAfter.trim();
  let wantedMs: number;
  if (/^\d+$/.test(trimmed)) wantedMs = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return scheduledMs;
    wantedMs = at - now;
  }
  return Math.min(Math.max(wantedMs, scheduledMs), 2 * scheduledMs);
}
