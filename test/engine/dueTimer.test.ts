import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DueTimer } from '../../src-main/engine/delivery/dueTimer';
import { EndpointSlots } from '../../src-main/engine/delivery/endpointSlots';

// DueTimer (dueTimer.ts): one timer for the earliest due time; `arm(t)` keeps the earlier of the
// armed time and t; it fires once, at the armed time (at once for a time past); `clear()` disarms;
// a wait past setTimeout's limit (2^31-1 ms) fires at the limit (the pump re-arms then).

const T0 = 1_700_000_000_000;
const MAX_TIMEOUT = 2 ** 31 - 1;

/** At `at` ms after T0: arm for T0 + `arm` (relative, may be negative), or clear. */
type Step = { at: number; arm: number } | { at: number; clear: true };
const cases: [string, Step[], number, number[]][] = [
  // name, steps, how long to run (ms), when it fired (ms after T0)
  ['fires once at the armed time', [{ at: 0, arm: 1000 }], 5000, [1000]],
  ['a time already past fires at once', [{ at: 0, arm: -500 }], 1000, [0]],
  [
    'a later time does not move it',
    [
      { at: 0, arm: 1000 },
      { at: 10, arm: 3000 },
    ],
    5000,
    [1000],
  ],
  [
    'the same time again does not move it',
    [
      { at: 0, arm: 1000 },
      { at: 500, arm: 1000 },
    ],
    5000,
    [1000],
  ],
  [
    'an earlier time moves it forward, once',
    [
      { at: 0, arm: 3000 },
      { at: 10, arm: 1000 },
    ],
    5000,
    [1000],
  ],
  [
    'clear disarms',
    [
      { at: 0, arm: 1000 },
      { at: 500, clear: true },
    ],
    5000,
    [],
  ],
  [
    'armed again after a clear, for a later time',
    [
      { at: 0, arm: 1000 },
      { at: 500, clear: true },
      { at: 600, arm: 2000 },
    ],
    5000,
    [2000],
  ],
  [
    'armed again after it fired, for a later time',
    [
      { at: 0, arm: 1000 },
      { at: 1500, arm: 2500 },
    ],
    5000,
    [1000, 2500],
  ],
  [
    'a time armed from within a later step, before the armed one',
    [
      { at: 0, arm: 4000 },
      { at: 2000, arm: 3000 },
    ],
    5000,
    [3000],
  ],
  [
    'a wait past the setTimeout limit fires at the limit',
    [{ at: 0, arm: 2 * MAX_TIMEOUT }],
    MAX_TIMEOUT + 10,
    [MAX_TIMEOUT],
  ],
];

describe('DueTimer: one timer for the earliest due time', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(cases)('%s', (_name, steps, runMs, firedAt) => {
    const fired: number[] = [];
    const timer = new DueTimer(() => fired.push(Date.now() - T0));
    for (const step of steps) {
      vi.advanceTimersByTime(step.at - (Date.now() - T0));
      if ('clear' in step) timer.clear();
      else timer.arm(T0 + step.arm);
    }
    vi.advanceTimersByTime(runMs - (Date.now() - T0));
    expect(fired).toEqual(firedAt);
    timer.clear();
    expect(vi.getTimerCount()).toBe(0);
  });
});

// EndpointSlots (endpointSlots.ts): at most `perEndpoint` in flight per origin and `overall` in
// all; `freeFor` says how many more an origin may start now; a forced slot (a manual operation)
// may go past the bounds; a release frees one.

type Op = ['take' | 'release', string];
const A = 'https://a.test';
const B = 'https://b.test';
const slotCases: [string, Op[], { freeA: number; freeB: number; full: boolean }][] = [
  // name, operations (per endpoint 2, overall 3), then what is free
  ['all free at first', [], { freeA: 2, freeB: 2, full: false }],
  ['one taken at A', [['take', A]], { freeA: 1, freeB: 2, full: false }],
  [
    'A at its bound',
    [
      ['take', A],
      ['take', A],
    ],
    { freeA: 0, freeB: 1, full: false },
  ],
  [
    'the overall bound limits B',
    [
      ['take', A],
      ['take', A],
      ['take', B],
    ],
    { freeA: 0, freeB: 0, full: true },
  ],
  [
    'a release frees a slot of its endpoint and overall',
    [
      ['take', A],
      ['take', A],
      ['take', B],
      ['release', A],
    ],
    { freeA: 1, freeB: 1, full: false },
  ],
  [
    'a forced slot goes past the endpoint bound',
    [
      ['take', A],
      ['take', A],
      ['take', A],
    ],
    { freeA: 0, freeB: 0, full: true },
  ],
  [
    'past the bound, one release is not enough',
    [
      ['take', A],
      ['take', A],
      ['take', A],
      ['release', A],
    ],
    { freeA: 0, freeB: 1, full: false },
  ],
  [
    'past the overall bound',
    [
      ['take', A],
      ['take', B],
      ['take', B],
      ['take', A],
      ['release', B],
    ],
    { freeA: 0, freeB: 0, full: true },
  ],
  ['a release with nothing taken frees nothing more', [['release', A]], { freeA: 2, freeB: 2, full: false }],
  [
    'all released: all free',
    [
      ['take', A],
      ['take', B],
      ['release', B],
      ['release', A],
    ],
    { freeA: 2, freeB: 2, full: false },
  ],
];

describe('EndpointSlots: bounded concurrency per endpoint and overall', () => {
  it.each(slotCases)('%s', (_name, ops, expected) => {
    const slots = new EndpointSlots(2, 3);
    for (const [op, origin] of ops) {
      if (op === 'take') slots.force(origin);
      else slots.release(origin);
    }
    expect({ freeA: slots.freeFor(A), freeB: slots.freeFor(B), full: slots.full }).toEqual(expected);
  });
});
