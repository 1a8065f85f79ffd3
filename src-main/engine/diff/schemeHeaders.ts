/**
 * Where each scheme carries what it signs, for explaining a broken signature: the signature
 * header (from the registry's detection table), the message-id header and the timestamp.
 * A Record, so a scheme added to SCHEME_NAMES without an entry here fails to compile.
 */
import type { SchemeName } from '../../api/schemas';
import { DETECT_HEADERS } from '../signing/registry';

export interface SchemeHeaders {
  /** Signature headers, lower case (any one of them). */
  signature: readonly string[];
  /** Message-id headers, lower case; empty when the scheme has none (Stripe: the body's `id`). */
  id: readonly string[];
  /** Whether the signature covers the id. */
  idSigned: boolean;
  /** Timestamp headers, lower case; for Stripe the `t=` inside Stripe-Signature (see {@link timestampOf}). */
  timestamp: readonly string[];
  /** Whether the signature covers the timestamp (its window is then enforced). */
  timestampSigned: boolean;
}

const lower = (names: readonly string[]) => names.map((n) => n.toLowerCase());

export const SCHEME_HEADERS: Record<SchemeName, SchemeHeaders> = {
  standard: { signature: lower(DETECT_HEADERS.standard), id: ['webhook-id', 'svix-id'], idSigned: true, timestamp: ['webhook-timestamp', 'svix-timestamp'], timestampSigned: true },
  stripe: { signature: lower(DETECT_HEADERS.stripe), id: [], idSigned: false, timestamp: lower(DETECT_HEADERS.stripe), timestampSigned: true },
  github: { signature: lower(DETECT_HEADERS.github), id: ['x-github-delivery'], idSigned: false, timestamp: [], timestampSigned: false },
  slack: { signature: lower(DETECT_HEADERS.slack), id: [], idSigned: false, timestamp: ['x-slack-request-timestamp'], timestampSigned: true },
  shopify: { signature: lower(DETECT_HEADERS.shopify), id: ['x-shopify-webhook-id'], idSigned: false, timestamp: ['x-shopify-triggered-at'], timestampSigned: false },
  'hmac-sha256': { signature: lower(DETECT_HEADERS['hmac-sha256']), id: ['x-webhook-delivery'], idSigned: false, timestamp: ['x-webhook-timestamp'], timestampSigned: false },
  none: { signature: [], id: [], idSigned: false, timestamp: [], timestampSigned: false },
};

type Pairs = readonly [string, string][];

/** The first value of any of `names` (lower case) in raw header pairs. */
export function firstValue(headers: Pairs, names: readonly string[]): string | undefined {
  for (const [name, value] of headers) if (names.includes(name.toLowerCase())) return value.trim();
  return undefined;
}

/** The timestamp a scheme reads (Stripe's from `t=` in its signature header). */
export function timestampOf(scheme: SchemeName, headers: Pairs): string | undefined {
  const raw = firstValue(headers, SCHEME_HEADERS[scheme].timestamp);
  if (raw === undefined || scheme !== 'stripe') return raw;
  return /(?:^|,)\s*t=([^,]*)/.exec(raw)?.[1]?.trim();
}

/** The signatures a scheme reads (Stripe's without its `t=` part). */
export function signatureOf(scheme: SchemeName, headers: Pairs): string | undefined {
  const raw = firstValue(headers, SCHEME_HEADERS[scheme].signature);
  if (raw === undefined || scheme !== 'stripe') return raw;
  return raw.split(',').map((s) => s.trim()).filter((s) => !s.startsWith('t=')).join(',');
}
