import { expect } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';

/** Runs `fn`, expects it to throw a HookbenchError, and returns it for field-by-field checks. */
export function thrownHookbenchError(fn: () => unknown): HookbenchError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HookbenchError);
    return e as HookbenchError;
  }
  throw new Error('expected a HookbenchError');
}

/** Awaits `fn`, expects it to reject with a HookbenchError, and returns it (fails the test if it resolved). */
export async function rejectedHookbenchError(fn: () => unknown): Promise<HookbenchError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HookbenchError);
    return e as HookbenchError;
  }
  throw new Error('expected the call to fail with a HookbenchError');
}
