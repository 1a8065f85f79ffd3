/**
 * Where each scheme carries what it signs, for explaining a broken signature: the signature
 * header, the message-id header and the timestamp, read (lower-cased) from the scheme table.
 */
import { SCHEME_NAMES, schemeDescriptor, type SchemeName } from '../../api/schemes';

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

export const SCHEME_HEADERS = Object.fromEntries(
  SCHEME_NAMES.map((name) => {
    const d = schemeDescriptor(name);
    const facts: SchemeHeaders = {
      signature: lower(d.signatureHeaders),
      id: lower(d.idHeaders),
      idSigned: d.idSigned,
      timestamp: lower(d.timestampHeaders),
      timestampSigned: d.timestampSigned,
    };
    return [name, facts];
  }),
) as Record<SchemeName, SchemeHeaders>;

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
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => !s.startsWith('t='))
    .join(',');
}
