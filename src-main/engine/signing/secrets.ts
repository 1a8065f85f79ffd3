/** Secret generation, and the secret checks every scheme makes (the contract's rules, once). */
import { randomBytes } from 'node:crypto';
import { validationError } from '../../api/errors';
import { secretProblem } from '../../api/secretFormat';
import type { SchemeName } from '../../api/schemes';

/** 32 random bytes as base64url: 43 characters, safe in headers, env files and shells. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Throws a validation error on `secret` when it does not suit the scheme, in the words the
 * contract uses when the secret arrives (api/secretFormat.ts): one rule for the form, REST, the
 * CLI and the signer.
 */
export function checkSecretFor(scheme: SchemeName | 'auto', secret: string): void {
  if (typeof secret !== 'string') throw validationError('secret', 'the secret must be text');
  const problem = secretProblem(scheme, secret);
  if (problem) throw validationError('secret', problem);
}

/** A plain secret is used as its UTF-8 bytes: any printable text up to 512 characters. */
export const checkPlainSecret = (secret: string): void => checkSecretFor('auto', secret);

/** Sign needs at least one secret for every scheme that signs. */
export function requireSecrets(secrets: string[]): void {
  if (!Array.isArray(secrets) || secrets.length === 0) throw validationError('secret', 'no secret to sign with');
}
