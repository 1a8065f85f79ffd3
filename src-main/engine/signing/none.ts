/** No signature: nothing is sent and every request counts as valid (secretIndex -1). */
import { randomSecret } from './secrets';
import type { SigningScheme } from './types';

export const noneScheme: SigningScheme = {
  name: 'none',
  sign() {
    return {};
  },
  verify() {
    return { valid: true, scheme: 'none', secretIndex: -1 };
  },
  /** Never claims a request: `auto` falls back to reporting what it looked for instead. */
  detect() {
    return false;
  },
  /** The secret is never used, so any value is acceptable. */
  checkSecret() {},
  /**
   * Still a real random secret, so a webhook keeps a usable one if its scheme is later
   * switched to a plain-secret scheme.
   */
  generateSecret: randomSecret,
};
