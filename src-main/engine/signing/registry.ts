/** Every signing scheme by name, header-based detection for `auto` inboxes, and verifyAuto. */
import { validationError } from '../../api/errors';
import { SCHEME_NAMES, type SchemeName } from '../../api/schemas';
import { GITHUB_SIGNATURE_HEADER, githubScheme } from './github';
import { HMAC_SIGNATURE_HEADER, hmacSha256Scheme } from './hmacSha256';
import { noneScheme } from './none';
import { SHOPIFY_SIGNATURE_HEADER, shopifyScheme } from './shopify';
import { SLACK_SIGNATURE_HEADER, slackScheme } from './slack';
import { STANDARD_SIGNATURE_HEADER, standardScheme, SVIX_SIGNATURE_HEADER } from './standard';
import { STRIPE_SIGNATURE_HEADER, stripeScheme } from './stripe';
import type { HeaderMap, SigningScheme, VerifyInput, VerifyResult } from './types';
import { invalid } from './verdict';

/** Typed as a full Record so that a name added to SCHEME_NAMES without a module fails to compile. */
export const SCHEMES: Record<SchemeName, SigningScheme> = {
  standard: standardScheme,
  'hmac-sha256': hmacSha256Scheme,
  stripe: stripeScheme,
  github: githubScheme,
  slack: slackScheme,
  shopify: shopifyScheme,
  none: noneScheme,
};

/**
 * Detection order. Provider-specific headers are unambiguous, so their order matters only
 * when a request carries several; the generic X-Webhook-Signature goes last because other
 * senders reuse that name for their own formats.
 */
export const DETECT_ORDER = ['standard', 'stripe', 'github', 'slack', 'shopify', 'hmac-sha256'] as const satisfies readonly SchemeName[];

/** The signature headers each detectable scheme is recognised by (for messages). */
export const DETECT_HEADERS: Record<(typeof DETECT_ORDER)[number], readonly string[]> = {
  standard: [STANDARD_SIGNATURE_HEADER, SVIX_SIGNATURE_HEADER],
  stripe: [STRIPE_SIGNATURE_HEADER],
  github: [GITHUB_SIGNATURE_HEADER],
  slack: [SLACK_SIGNATURE_HEADER],
  shopify: [SHOPIFY_SIGNATURE_HEADER],
  'hmac-sha256': [HMAC_SIGNATURE_HEADER],
};

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
