import { describe, expect, it } from 'vitest';
import { assertInputDepth, MAX_INPUT_DEPTH, tooDeepAt } from '../../src-main/api/jsonDepth';

/** An object nested `levels` deep (the outermost is level 1) under the key `key`. */
function nested(levels: number, key = 'a'): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { [key]: v };
  return v;
}

describe('input nesting limit', () => {
  it(`accepts ${MAX_INPUT_DEPTH} levels and refuses ${MAX_INPUT_DEPTH + 1}`, () => {
    expect(tooDeepAt(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(tooDeepAt(nested(MAX_INPUT_DEPTH + 1))).toMatch(/^a(\.a)+$/);
    expect(tooDeepAt({ data: [[[[1]]]] }, 5)).toBeNull();
    expect(tooDeepAt({ data: [[[[[1]]]]] }, 5)).toBe('data.0.0.0.0');
  });

  it('ignores scalars and walks 100,000 levels without recursion', () => {
    for (const v of [null, 1, 'x', true, undefined]) expect(tooDeepAt(v)).toBeNull();
    expect(() => assertInputDepth({ data: nested(100_000) })).toThrow(
      expect.objectContaining({ code: 'validation', field: 'data' }),
    );
  });

  it('names the top-level field, or the fallback when the input itself is too deep', () => {
    expect(() => assertInputDepth({ ok: 1, sample: nested(200) })).toThrow(
      expect.objectContaining({
        field: 'sample',
        message: `sample is nested more than ${MAX_INPUT_DEPTH} levels deep`,
      }),
    );
    expect(() => assertInputDepth(nested(2), 'body', 1)).toThrow(expect.objectContaining({ field: 'a' }));
    expect(() => assertInputDepth([[1]], 'body', 1)).toThrow(expect.objectContaining({ field: '0' }));
  });

  it('treats a cycle as too deep, and walks shared references once per depth (no blow-up)', () => {
    const cycle: Record<string, unknown> = { x: 1 };
    cycle.self = cycle;
    expect(tooDeepAt({ data: cycle })).not.toBeNull();
    // 60 levels of [x, x]: 2^60 paths through shared nodes, but only 60 distinct nodes.
    let shared: unknown = 1;
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    const started = Date.now();
    expect(tooDeepAt({ data: shared })).toBeNull();
    expect(tooDeepAt({ data: shared }, 30)).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
