/** How `listen --expect` reads a request's event type and counts it, and how the report words what did not count. */
import { describe, expect, it } from 'vitest';
import { parseExpectation } from '../../src-main/api/expectations';
import type { ReceivedRequest } from '../../src-main/api/receiverTypes';
import { arrivalOf, UNROUTED_ARRIVAL } from '../../src-main/cli/expect/arrival';
import { reportLines } from '../../src-main/cli/expect/report';
import { ExpectationTracker, type BodyCheck } from '../../src-main/cli/expect/tracker';

type Stored = Parameters<typeof arrivalOf>[0];
const request = (o: Partial<Stored>): Stored => ({
  headers: [],
  bodyText: null,
  verdict: null,
  valid: true,
  reason: null,
  duplicate: false,
  ...o,
});
const json = (type: string, extra: object = {}) => JSON.stringify({ type, ...extra });
const verdict = (scheme: 'github' | 'standard'): ReceivedRequest['verdict'] => ({
  valid: true,
  configuredScheme: 'auto',
  scheme,
});

describe('the event type of a received request', () => {
  it.each<[string, Partial<Stored>, string | null]>([
    ['the JSON body type', { bodyText: json('invoice.paid') }, 'invoice.paid'],
    [
      "the verifying scheme's event header before the body",
      { headers: [['x-github-event', 'push']], bodyText: json('other'), verdict: verdict('github') },
      'push',
    ],
    ['any scheme’s event header, in any case', { headers: [['X-SHOPIFY-TOPIC', 'orders/create']] }, 'orders/create'],
    ['none when the body is not JSON', { bodyText: 'type=invoice.paid' }, null],
    ['none when type is not text', { bodyText: '{"type": 3}' }, null],
  ])('%s', (_, o, type) => {
    expect(arrivalOf(request(o)).eventType).toBe(type);
  });
});

describe('counting requests against expectations', () => {
  const track = (texts: string[], check?: BodyCheck) =>
    new ExpectationTracker(texts.map((t) => ({ expectation: parseExpectation(t), ...(check && { check }) })));
  const run = (t: ExpectationTracker) => ({
    outcomes: t.outcomes(),
    tracker: t,
    elapsedMs: 2000,
    within: '2s',
    end: 'deadline' as const,
  });

  it('a request counts for every expectation whose pattern matches, and meets each at its count', () => {
    const t = track(['customer.* x2', 'customer.created', 'invoice.paid']);
    t.observe(arrivalOf(request({ bodyText: json('customer.created') })), 10);
    expect(t.outcomes().map((o) => [o.got, o.met])).toEqual([
      [1, false],
      [1, true],
      [0, false],
    ]);
    t.observe(arrivalOf(request({ bodyText: json('customer.deleted') })), 20);
    t.observe(arrivalOf(request({ bodyText: json('invoice.paid') })), 30);
    expect(t.allMet()).toBe(true);
    expect(t.outcomes().map((o) => o.metAtMs)).toEqual([20, 10, 30]);
  });

  it('invalid signatures, resends, non-JSON bodies and schema failures do not count, and the report says why', () => {
    const t = track(['invoice.paid x2'], (body) =>
      (body as { amount?: unknown }).amount === 1 ? null : '/amount: must be equal to constant',
    );
    const arrive = (o: Partial<Stored>) => t.observe(arrivalOf(request(o)), 1);
    arrive({ bodyText: json('invoice.paid', { amount: 1 }), valid: false, reason: 'stale' });
    arrive({ bodyText: json('invoice.paid', { amount: 1 }), valid: false, reason: 'stale' });
    arrive({ bodyText: json('invoice.paid', { amount: 1 }), duplicate: true });
    arrive({ headers: [['X-Webhook-Event', 'invoice.paid']], bodyText: '<xml/>' });
    arrive({ bodyText: json('invoice.paid', { amount: 2 }) });
    arrive({ bodyText: json('invoice.paid', { amount: 1 }) });
    t.observe(UNROUTED_ARRIVAL, 1);
    arrive({ bodyText: '{}' });
    expect(reportLines(run(t))).toEqual([
      '✗ invoice.paid x2: got 1 of 2 valid',
      '    2 arrived with invalid signatures: stale timestamp',
      '    1 was a resend of a message already counted (same message id)',
      '    1 had a body that is not JSON, so its schema could not be checked',
      '    1 failed its schema: /amount: must be equal to constant',
      '  1 request went to a path that is no inbox',
      '  1 request names no event type (no event header, no JSON "type")',
      'The expectation was not met within 2s.',
    ]);
  });
});
