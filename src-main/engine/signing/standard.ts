/**
 * Standard Webhooks v1 (https://www.standardwebhooks.com), the default scheme; also what
 * Svix sends. Signs `{id}.{timestamp}.{body}` with the base64-decoded part of a `whsec_`
 * secret; `webhook-signature` is a space-separated list of `v1,<base64>` so that several
 * secrets can sign during a rotation.
 */
import { randomBytes } from 'node:crypto';
import { SCHEME_DESCRIPTORS } from '../../api/schemes';
import { headerValue, headerValues } from './headers';
import { hmacSha256 } from './hmac';
import { checkSecretFor, requireSecrets } from './secrets';
import { parseUnixSeconds, requireUnixSeconds } from './tolerance';
import type { HeaderMap, SigningScheme } from './types';
import { malformedHeader, missingHeader, settle } from './verification';

const {
  signatureHeaders: [SIGNATURE_HEADER, SVIX_SIGNATURE_HEADER],
  idHeaders: [ID_HEADER, SVIX_ID_HEADER],
  timestampHeaders: [TIMESTAMP_HEADER, SVIX_TIMESTAMP_HEADER],
} = SCHEME_DESCRIPTORS.standard;
const SECRET_PREFIX = 'whsec_';

/**
 * Svix-branded senders (Clerk, Resend, …) send the same scheme under `svix-*` names. The
 * receiver accepts them so those integrations verify; we only ever send `webhook-*`.
 */
const SVIX_ALIASES: Record<string, string> = {
  [SIGNATURE_HEADER]: SVIX_SIGNATURE_HEADER,
  [ID_HEADER]: SVIX_ID_HEADER,
  [TIMESTAMP_HEADER]: SVIX_TIMESTAMP_HEADER,
};

/** The header name actually present: the standard one, else its svix alias, else the standard one. */
function present(headers: HeaderMap, name: string): string {
  if (headerValues(headers, name).length > 0) return name;
  const alias = SVIX_ALIASES[name]!;
  return headerValues(headers, alias).length > 0 ? alias : name;
}

/**
 * Key bytes for verification. Lenient on purpose (prefix optional, like the reference
 * library): a receiver should check whatever secret was pasted, and a secret that decodes
 * to nothing simply never matches.
 */
function verifyKey(secret: string): Buffer {
  const body = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(body, 'base64');
}

/** Checked and decoded signing keys by secret: a webhook signs every delivery with the same one. */
const signingKeys = new Map<string, Buffer>();
const SIGNING_KEYS_KEPT = 256;

/** The key to sign with: the secret checked (strictly) and decoded, once per secret. */
function signingKey(secret: string): Buffer {
  let key = signingKeys.get(secret);
  if (key) return key;
  checkSecret(secret);
  key = verifyKey(secret);
  if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.delete(signingKeys.keys().next().value!);
  signingKeys.set(secret, key);
  return key;
}

function signature(key: Buffer, id: string, timestamp: number, body: Buffer): string {
  return `v1,${hmacSha256(key, [`${id}.${timestamp}.`, body]).toString('base64')}`;
}

/** `whsec_` + strict, canonical base64 (other libraries would derive another key from anything looser). */
const checkSecret = (secret: string): void => checkSecretFor('standard', secret);

export const standardScheme: SigningScheme = {
  name: 'standard',

  sign({ id, timestamp, body, secrets }) {
    requireSecrets(secrets);
    requireUnixSeconds(timestamp);
    const signatures = secrets.map((secret) => signature(signingKey(secret), id, timestamp, body));
    return {
      [ID_HEADER]: id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signatures.join(' '),
    };
  },

  verify(input) {
    const { headers, body } = input;
    const sigHeader = present(headers, SIGNATURE_HEADER);
    const idHeader = present(headers, ID_HEADER);
    const tsHeader = present(headers, TIMESTAMP_HEADER);

    const sigValues = headerValues(headers, sigHeader);
    if (sigValues.length === 0) return missingHeader('standard', sigHeader);
    const id = headerValue(headers, idHeader);
    if (id === undefined) return missingHeader('standard', idHeader);
    if (id === '') return malformedHeader('standard', idHeader, 'the id is empty');
    const rawTimestamp = headerValue(headers, tsHeader);
    if (rawTimestamp === undefined) return missingHeader('standard', tsHeader);
    const timestamp = parseUnixSeconds(rawTimestamp);
    if (timestamp === undefined) return malformedHeader('standard', tsHeader, `"${rawTimestamp}" is not unix seconds`);

    // Entries of other versions (v1a = asymmetric, future ones) are skipped as the spec says.
    // A trailing comma is dropped because Node joins a repeated header with ", ".
    const received = sigValues
      .flatMap((v) => v.split(/\s+/))
      .map((entry) => entry.replace(/,$/, ''))
      .filter((entry) => entry.startsWith('v1,') && entry.length > 3);
    if (received.length === 0) return malformedHeader('standard', sigHeader, 'no "v1,<base64>" signature in it');

    return settle(
      'standard',
      { header: sigHeader, received, id, timestamp, toleranceHeader: tsHeader },
      input,
      (secret) => signature(verifyKey(secret), id, timestamp, body),
    );
  },

  detect(headers) {
    return (
      headerValues(headers, SIGNATURE_HEADER).length > 0 || headerValues(headers, SVIX_SIGNATURE_HEADER).length > 0
    );
  },

  checkSecret,

  generateSecret() {
    return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
  },
};
