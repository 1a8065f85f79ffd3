import { describe, expect, it } from 'vitest';
import type { DeliveryStatus, RetryPolicy } from '../../src-main/api/schemas';
import type { AttemptTrigger } from '../../src-main/api/types';
import type { AttemptOutcome } from '../../src-main/engine/delivery/dispatcher';
import { nextState, type NextState } from '../../src-main/engine/delivery/nextState';

// The lifecycle as the README states it (Delivery, Retries, Manual): 2xx = success; 410 Gone
// ends the delivery for good; a cancel made while an attempt was in flight stands unless it
// succeeded; a test gets no retries; "retry now" on a failed delivery is one more attempt; a
// scheduled failure waits for the policy's next delay, `Retry-After` honoured within
// [scheduled, 2 × scheduled], until the policy's attempts are spent.

const NOW = 1_700_000_000_000;
const S = 1000;
/** exponential: 60 s ×2, 5 attempts in all. */
const EXPONENTIAL: RetryPolicy = { preset: 'exponential', jitter: false };

function outcome(status: number | null, headers: Record<string, string> = {}): AttemptOutcome {
  return status === null
    ? {
        status: null,
        headers: null,
        body: null,
        truncated: false,
        durationMs: 3,
        errorClass: 'refused',
        errorMessage: 'connection refused',
      }
    : {
        status,
        headers,
        body: '',
        truncated: false,
        durationMs: 3,
        errorClass: status < 300 ? null : 'http',
        errorMessage: status < 300 ? null : `HTTP ${status}`,
      };
}

const done = (status: DeliveryStatus, gone = false): NextState => ({
  status,
  nextAttemptAt: null,
  completedAt: NOW,
  gone,
});
const retryIn = (ms: number): NextState => ({
  status: 'retrying',
  nextAttemptAt: NOW + ms,
  completedAt: null,
  gone: false,
});

interface Case {
  name: string;
  outcome: AttemptOutcome;
  current?: DeliveryStatus;
  before?: DeliveryStatus;
  trigger?: AttemptTrigger;
  attempts?: number;
  policy?: RetryPolicy;
  random?: () => number;
  expected: NextState;
}

