/**
 * Shopify's scheme: `X-Shopify-Hmac-Sha256: <base64>` over the raw body, with the topic and
 * webhook id in their own headers. One signature, so only the newest secret signs;
 * verification tries every secret. No timestamp is signed; `X-Shopify-Triggered-At` is sent
 * for information only, as Shopify does.
 */
import { SCHEME_DESCRIPTORS } from '../../api/schemes';
import { headerValue, headerValues } from './headers';
import { hmacSha256 } from './hmac';
import { checkPlainSecret, randomSecret, requireSecrets } from './secrets';
import { requireUnixSeconds } from './tolerance';
import type { SigningScheme } from './types';
import { malformedHeader, missingHeader, settle } from './verification';

const {
  signatureHeaders: [SIGNATURE_HEADER],
  idHeaders: [ID_HEADER],
  timestampHeaders: [TRIGGERED_AT_HEADER],
  eventHeader: TOPIC_HEADER,
} = SCHEME_DESCRIPTORS.shopify;

function signature(secret: string, body: Buffer): string {
  return hmacSha256(Buffer.from(secret, 'utf8'), [body]).toString('base64');
}

export const shopifyScheme: SigningScheme = {
  name: 'shopify',

  sign({ id, timestamp, eventType, body, secrets }) {
    requireSecrets(secrets);
    requireUnixSeconds(timestamp);
    checkPlainSecret(secrets[0]!);
    return {
      [SIGNATURE_HEADER]: signature(secrets[0]!, body),
      [TOPIC_HEADER]: eventType,
      [ID_HEADER]: id,
      [TRIGGERED_AT_HEADER]: new Date(timestamp * 1000).toISOString(),
    };
  },

  verify(input) {
    const values = headerValues(input.headers, SIGNATURE_HEADER);
    if (values.length === 0) return missingHeader('shopify', SIGNATURE_HEADER);
    const received = values.map((v) => v.trim()).filter((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v));
    if (received.length === 0) return malformedHeader('shopify', SIGNATURE_HEADER, 'expected a base64 signature');
    return settle(
      'shopify',
      { header: SIGNATURE_HEADER, received, id: headerValue(input.headers, ID_HEADER) || undefined },
      input,
      (secret) => signature(secret, input.body),
    );
  },

  detect(headers) {
    return headerValues(headers, SIGNATURE_HEADER).length > 0;
  },

  checkSecret: checkPlainSecret,
  generateSecret: randomSecret,
};
