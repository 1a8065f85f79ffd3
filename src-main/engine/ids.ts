import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * Time-sortable ids: `<prefix>_<10 chars of ms time><16 random chars>`. Sorting ids sorts by
 * creation time, which keeps cursor paging stable and cheap.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rand = randomBytes(10);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[rand[i % 10]! >> (i < 10 ? 3 : 0) & 31];
  return `${prefix}_${time}${tail}`;
}
