/**
 * Shopify's scheme: `X-Shopify-Hmac-Sha256: <base64>` over the raw body, with the topic and
 * webhook id in their own headers. One signature, so only the newest secret signs;
 * verification tries every secret. No timestamp is signed; `X-Shopify-Triggered-At` is sent
 * for information only, as Shopify does.
 */
import { headerValue, headerValues } from './headers';
import { hmacSha256 } from './hmac';
import { checkPlainSecret, randomSecret, requireSecrets } from './secrets';
import { requireUnixSeconds } from './tolerance';
import type { SigningScheme } from './types';
import { malformedHeader, missingHeader, settle } from './verdict';

export const SHOPIFY_SIGNATURE_HEADER = 'X-Shopify-Hmac-Sha256';
const TOPIC_HEADER = 'X-Shopify-Topic';
const ID_HEADER = 'X-Shopify-Webhook-Id';
const TRIGGERED_AT_HEADER = 'X-Shopify-Triggered-At';

function signature(secret: string, body: Buffer): string {
  return hmacSha256(Buffer.from(secret, 'utf8'), [body]).toString('base64');
}

export const shopifyScheme: SigningScheme = {
  name: 'shopify',
  multipleSignatures: false,

  sign({ id, timestamp, eventType, body, secrets }) {
    requireSecrets(secrets);
    requireUnixSeconds(timestamp);
    checkPlainSecret(secrets[0]!);
    return {
      [SHOPIFY_SIGNATURE_HEADER]: signature(secrets[0]!, body),
      [TOPIC_HEADER]: eventType,
      [ID_HEADER]: id,
      [TRIGGERED_AT_HEADER]: new Date(timestamp * 1000).toISOString(),
    };
  },

  verify(input) {
    const values = headerValues(input.headers, SHOPIFY_SIGNATURE_HEADER);
    if (values.length === 0) return missingHeader('shopify', SHOPIFY_SIGNATURE_HEADER);
    const received = values.map((v) => v.trim()).filter((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v));
    if (received.length === 0) return malformedHeader('shopify', SHOPIFY_SIGNATURE_HEADER, 'expected a base64 signature');
    return settle(
      'shopify',
      { header: SHOPIFY_SIGNATURE_HEADER, received, id: headerValue(input.headers, ID_HEADER) || undefined },
      input,
      (secret) => signature(secret, input.body),
    );
  },

  detect(headers) {
    return headerValues(headers, SHOPIFY_SIGNATURE_HEADER).length > 0;
  },

  checkSecret: checkPlainSecret,
  generateSecret: randomSecret,
};
