/**
 * What is wrong with a secret for a scheme, in plain words, by the scheme table's `secretFormat`
 * — isomorphic, so the contract checks a pasted secret in the same pass as every other field
 * (the engine's schemes check again when they use it: engine/signing).
 */
import { schemeDescriptor, type SchemeName } from './schemes';

const WHSEC = 'whsec_';
const MAX_SECRET_LENGTH = 512;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Undefined when `secret` suits `scheme` (under `auto`, any plain secret); else why not, naming the field. */
export function secretProblem(scheme: SchemeName | 'auto', secret: string): string | undefined {
  const format = scheme === 'auto' ? 'text' : schemeDescriptor(scheme).secretFormat;
  if (format === 'unused') return undefined; // never read: kept for a later switch to a scheme that signs
  if (secret.length === 0) return 'the secret is empty';
  if (secret.length > MAX_SECRET_LENGTH)
    return `the secret is ${secret.length} characters; at most ${MAX_SECRET_LENGTH}`;
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(secret)) return 'the secret contains a line break or other control character';
  if (format !== 'whsec-base64') return undefined;
  const label = schemeDescriptor(scheme as SchemeName).label;
  if (!secret.startsWith(WHSEC)) return `a ${label} secret starts with ${WHSEC} (paste it whole)`;
  const encoded = secret.slice(WHSEC.length);
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0 || !canonicalPadding(encoded))
    return `the part of the secret after ${WHSEC} is not base64`;
  return undefined;
}

/** The bits a padded base64 text leaves unused are zero (what Buffer's round trip checks in the engine). */
function canonicalPadding(encoded: string): boolean {
  const pad = encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0;
  if (pad === 0) return true;
  const last = B64_ALPHABET.indexOf(encoded[encoded.length - pad - 1]!);
  return (last & (pad === 2 ? 0b1111 : 0b11)) === 0;
}
