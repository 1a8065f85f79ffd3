/**
 * Slack's scheme: `X-Slack-Signature: v0=<hex>` over `v0:{ts}:{body}`, with the timestamp in
 * `X-Slack-Request-Timestamp`. One signature per request, so only the newest secret signs;
 * verification tries every secret. The timestamp is signed, so its window is enforced.
 */
import { SCHEME_DESCRIPTORS } from '../../api/schemes';
import { headerValue, headerValues } from './headers';
import { hmacSha256 } from './hmac';
import { checkPlainSecret, randomSecret, requireSecrets } from './secrets';
import { parseUnixSeconds, requireUnixSeconds } from './tolerance';
import type { SigningScheme } from './types';
import { malformedHeader, missingHeader, settle } from './verification';

const {
  signatureHeaders: [SIGNATURE_HEADER],
  timestampHeaders: [TIMESTAMP_HEADER],
} = SCHEME_DESCRIPTORS.slack;

function signature(secret: string, timestamp: number, body: Buffer): string {
  return `v0=${hmacSha256(Buffer.from(secret, 'utf8'), [`v0:${timestamp}:`, body]).toString('hex')}`;
}

export const slackScheme: SigningScheme = {
  name: 'slack',

  sign({ timestamp, body, secrets }) {
    requireSecrets(secrets);
    requireUnixSeconds(timestamp);
    checkPlainSecret(secrets[0]!);
    return {
      [SIGNATURE_HEADER]: signature(secrets[0]!, timestamp, body),
      [TIMESTAMP_HEADER]: String(timestamp),
    };
  },

  verify(input) {
    const values = headerValues(input.headers, SIGNATURE_HEADER);
    if (values.length === 0) return missingHeader('slack', SIGNATURE_HEADER);
    const rawTimestamp = headerValue(input.headers, TIMESTAMP_HEADER);
    if (rawTimestamp === undefined) return missingHeader('slack', TIMESTAMP_HEADER);
    const timestamp = parseUnixSeconds(rawTimestamp);
    if (timestamp === undefined)
      return malformedHeader('slack', TIMESTAMP_HEADER, `"${rawTimestamp}" is not unix seconds`);
    const received = values.map((v) => v.trim()).filter((v) => /^v0=[0-9a-fA-F]+$/.test(v));
    if (received.length === 0) return malformedHeader('slack', SIGNATURE_HEADER, 'expected "v0=<hex>"');
    return settle(
      'slack',
      { header: SIGNATURE_HEADER, received, timestamp, toleranceHeader: TIMESTAMP_HEADER },
      input,
      (secret) => signature(secret, timestamp, input.body),
    );
  },

  detect(headers) {
    return headerValues(headers, SIGNATURE_HEADER).length > 0;
  },

  checkSecret: checkPlainSecret,
  generateSecret: randomSecret,
};
