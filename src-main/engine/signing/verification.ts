/**
 * Building verify results, and the part of verification every scheme shares: once a scheme
 * has read its headers, the timestamp window, the secrets and the signature comparison are
 * checked the same way and in the same order everywhere.
 */
import type { SchemeName } from '../../api/schemas';
import { matchSecret } from './hmac';
import { checkTolerance, nowOf, toleranceOf } from './tolerance';
import type { VerifyFailureReason, VerifyInput, VerifyResult } from './types';

export type InvalidResult = Extract<VerifyResult, { valid: false }>;
type InvalidDetails = Omit<InvalidResult, 'valid' | 'scheme' | 'reason' | 'message'>;

export function invalid(
  scheme: SchemeName,
  reason: VerifyFailureReason,
  message: string,
  details: InvalidDetails = {},
): InvalidResult {
  return { valid: false, scheme, reason, message, ...withoutUndefined(details) };
}

export function missingHeader(scheme: SchemeName, header: string): InvalidResult {
  return invalid(scheme, 'missing_header', `missing ${header} header`, { header });
}

export function malformedHeader(scheme: SchemeName, header: string, why: string): InvalidResult {
  return invalid(scheme, 'malformed_header', `${header} header is malformed: ${why}`, { header });
}

/** What a scheme read from the headers: everything needed to finish verification. */
export interface SignedRequest {
  /** The header that carried the signatures. */
  header: string;
  /** Signatures found, in the form the header carries them (`v1,…`, `sha256=…`, …). */
  received: string[];
  id?: string;
  timestamp?: number;
  /**
   * The header holding a *signed* timestamp; when set, the tolerance window is enforced.
   * A timestamp the signature does not cover is reported but not enforced: rejecting on it
   * would protect nothing, since anyone can rewrite it.
   */
  toleranceHeader?: string;
}

/**
 * Finish verification: timestamp window, then secrets, then signatures. The window comes
 * before the secrets because it needs none, so an inbox without a secret still learns
 * that a request was stale. `expectedWith` gives the signature for one secret in the
 * header's textual form.
 */
export function settle(
  scheme: SchemeName,
  request: SignedRequest,
  input: VerifyInput,
  expectedWith: (secret: string) => string,
): VerifyResult {
  const skewSec = request.timestamp === undefined ? undefined : nowOf(input) - request.timestamp;
  const context = { header: request.header, id: request.id, timestamp: request.timestamp, skewSec };

  if (request.toleranceHeader !== undefined && skewSec !== undefined) {
    const tolerance = toleranceOf(input);
    const window = checkTolerance(skewSec, tolerance);
    if (!window.ok)
      return invalid(scheme, window.reason, window.message, { ...context, header: request.toleranceHeader });
  }

  const secrets = Array.isArray(input.secrets) ? input.secrets : [];
  if (secrets.length === 0) {
    return invalid(scheme, 'no_secret', 'no secret to verify the signature with', {
      ...context,
      received: request.received,
    });
  }

  const expected = secrets.map((secret) => expectedWith(secret));
  const secretIndex = matchSecret(expected, request.received);
  if (secretIndex === -1) {
    const n = secrets.length;
    return invalid(scheme, 'bad_signature', `signature does not match any of ${n} secret${n === 1 ? '' : 's'}`, {
      ...context,
      expected,
      received: request.received,
    });
  }
  return { valid: true, scheme, secretIndex, ...withoutUndefined(context) };
}

/** Results are stored and compared as JSON; absent fields stay absent rather than undefined. */
function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}
