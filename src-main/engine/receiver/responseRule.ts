/**
 * What an inbox answers: a refusal of an invalid signature (when the inbox rejects them), else
 * the rule's response, or a simulated failure (fail-first-N, failure percentage).
 */
import type { Inbox, ResponseRule, Verdict } from '../../api/receiverTypes';

export interface PlannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  delayMs: number;
  /** Why this is a failure, when it is one. */
  failure: 'fail_first' | 'failure_percent' | 'invalid_signature' | null;
}

export interface PlanContext {
  /** Counts this request against failFirst; true when it is one of the first N. */
  takeFailFirstSlot: () => boolean;
  /** Uniform in [0, 1). */
  random: () => number;
}

/**
 * Fail-first-N is checked first (it is a counter the person set up on purpose), then the
 * failure percentage. A failure answers `failStatus` with a JSON body saying it was
 * simulated, so whoever reads the sender's log is not sent hunting for a real bug.
 */
export function planResponse(rule: ResponseRule, ctx: PlanContext): PlannedResponse {
  let failure: PlannedResponse['failure'] = null;
  if (rule.failFirst > 0 && ctx.takeFailFirstSlot()) failure = 'fail_first';
  else if (rule.failurePercent > 0 && ctx.random() * 100 < rule.failurePercent) failure = 'failure_percent';

  if (failure !== null) {
    const why =
      failure === 'fail_first'
        ? `the first ${rule.failFirst} requests fail`
        : `${rule.failurePercent}% of requests fail`;
    return {
      status: rule.failStatus,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: 'simulated_failure',
        message: `simulated failure by the inbox's response rule: ${why}`,
      }),
      delayMs: rule.delayMs,
      failure,
    };
  }
  const headers = { ...rule.headers };
  if (rule.body !== '' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = looksLikeJson(rule.body) ? 'application/json' : 'text/plain; charset=utf-8';
  }
  return { status: rule.status, headers, body: rule.body, delayMs: rule.delayMs, failure: null };
}

/**
 * A real handler checks the signature first and refuses what does not verify, at once: the
 * inbox's reject status with a JSON body saying why. Null when the inbox does not reject, the
 * request verified, or the inbox signs nothing (scheme none). A refused request takes no
 * fail-first slot, waits no delay and is not forwarded (the intake's part).
 */
export function planRejection(
  inbox: Pick<Inbox, 'scheme' | 'rejectInvalid'>,
  verdict: Verdict,
): PlannedResponse | null {
  if (!inbox.rejectInvalid || inbox.scheme === 'none' || verdict.valid) return null;
  return {
    status: inbox.rejectInvalid.status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      error: 'invalid_signature',
      reason: verdict.reason ?? 'bad_signature',
      message: `rejected by the inbox: ${verdict.message ?? 'the signature did not verify'}`,
    }),
    delayMs: 0,
    failure: 'invalid_signature',
  };
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}
