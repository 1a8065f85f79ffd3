import { describe, expect, it } from 'vitest';
import type { AlertThresholds } from '../../src-main/api/schemas';
import { judgeFailure, type FailureVerdict } from '../../src-main/engine/delivery/alerting';
import {
  webhookHealthAfter,
  type HealthAttempt,
  type HealthChange,
  type WebhookHealth,
} from '../../src-main/engine/delivery/webhookHealth';

// The rules as the README states them (Alerting, Retries): a consecutive-failure counter per
// webhook, reset by any success; alerts at the 3rd, 5th and 10th failure; disabled once it has
// failed 10 times in a row AND the streak has lasted 5 minutes (0 minutes = the count alone);
// reaching the disable threshold raises one `disabled` alert, not also a `failing` one;
// `410 Gone` disables at once; tests do not count; a streak keeps its start time.

const MIN = 60_000;
const DEFAULTS: AlertThresholds = { alertAt: [3, 5, 10], disableAfter: 10, disableAfterMinutes: 5 };

describe('judgeFailure: what the n-th consecutive failure means', () => {
  const none: FailureVerdict = { alert: null, disable: false };
  const failing: FailureVerdict = { alert: 'failing', disable: false };
  const disabled: FailureVerdict = { alert: 'disabled', disable: true };
  const cases: [string, number, number, Partial<AlertThresholds>, boolean, FailureVerdict][] = [
    // name, count, streak (ms), thresholds (over the defaults), enabled, verdict
    ['1st failure: nothing', 1, 0, {}, true, none],
    ['2nd failure: nothing', 2, 10 * MIN, {}, true, none],
    ['3rd failure: an alert', 3, 0, {}, true, failing],
    ['4th failure: nothing', 4, 0, {}, true, none],
    ['5th failure: an alert', 5, 0, {}, true, failing],
    ['10th failure within 5 min: an alert, no disable', 10, 4 * MIN, {}, true, failing],
    ['10th failure a moment short of 5 min', 10, 5 * MIN - 1, {}, true, failing],
    ['10th failure at exactly 5 min: disabled', 10, 5 * MIN, {}, true, disabled],
    ['11th failure after 6 min: disabled (count reached, not equal)', 11, 6 * MIN, {}, true, disabled],
    ['11th failure within 5 min: nothing (not a threshold)', 11, 1 * MIN, {}, true, none],
    ['9th failure after an hour: the count is not reached', 9, 60 * MIN, {}, true, none],
    ['10th failure, 0 minutes: the count alone disables', 10, 0, { disableAfterMinutes: 0 }, true, disabled],
    ['10th failure of a webhook already disabled: just the alert', 10, 60 * MIN, {}, false, failing],
    ['12th failure of a webhook already disabled: nothing', 12, 60 * MIN, {}, false, none],
    ['disableAfter 0 never disables', 1000, 7 * 24 * 60 * MIN, { disableAfter: 0 }, true, none],
    ['custom alertAt [1]: the first failure alerts', 1, 0, { alertAt: [1] }, true, failing],
    [
      'disableAfter 3 with alertAt 3: one disabled alert, not also failing',
      3,
      0,
      { disableAfter: 3, disableAfterMinutes: 0 },
      true,
      disabled,
    ],
  ];
  it.each(cases)('%s', (_name, count, streakMs, over, enabled, verdict) => {
    expect(judgeFailure(count, streakMs, { ...DEFAULTS, ...over }, enabled)).toEqual(verdict);
  });
});

