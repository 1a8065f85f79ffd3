/**
 * Stripe's scheme: `Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>…]` over `{t}.{body}`, keyed
 * with the whole secret string, `whsec_` prefix included (Stripe does not decode it).
 * Several v1 entries carry a rotation; other entries (v0 in test mode) are ignored.
 */
import { SCHEME_DESCRIPTORS } from '../../api/schemes';
import { commaList, headerValues } from './headers';
import { hmacSha256 } from './hmac';
import { checkPlainSecret, randomSecret, requireSecrets } from './secrets';
import { parseUnixSeconds, requireUnixSeconds } from './tolerance';
import type { SigningScheme } from './types';
import { malformedHeader, missingHeader, settle } from './verification';

/** The header carries the timestamp too (`t=`), as the descriptor records. */
const {
  signatureHeaders: [SIGNATURE_HEADER],
} = SCHEME_DESCRIPTORS.stripe;

function hexSignature(secret: string, timestamp: number, body: Buffer): string {
  return hmacSha256(Buffer.from(secret, 'utf8'), [`${timestamp}.`, body]).toString('hex');
}

export const stripeScheme: SigningScheme = {
  name: 'stripe',

  sign({ timestamp, body, secrets }) {
    requireSecrets(secrets);
    requireUnixSeconds(timestamp);
    secrets.forEach(checkPlainSecret);
    const entries = secrets.map((secret) => `v1=${hexSignature(secret, timestamp, body)}`);
    return { [SIGNATURE_HEADER]: [`t=${timestamp}`, ...entries].join(',') };
  },

  verify(input) {
    const values = headerValues(input.headers, SIGNATURE_HEADER);
    if (values.length === 0) return missingHeader('stripe', SIGNATURE_HEADER);

    let rawTimestamp: string | undefined;
    const received: string[] = [];
    for (const item of commaList(values)) {
      const eq = item.indexOf('=');
      if (eq <= 0) continue;
      const key = item.slice(0, eq).trim();
      const value = item.slice(eq + 1).trim();
      if (key === 't' && rawTimestamp === undefined) rawTimestamp = value;
      else if (key === 'v1' && value !== '') received.push(`v1=${value}`);
    }
    if (rawTimestamp === undefined) return malformedHeader('stripe', SIGNATURE_HEADER, 'no t=<timestamp> in it');
    const timestamp = parseUnixSeconds(rawTimestamp);
    if (timestamp === undefined)
      return malformedHeader('stripe', SIGNATURE_HEADER, `t="${rawTimestamp}" is not unix seconds`);
    if (received.length === 0) return malformedHeader('stripe', SIGNATURE_HEADER, 'no v1=<signature> in it');

    return settle(
      'stripe',
      { header: SIGNATURE_HEADER, received, timestamp, toleranceHeader: SIGNATURE_HEADER },
      input,
      (secret) => `v1=${hexSignature(secret, timestamp, input.body)}`,
    );
  },

  detect(headers) {
    return headerValues(headers, SIGNATURE_HEADER).length > 0;
  },

  checkSecret: checkPlainSecret,

  /** Shaped like Stripe's own endpoint secrets so it looks familiar where it is pasted. */
  generateSecret() {
    return `whsec_${randomSecret()}`;
  },
};
