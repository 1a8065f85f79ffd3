/** HMAC-SHA256 and the constant-time comparison every scheme verifies with. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 over the parts in order. The body is fed as the Buffer it is, never
 * converted to a string, so binary bodies are signed byte for byte.
 */
export function hmacSha256(key: Buffer | string, parts: (string | Buffer)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Constant-time string equality. timingSafeEqual needs equal lengths; a length mismatch
 * only reveals the length of a signature, which is public (fixed by the scheme).
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

/**
 * Index of the first secret whose expected signature equals any received one, or -1.
 * Every pair is compared (no early exit) so the time taken does not reveal which secret
 * or which received signature matched.
 */
export function matchSecret(expected: string[], received: string[]): number {
  let match = -1;
  for (let i = 0; i < expected.length; i++) {
    for (const sig of received) {
      if (safeEqual(expected[i]!, sig) && match === -1) match = i;
    }
  }
  return match;
}