const cases: Case[] = [
  // Success, whatever else holds.
  { name: '200 on the first scheduled attempt', outcome: outcome(200), expected: done('success') },
  {
    name: '204 on the last attempt',
    outcome: outcome(204),
    attempts: 5,
    current: 'retrying',
    before: 'retrying',
    expected: done('success'),
  },
  { name: '299 is still 2xx', outcome: outcome(299), expected: done('success') },
  {
    name: 'success wins over a cancel made in flight',
    outcome: outcome(200),
    current: 'cancelled',
    expected: done('success'),
  },
  { name: 'a test that succeeds', outcome: outcome(200), trigger: 'test', expected: done('success') },
  {
    name: 'retry now that succeeds on a failed delivery',
    outcome: outcome(201),
    trigger: 'retry_now',
    current: 'failed',
    before: 'failed',
    attempts: 6,
    expected: done('success'),
  },
  // 410 Gone: failed for good, no retry, whatever the trigger.
  { name: '410 on a scheduled attempt with retries left', outcome: outcome(410), expected: done('failed', true) },
  { name: '410 on a test', outcome: outcome(410), trigger: 'test', expected: done('failed', true) },
  {
    name: '410 on retry now of a retrying delivery',
    outcome: outcome(410),
    trigger: 'retry_now',
    current: 'retrying',
    before: 'retrying',
    expected: done('failed', true),
  },
  // Cancelled while in flight: stays cancelled.
  { name: 'a 500 after a cancel', outcome: outcome(500), current: 'cancelled', expected: done('cancelled') },
  {
    name: 'no response after a cancel',
    outcome: outcome(null),
    current: 'cancelled',
    attempts: 2,
    expected: done('cancelled'),
  },
  // Tests: no retries.
  { name: 'a failing test', outcome: outcome(500), trigger: 'test', expected: done('failed') },
  { name: 'a test with no response', outcome: outcome(null), trigger: 'test', expected: done('failed') },
  // Retry now: one attempt for a failed or cancelled delivery; a retrying one keeps its schedule.
  {
    name: 'retry now of a failed delivery fails again',
    outcome: outcome(500),
    trigger: 'retry_now',
    current: 'failed',
    before: 'failed',
    attempts: 6,
    expected: done('failed'),
  },
  {
    name: 'retry now of a cancelled delivery',
    outcome: outcome(500),
    trigger: 'retry_now',
    current: 'cancelled',
    before: 'cancelled',
    attempts: 2,
    expected: done('cancelled'),
  },
  {
    name: 'retry now of a retrying delivery (2nd attempt) waits 120 s',
    outcome: outcome(503),
    trigger: 'retry_now',
    current: 'retrying',
    before: 'retrying',
    attempts: 2,
    expected: retryIn(120 * S),
  },
  // Scheduled failures follow the policy: exponential 60, 120, 240, 480 s, then failed.
  { name: '1st failure waits 60 s', outcome: outcome(500), expected: retryIn(60 * S) },
  {
    name: '2nd failure waits 120 s',
    outcome: outcome(null),
    current: 'retrying',
    before: 'retrying',
    attempts: 2,
    expected: retryIn(120 * S),
  },
  {
    name: '4th failure waits 480 s',
    outcome: outcome(502),
    current: 'retrying',
    before: 'retrying',
    attempts: 4,
    expected: retryIn(480 * S),
  },
  {
    name: '5th failure ends it',
    outcome: outcome(500),
    current: 'retrying',
    before: 'retrying',
    attempts: 5,
    expected: done('failed'),
  },
  {
    name: 'a 3xx is a failure (redirects are not followed)',
    outcome: outcome(301, { location: 'https://elsewhere.test/' }),
    expected: retryIn(60 * S),
  },
  { name: 'a 404 is a failure like any other', outcome: outcome(404), expected: retryIn(60 * S) },
  {
    name: 'a pending delivery whose first attempt fails',
    outcome: outcome(500),
    current: 'pending',
    before: 'pending',
    expected: retryIn(60 * S),
  },
  // Other policies.
  {
    name: 'fast: 2nd failure waits 2 s',
    outcome: outcome(500),
    attempts: 2,
    policy: { preset: 'fast', jitter: false },
    expected: retryIn(2 * S),
  },
  {
    name: 'svix-like: 1st failure waits 5 s',
    outcome: outcome(500),
    policy: { preset: 'svix-like', jitter: false },
    expected: retryIn(5 * S),
  },
  {
    name: 'standard: 6th attempt is past its 5 delays',
    outcome: outcome(500),
    attempts: 6,
    policy: { preset: 'standard', jitter: false },
    expected: done('failed'),
  },
  {
    name: 'no delays: the first failure ends it',
    outcome: outcome(500),
    policy: { delays: [], jitter: false },
    expected: done('failed'),
  },
  {
    name: 'custom delays win over the preset',
    outcome: outcome(500),
    attempts: 2,
    policy: { preset: 'standard', delays: [1, 7], jitter: false },
    expected: retryIn(7 * S),
  },
  {
    name: 'a 0 s delay is due at once',
    outcome: outcome(500),
    policy: { delays: [0], jitter: false },
    expected: retryIn(0),
  },
  // Jitter: ±20 %.
  {
    name: 'jitter at its low end: 0.8 × 60 s',
    outcome: outcome(500),
    policy: { preset: 'exponential', jitter: true },
    random: () => 0,
    expected: retryIn(48 * S),
  },
  {
    name: 'jitter in the middle: 60 s',
    outcome: outcome(500),
    policy: { preset: 'exponential', jitter: true },
    random: () => 0.5,
    expected: retryIn(60 * S),
  },
  {
    name: 'jitter near its high end: 1.2 × 60 s',
    outcome: outcome(500),
    policy: { preset: 'exponential', jitter: true },
    random: () => 0.999_999_9,
    expected: retryIn(72 * S),
  },
  // Retry-After within [scheduled, 2 × scheduled].
  {
    name: 'Retry-After 90 s inside the bounds',
    outcome: outcome(429, { 'retry-after': '90' }),
    expected: retryIn(90 * S),
  },
  {
    name: 'Retry-After 10 s is raised to the 60 s scheduled',
    outcome: outcome(503, { 'retry-after': '10' }),
    expected: retryIn(60 * S),
  },
  {
    name: 'Retry-After 1 h is capped at 2 × 60 s',
    outcome: outcome(503, { 'retry-after': '3600' }),
    expected: retryIn(120 * S),
  },
  {
    name: 'Retry-After as an HTTP date 100 s ahead',
    outcome: outcome(503, { 'retry-after': new Date(NOW + 100 * S).toUTCString() }),
    expected: retryIn(100 * S),
  },
  {
    name: 'Retry-After that is not a time is ignored',
    outcome: outcome(503, { 'retry-after': 'soon' }),
    expected: retryIn(60 * S),
  },
  {
    name: 'Retry-After does not bring back a spent policy',
    outcome: outcome(503, { 'retry-after': '5' }),
    attempts: 5,
    expected: done('failed'),
  },
];

describe('nextState: where a delivery goes after an attempt', () => {
  it.each(cases)('$name', (c) => {
    const got = nextState({
      outcome: c.outcome,
      currentStatus: c.current ?? 'pending',
      statusBefore: c.before ?? c.current ?? 'pending',
      trigger: c.trigger ?? 'scheduled',
      attemptCount: c.attempts ?? 1,
      policy: c.policy ?? EXPONENTIAL,
      now: NOW,
      random:
        c.random ??
        (() => {
          throw new Error('jitter is off in this case');
        }),
    });
    expect(got).toEqual(c.expected);
  });
});
