/**
 * GitHub's scheme: `X-Hub-Signature-256: sha256=<hex>` over the raw body. The header holds
 * one signature, so only the newest secret signs; verification still tries every secret,
 * which is what a receiver rotating its GitHub secret needs. No timestamp is signed.
 */
import { SCHEME_DESCRIPTORS } from '../../api/schemes';
import { headerValue, headerValues } from './headers';
import { hmacSha256 } from './hmac';
import { checkPlainSecret, randomSecret, requireSecrets } from './secrets';
import type { SigningScheme } from './types';
import { malformedHeader, missingHeader, settle } from './verification';

const {
  signatureHeaders: [SIGNATURE_HEADER],
  idHeaders: [ID_HEADER],
  eventHeader: EVENT_HEADER,
} = SCHEME_DESCRIPTORS.github;

function signature(secret: string, body: Buffer): string {
  return `sha256=${hmacSha256(Buffer.from(secret, 'utf8'), [body]).toString('hex')}`;
}

export const githubScheme: SigningScheme = {
  name: 'github',

  sign({ id, eventType, body, secrets }) {
    requireSecrets(secrets);
    checkPlainSecret(secrets[0]!);
    return {
      [SIGNATURE_HEADER]: signature(secrets[0]!, body),
      [EVENT_HEADER]: eventType,
      [ID_HEADER]: id,
    };
  },

  verify(input) {
    const values = headerValues(input.headers, SIGNATURE_HEADER);
    if (values.length === 0) return missingHeader('github', SIGNATURE_HEADER);
    const received = values.map((v) => v.trim()).filter((v) => /^sha256=[0-9a-fA-F]+$/.test(v));
    if (received.length === 0) return malformedHeader('github', SIGNATURE_HEADER, 'expected "sha256=<hex>"');
    return settle(
      'github',
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
