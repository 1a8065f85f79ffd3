/** Every signing scheme by name, header-based detection for `auto` inboxes, and verifyAuto. */
import { validationError } from '../../api/errors';
import { DETECT_ORDER, SCHEME_NAMES, schemeDescriptor, type SchemeName } from '../../api/schemes';
import { githubScheme } from './github';
import { hmacSha256Scheme } from './hmacSha256';
import { noneScheme } from './none';
import { shopifyScheme } from './shopify';
import { slackScheme } from './slack';
import { standardScheme } from './standard';
import { stripeScheme } from './stripe';
import type { HeaderMap, SigningScheme, VerifyInput, VerifyResult } from './types';
import { invalid } from './verification';

/**
 * The module of each scheme in the descriptor table. Typed as a full Record, so a table entry
 * without a module fails to compile; this line is the one place a module is wired in.
 */
export const SCHEMES: Record<SchemeName, SigningScheme> = {
  standard: standardScheme,
  'hmac-sha256': hmacSha256Scheme,
  stripe: stripeScheme,
  github: githubScheme,
  slack: slackScheme,
  shopify: shopifyScheme,
  none: noneScheme,
};

/** Detection order, from the table: distinctive signature headers first, reused names last. */
export { DETECT_ORDER };

/** The signature headers each scheme is recognised by (for messages); empty for `none`. */
export const DETECT_HEADERS = Object.fromEntries(
  SCHEME_NAMES.map((n) => [n, schemeDescriptor(n).signatureHeaders]),
) as Record<SchemeName, readonly string[]>;

/** The scheme by name; an unknown name (from the CLI or an old row) is a `scheme` field error. */
export function getScheme(name: string): SigningScheme {
  if (!(SCHEME_NAMES as readonly string[]).includes(name)) {
    throw validationError('scheme', `unknown signing scheme "${name}"; use one of ${SCHEME_NAMES.join(', ')}`);
  }
  return SCHEMES[name as SchemeName];
}

export function detectScheme(headers: HeaderMap): SchemeName | undefined {
  return DETECT_ORDER.find((name) => SCHEMES[name].detect(headers));
}

/**
 * Verify with whichever scheme the headers show. With no recognisable signature header the
 * result is `missing_header` under scheme `none` (nothing was detected), listing the headers
 * looked for so the person can see what their sender should have sent.
 */
export function verifyAuto(input: VerifyInput): VerifyResult {
  const name = detectScheme(input.headers);
  if (name !== undefined) return SCHEMES[name].verify(input);
  const lookedFor = DETECT_ORDER.flatMap((n) => DETECT_HEADERS[n]);
  return invalid('none', 'missing_header', `no signature header found; looked for ${lookedFor.join(', ')}`);
}
