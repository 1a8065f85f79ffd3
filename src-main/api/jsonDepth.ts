/**
 * A nesting limit for client input. JSON.parse is iterative, but JSON.stringify, zod and the
 * engine's own walks recurse: a payload nested thousands of levels deep would overflow the stack
 * deep inside an operation (a 500). Every face checks its input here first, without recursion.
 * Isomorphic.
 */
import { HookbenchError } from './errors';

/** Far deeper than any real webhook payload, far below what overflows the stack. */
export const MAX_INPUT_DEPTH = 128;

/**
 * The dotted path of the first value nested deeper than `limit` (objects and arrays count one
 * level each; the input itself is level 1), or null. Iterative; a value reached again no deeper
 * than before is not walked again, so shared references (possible over IPC's structured clone)
 * cost little, and a cycle simply runs past the limit.
 */
export function tooDeepAt(value: unknown, limit = MAX_INPUT_DEPTH): string | null {
  if (value === null || typeof value !== 'object') return null;
  const deepestSeen = new Map<object, number>();
  const stack: { node: object; depth: number; path: string }[] = [{ node: value, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (depth > limit) return path;
    const seen = deepestSeen.get(node);
    if (seen !== undefined && seen >= depth) continue;
    deepestSeen.set(node, depth);
    for (const [key, child] of Object.entries(node)) {
      if (child !== null && typeof child === 'object')
        stack.push({ node: child, depth: depth + 1, path: path === '' ? key : `${path}.${key}` });
    }
  }
  return null;
}

/** Throws a `validation` error naming the top-level field (or `fallbackField`) when `value` is nested too deep. */
export function assertInputDepth(value: unknown, fallbackField = 'input', limit = MAX_INPUT_DEPTH): void {
  const at = tooDeepAt(value, limit);
  if (at === null) return;
  const field = at.split('.')[0] || fallbackField;
  throw new HookbenchError('validation', `${field} is nested more than ${limit} levels deep`, field);
}
