/** Secret generation and checks shared by the schemes whose secret is a plain string. */
import { randomBytes } from 'node:crypto';
import { validationError } from '../../api/errors';

export const MAX_SECRET_LENGTH = 512;

/** 32 random bytes as base64url: 43 characters, safe in headers, env files and shells. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A plain secret is used as its UTF-8 bytes: any printable text up to 512 characters. */
export function checkPlainSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) throw validationError('secret', 'secret must not be empty');
  if (secret.length > MAX_SECRET_LENGTH) {
    throw validationError('secret', `secret must be at most ${MAX_SECRET_LENGTH} characters, got ${secret.length}`);
  }
  // A pasted secret with a trailing newline or tab would sign differently from what the
  // person believes they configured; refuse it rather than fail every delivery later.
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(secret))
    throw validationError('secret', 'secret must not contain control characters');
}

/** Sign needs at least one secret for every scheme that signs. */
export function requireSecrets(secrets: string[]): void {
  if (!Array.isArray(secrets) || secrets.length === 0) throw validationError('secret', 'no secret to sign with');
}
