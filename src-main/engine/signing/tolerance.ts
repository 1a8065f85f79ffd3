/** Timestamp parsing and the replay window check for schemes that sign a timestamp. */
import { validationError } from '../../api/errors';
import { DEFAULT_TOLERANCE_SEC } from '../../api/receiverSchemas';
import type { VerifyInput } from './types';

export { DEFAULT_TOLERANCE_SEC };

/** Unix seconds from a header value: digits only (no sign, no decimals, no ms), or undefined. */
export function parseUnixSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  // 15 digits keeps the number a safe integer; real timestamps have 10.
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

export function nowOf(input: VerifyInput): number {
  return typeof input.now === 'number' && Number.isFinite(input.now)
    ? Math.floor(input.now)
    : Math.floor(Date.now() / 1000);
}

/** A negative or non-numeric tolerance falls back to the default; Infinity turns the check off. */
export function toleranceOf(input: VerifyInput): number {
  const t = input.toleranceSec;
  return typeof t === 'number' && t >= 0 ? t : DEFAULT_TOLERANCE_SEC;
}

export type ToleranceVerdict = { ok: true } | { ok: false; reason: 'stale' | 'future'; message: string };

/**
 * skewSec = now - timestamp (positive = in the past). Exactly `tolerance` seconds either
 * way still passes, as in the Standard Webhooks and Stripe libraries.
 */
export function checkTolerance(skewSec: number, toleranceSec: number): ToleranceVerdict {
  if (skewSec > toleranceSec) {
    return { ok: false, reason: 'stale', message: `timestamp ${skewSec} s old, tolerance ${toleranceSec} s` };
  }
  if (-skewSec > toleranceSec) {
    return {
      ok: false,
      reason: 'future',
      message: `timestamp ${-skewSec} s in the future, tolerance ${toleranceSec} s`,
    };
  }
  return { ok: true };
}

/**
 * Sign-side guard: the timestamp is written into headers and signed bytes as text, and every
 * receiver library parses it as whole seconds; a float or milliseconds would sign fine here
 * and fail everywhere else.
 */
export function requireUnixSeconds(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp > 99_999_999_999) {
    throw validationError('timestamp', `timestamp must be whole unix seconds, got ${timestamp}`);
  }
}
