/**
 * Plain HMAC-SHA256 of the raw body, hex, for receivers that verify with a few lines of
 * code. `X-Webhook-Signature` is a comma-separated list of `sha256=<hex>` so several secrets
 * can sign during a rotation.
 *
 * The timestamp header is informational: the signature does not cover it, so it is reported
 * (timestamp, skewSec) but no tolerance is enforced — anyone replaying a request could
 * rewrite it, and rejecting on it would only produce false alarms.
 */
import { SCHEME_DESCRIPTORS } from '../../api/schemes';
import { commaList, headerValue, headerValues } from './headers';
import { hmacSha256 } from './hmac';
import { checkPlainSecret, randomSecret, requireSecrets } from './secrets';
import { parseUnixSeconds, requireUnixSeconds } from './tolerance';
import type { SigningScheme } from './types';
import { malformedHeader, missingHeader, settle } from './verification';

const {
  signatureHeaders: [SIGNATURE_HEADER],
  idHeaders: [ID_HEADER],
  timestampHeaders: [TIMESTAMP_HEADER],
  eventHeader: EVENT_HEADER,
} = SCHEME_DESCRIPTORS['hmac-sha256'];

function signature(secret: string, body: Buffer): string {
  return `sha256=${hmacSha256(Buffer.from(secret, 'utf8'), [body]).toString('hex')}`;
}

export const hmacSha256Scheme: SigningScheme = {
  name: 'hmac-sha256',

  sign({ id, timestamp, eventType, body, secrets }) {
    requireSecrets(secrets);
    requireUnixSeconds(timestamp);
    secrets.forEach(checkPlainSecret);
    return {
      [SIGNATURE_HEADER]: secrets.map((secret) => signature(secret, body)).join(','),
      [EVENT_HEADER]: eventType,
      [ID_HEADER]: id,
      [TIMESTAMP_HEADER]: String(timestamp),
    };
  },

  verify(input) {
    const values = headerValues(input.headers, SIGNATURE_HEADER);
    if (values.length === 0) return missingHeader('hmac-sha256', SIGNATURE_HEADER);
    const received = commaList(values).filter((item) => /^sha256=[0-9a-fA-F]+$/.test(item));
    if (received.length === 0)
      return malformedHeader('hmac-sha256', SIGNATURE_HEADER, 'no "sha256=<hex>" signature in it');
    return settle(
      'hmac-sha256',
      {
        header: SIGNATURE_HEADER,
        received,
        id: headerValue(input.headers, ID_HEADER) || undefined,
        timestamp: parseUnixSeconds(headerValue(input.headers, TIMESTAMP_HEADER)),
      },
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
