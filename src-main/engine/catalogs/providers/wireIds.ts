/**
 * Ids a provider would mint for a delivery, derived from Hookbench's own ids so the same event
 * sent twice (a retry, a replay) carries the same provider ids, as the provider's retries do.
 */
import { createHash } from 'node:crypto';

function digest(seed: string, salt: string, round: number): Buffer {
  return createHash('sha256').update(`${salt}\0${round}\0${seed}`).digest();
}

/** `length` bytes derived from `seed` (per `salt`, so two ids from one seed differ). */
function derivedBytes(seed: string, salt: string, length: number): Buffer {
  const parts: Buffer[] = [];
  for (let round = 0; parts.length * 32 < length; round++) parts.push(digest(seed, salt, round));
  return Buffer.concat(parts).subarray(0, length);
}

/** A UUID in version-4 form (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`). */
export function derivedUuid(seed: string, salt: string): string {
  const b = Buffer.from(derivedBytes(seed, salt, 16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `length` characters of `alphabet` (at most 256 characters long). */
export function derivedText(seed: string, salt: string, length: number, alphabet: string): string {
  return [...derivedBytes(seed, salt, length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const UPPER_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A positive integer of `digits` digits (no leading zero), at most 15 digits. */
export function derivedNumber(seed: string, salt: string, digits: number): number {
  const first = derivedText(seed, `${salt}/first`, 1, '123456789');
  return Number(first + derivedText(seed, salt, digits - 1, '0123456789'));
}
