import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * Time-sortable ids: `<prefix>_<10 chars of ms time><16 random chars>`. Sorting ids sorts by
 * creation time, which keeps cursor paging stable and cheap.
 */
/**
 * Randomness is drawn from a pooled buffer (one system call per 409 ids, not one per id),
 * refilled from the CSPRNG when used up; bytes are never reused.
 */
const POOL_BYTES = 4096;
const RAND_BYTES = 10;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

function takeRandom(): number {
  if (poolOffset + RAND_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += RAND_BYTES;
  return at;
}

export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const at = takeRandom();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[(pool[at + (i % RAND_BYTES)]! >> (i < RAND_BYTES ? 3 : 0)) & 31];
  return `${prefix}_${time}${tail}`;
}