describe("webhookHealthAfter: one attempt against the webhook's health", () => {
  const T0 = 1_700_000_000_000;
  const healthy: WebhookHealth = {
    enabled: true,
    consecutiveFailures: 0,
    failingSince: null,
    lastSuccessAt: T0 - MIN,
    lastFailureAt: null,
  };
  const failingFor = (n: number, since: number, enabled = true): WebhookHealth => ({
    enabled,
    consecutiveFailures: n,
    failingSince: since,
    lastSuccessAt: T0 - 60 * MIN,
    lastFailureAt: since,
  });
  const attempt = (status: number | null, trigger: HealthAttempt['trigger'] = 'scheduled'): HealthAttempt => ({
    trigger,
    ok: status !== null && status >= 200 && status < 300,
    gone: status === 410,
    status,
    errorMessage: status === null ? 'connection refused' : status >= 300 ? `HTTP ${status}` : null,
  });

  interface Case {
    name: string;
    before: WebhookHealth;
    attempt: HealthAttempt;
    thresholds?: Partial<AlertThresholds>;
    expected: HealthChange | null;
  }
  const cases: Case[] = [
    {
      name: 'a test does not count, success or failure',
      before: failingFor(9, T0 - 10 * MIN),
      attempt: attempt(500, 'test'),
      expected: null,
    },
    {
      name: 'a successful test leaves the streak too',
      before: failingFor(4, T0 - MIN),
      attempt: attempt(200, 'test'),
      expected: null,
    },
    {
      name: 'a success resets the streak and keeps the last failure time',
      before: failingFor(7, T0 - 10 * MIN),
      attempt: attempt(204),
      expected: {
        health: {
          enabled: true,
          consecutiveFailures: 0,
          failingSince: null,
          lastSuccessAt: T0,
          lastFailureAt: T0 - 10 * MIN,
        },
      },
    },
    {
      name: 'a success of a disabled webhook (retry now) does not enable it',
      before: failingFor(12, T0 - 10 * MIN, false),
      attempt: attempt(200, 'retry_now'),
      expected: {
        health: {
          enabled: false,
          consecutiveFailures: 0,
          failingSince: null,
          lastSuccessAt: T0,
          lastFailureAt: T0 - 10 * MIN,
        },
      },
    },
    {
      name: 'the first failure starts the streak now',
      before: healthy,
      attempt: attempt(500),
      expected: { health: { ...healthy, consecutiveFailures: 1, failingSince: T0, lastFailureAt: T0 } },
    },
    {
      name: 'the first failure starts a new streak even if an old start time was left behind',
      before: { ...healthy, failingSince: T0 - 60 * MIN },
      attempt: attempt(500),
      expected: { health: { ...healthy, consecutiveFailures: 1, failingSince: T0, lastFailureAt: T0 } },
    },
    {
      name: 'a failure lengthens the streak and keeps its start',
      before: failingFor(1, T0 - 2 * MIN),
      attempt: attempt(null),
      expected: { health: { ...failingFor(1, T0 - 2 * MIN), consecutiveFailures: 2, lastFailureAt: T0 } },
    },
    {
      name: 'a streak with no start time (an older row) starts now',
      before: { ...failingFor(2, 0), failingSince: null },
      attempt: attempt(500),
      expected: {
        health: {
          enabled: true,
          consecutiveFailures: 3,
          failingSince: T0,
          lastSuccessAt: T0 - 60 * MIN,
          lastFailureAt: T0,
        },
        alert: {
          kind: 'failing',
          consecutiveFailures: 3,
          message: 'Orders has failed 3 times in a row (last: HTTP 500).',
        },
      },
    },
    {
      name: 'the 3rd failure raises a failing alert naming the last error',
      before: failingFor(2, T0 - MIN),
      attempt: attempt(null, 'retry_now'),
      expected: {
        health: { ...failingFor(2, T0 - MIN), consecutiveFailures: 3, lastFailureAt: T0 },
        alert: {
          kind: 'failing',
          consecutiveFailures: 3,
          message: 'Orders has failed 3 times in a row (last: connection refused).',
        },
      },
    },
    {
      name: 'the 10th failure within 5 minutes alerts but does not disable',
      before: failingFor(9, T0 - 2 * MIN),
      attempt: attempt(503),
      expected: {
        health: { ...failingFor(9, T0 - 2 * MIN), consecutiveFailures: 10, lastFailureAt: T0 },
        alert: {
          kind: 'failing',
          consecutiveFailures: 10,
          message: 'Orders has failed 10 times in a row (last: HTTP 503).',
        },
      },
    },
    {
      name: 'the 10th failure of a streak 7 minutes long disables the webhook',
      before: failingFor(9, T0 - 7 * MIN),
      attempt: attempt(500),
      expected: {
        health: { ...failingFor(9, T0 - 7 * MIN), enabled: false, consecutiveFailures: 10, lastFailureAt: T0 },
        disabledReason: 'disabled after 10 consecutive failures over 7 min',
        alert: {
          kind: 'disabled',
          consecutiveFailures: 10,
          message:
            'Orders was disabled after 10 consecutive failures over 7 min (last: HTTP 500). Fix the endpoint and enable it again; paused retries will resume.',
        },
      },
    },
    {
      name: 'with 0 minutes the 10th failure disables at once (no span named)',
      before: failingFor(9, T0 - 10_000),
      attempt: attempt(500),
      thresholds: { disableAfterMinutes: 0 },
      expected: {
        health: { ...failingFor(9, T0 - 10_000), enabled: false, consecutiveFailures: 10, lastFailureAt: T0 },
        disabledReason: 'disabled after 10 consecutive failures',
        alert: {
          kind: 'disabled',
          consecutiveFailures: 10,
          message:
            'Orders was disabled after 10 consecutive failures (last: HTTP 500). Fix the endpoint and enable it again; paused retries will resume.',
        },
      },
    },
    {
      name: 'a streak of 2 h 5 min is named so',
      before: failingFor(14, T0 - 125 * MIN),
      attempt: attempt(500),
      expected: {
        health: { ...failingFor(14, T0 - 125 * MIN), enabled: false, consecutiveFailures: 15, lastFailureAt: T0 },
        disabledReason: 'disabled after 15 consecutive failures over 2 h 5 min',
        alert: {
          kind: 'disabled',
          consecutiveFailures: 15,
          message:
            'Orders was disabled after 15 consecutive failures over 2 h 5 min (last: HTTP 500). Fix the endpoint and enable it again; paused retries will resume.',
        },
      },
    },
    {
      name: '410 Gone disables at once, on the first failure',
      before: healthy,
      attempt: attempt(410),
      expected: {
        health: { ...healthy, enabled: false, consecutiveFailures: 1, failingSince: T0, lastFailureAt: T0 },
        disabledReason: 'the endpoint answered 410 Gone',
        alert: {
          kind: 'disabled',
          consecutiveFailures: 1,
          message: 'Orders was disabled: the endpoint answered 410 Gone.',
        },
      },
    },
    {
      name: 'a failure of a webhook already disabled counts but disables nothing more',
      before: failingFor(11, T0 - 60 * MIN, false),
      attempt: attempt(500, 'retry_now'),
      expected: { health: { ...failingFor(11, T0 - 60 * MIN, false), consecutiveFailures: 12, lastFailureAt: T0 } },
    },
    {
      name: 'disableAfter 0: the 10th failure of a long streak only alerts',
      before: failingFor(9, T0 - 60 * MIN),
      attempt: attempt(500),
      thresholds: { disableAfter: 0 },
      expected: {
        health: { ...failingFor(9, T0 - 60 * MIN), consecutiveFailures: 10, lastFailureAt: T0 },
        alert: {
          kind: 'failing',
          consecutiveFailures: 10,
          message: 'Orders has failed 10 times in a row (last: HTTP 500).',
        },
      },
    },
  ];

  it.each(cases)('$name', (c) => {
    const before = structuredClone(c.before);
    expect(
      webhookHealthAfter({ name: 'Orders', ...c.before }, c.attempt, { ...DEFAULTS, ...c.thresholds }, T0),
    ).toEqual(c.expected);
    expect(c.before).toEqual(before); // the input is not changed
  });
});
