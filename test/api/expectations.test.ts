/** The expectations of a CI run: the command-line forms and the config's `expect` block. */
import { describe, expect, it } from 'vitest';
import {
  expectBlockSchema,
  expectationLabel,
  expectationSchema,
  parseDuration,
  parseExpectation,
} from '../../src-main/api/expectations';

describe('parseExpectation', () => {
  it.each([
    ['invoice.paid', 'invoice.paid', 1],
    ['invoice.paid x2', 'invoice.paid', 2],
    ['invoice.paidx3', 'invoice.paid', 3],
    ['  customer.*x2 ', 'customer.*', 2],
    ['customer.* x10', 'customer.*', 10],
    ['*', '*', 1],
    ['orders/create x1', 'orders/create', 1],
    ['pull_request', 'pull_request', 1],
  ])('reads %j as %s ×%i', (text, type, count) => {
    expect(parseExpectation(text)).toEqual({ type, count });
  });

  it.each([
    ['invoice.paid x0', /the count after x must be 1 or more/],
    ['invoice.paidx0', /the count after x must be 1 or more/],
    ['', /names an event type/],
    ['   ', /names an event type/],
    ['x2', /the event type is missing before x2/],
    [' x3', /the event type is missing before x3/],
    ['invoice paid', /an event type is letters, digits/],
    ['invoice.paid x', /an event type is letters, digits/],
    ['invoice.paid x-1', /an event type is letters, digits/],
    ['cust*omer', /an event type is letters, digits/],
    ['!!!', /an event type is letters, digits/],
  ])('refuses %j', (text, message) => {
    expect(() => parseExpectation(text)).toThrow(message);
  });

  it('labels an expectation the way it is written', () => {
    expect(expectationLabel(parseExpectation('invoice.paidx2'))).toBe('invoice.paid x2');
    expect(expectationLabel(parseExpectation('invoice.paid'))).toBe('invoice.paid');
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    [' 10 s ', 10_000],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['30', /not a duration: use a number and a unit/],
    ['s', /not a duration/],
    ['-5s', /not a duration/],
    ['5 minutes', /not a duration/],
    ['0s', /must be more than 0/],
    ['0.0001ms', /must be more than 0/],
    ['25h', /at most 24h/],
  ])('refuses %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(message);
  });
});

describe('the expect block', () => {
  it('fills in the defaults: within 30s, count 1', () => {
    expect(expectBlockSchema.parse({ events: [{ type: 'invoice.paid' }] })).toEqual({
      within: '30s',
      events: [{ type: 'invoice.paid', count: 1 }],
    });
  });

  it('takes a schema inline or as a .json path', () => {
    const inline = { type: 'object', required: ['id'] };
    const block = expectBlockSchema.parse({
      within: '2m',
      events: [
        { type: 'invoice.paid', count: 2, schema: inline },
        { type: 'customer.*', schema: 'schemas/customer.json' },
      ],
    });
    expect(block.events.map((e) => e.schema)).toEqual([inline, 'schemas/customer.json']);
  });

  it.each([
    [{ events: [] }, 'events', /at least one expectation/],
    [{ within: '30', events: [{ type: 'a' }] }, 'within', /not a duration/],
    [{ events: [{ type: 'a', count: 0 }] }, 'events.0.count', /at least 1/],
    [{ events: [{ type: 'a', count: 1.5 }] }, 'events.0.count', /whole number/],
    [{ events: [{ type: '' }] }, 'events.0.type', /must not be empty/],
    [{ events: [{ type: 'a', schema: 'schema.yaml' }] }, 'events.0.schema', /must name a .json file/],
    [{ events: [{ type: 'a', schema: 42 }] }, 'events.0.schema', /JSON Schema object or the path/],
  ])('refuses %j at %s', (input, path, message) => {
    const r = expectBlockSchema.safeParse(input);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(path);
    expect(issue.message).toMatch(message);
  });

  it('an expectation alone defaults its count', () => {
    expect(expectationSchema.parse({ type: 'push' })).toEqual({ type: 'push', count: 1 });
  });
});
