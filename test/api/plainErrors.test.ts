/**
 * Errors in plain words, all at once (issue 13, item 3): every example the walkthrough found is
 * answered by the contract in words a person would write, naming the field, together with every
 * other field error of the same input — on every face, REST included — and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPERATIONS } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { HookbenchError } from '../../src-main/api/errors';
import { plainIssueMessage } from '../../src-main/api/plainErrors';
import { inboxCreateSchema } from '../../src-main/api/receiverSchemas';
import { parseInput, settingsPatchSchema, suggestedUrl, webhookCreateSchema } from '../../src-main/api/schemas';
import { rawRequest, startHostFixture, type HostFixture } from '../host/hostHarness';
import { thrownHookbenchError } from '../support/thrown';

/** zod's own English: none of it may reach a person. */
const RAW =
  /Invalid input|expected \w+, received|Invalid key in record|Too (small|big)|Invalid (option|string|element)|Unrecognized key|not localhost/;

const refused = (schema: z.ZodType, input: unknown) => thrownHookbenchError(() => parseInput(schema, input));
const messagesOf = (e: HookbenchError) => Object.fromEntries((e.issues ?? []).map((i) => [i.field, i.message]));
const hook = (extra: Record<string, unknown>) => ({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'], ...extra });

/** What the webhook form sends for the walkthrough's four mistakes (custom delays typed "1, x, -5"). */
const FOUR_MISTAKES = {
  url: 'localhost:3000/webhooks',
  subscriptions: ['*'],
  scheme: 'standard',
  secret: 'whsec_not base64!',
  headers: { 'Bad Header:': 'v' },
  retryPolicy: { delays: [1, 'x', -5], jitter: true },
};

describe('the walkthrough’s examples, in plain words', () => {
  it('custom delays "1, x, -5": each bad item named, none of zod’s words', () => {
    const e = refused(webhookCreateSchema, hook({ retryPolicy: { delays: [1, 'x', -5], jitter: true } }));
    expect(messagesOf(e)).toEqual({
      'retryPolicy.delays.1': '“x” is not a number',
      'retryPolicy.delays.2': '-5: a delay cannot be negative',
    });
    expect(e.message).toBe('retryPolicy.delays.1: “x” is not a number');
  });

  it('custom delays sent as one string (a REST client) say what is expected', () => {
    const e = refused(webhookCreateSchema, hook({ retryPolicy: { delays: '1, x, -5', jitter: true } }));
    expect(messagesOf(e)).toEqual({ 'retryPolicy.delays': 'delays are a list of seconds, e.g. 1, 5, 30' });
  });

  it('header "Bad Header:": header names cannot contain spaces or ‘:’', () => {
    const e = refused(webhookCreateSchema, hook({ headers: { 'Bad Header:': 'v' } }));
    expect(messagesOf(e)).toEqual({
      'headers.Bad Header:': '“Bad Header:”: header names cannot contain spaces or ‘:’ (use letters, digits and -)',
    });
  });

  it('alert thresholds "5, three, -1" (and an emptied number) name each item', () => {
    const e = refused(settingsPatchSchema, {
      alerts: { alertAt: [5, 'three', -1], disableAfter: null, disableAfterMinutes: 5 },
    });
    expect(messagesOf(e)).toEqual({
      'alerts.alertAt.1': '“three” is not a number',
      'alerts.alertAt.2': '-1: a threshold is at least 1 failure',
      'alerts.disableAfter': 'a number is required',
    });
    // What a NaN becomes on the wire: null, once said as "expected number, received null".
    const nulled = refused(
      settingsPatchSchema,
      JSON.parse(JSON.stringify({ alerts: { alertAt: [NaN], disableAfter: 1 } })),
    );
    expect(messagesOf(nulled)).toEqual({ 'alerts.alertAt.0': 'a number is required' });
  });

  it('localhost:3000/webhooks offers http://localhost:3000/webhooks (a public host gets https)', () => {
    const e = refused(webhookCreateSchema, hook({ url: 'localhost:3000/webhooks' }));
    expect(messagesOf(e)).toEqual({
      url: '“localhost:3000/webhooks” has no http:// or https:// in front: did you mean http://localhost:3000/webhooks?',
    });
    expect(suggestedUrl('localhost:3000/webhooks')).toBe('http://localhost:3000/webhooks');
    expect(suggestedUrl('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(suggestedUrl('api.example.com/hooks?x=1')).toBe('https://api.example.com/hooks?x=1');
    expect(suggestedUrl('https://example.com/')).toBeNull();
    expect(suggestedUrl('not a url')).toBeNull();
    expect(suggestedUrl('localhost:3000/a b')).toBeNull(); // the space is what to report
    expect(suggestedUrl('ftp://example.com')).toBeNull();
  });

  it('a bad whsec_ secret is reported in the same answer as every other field', () => {
    const e = refused(webhookCreateSchema, FOUR_MISTAKES);
    const m = messagesOf(e);
    expect(Object.keys(m).sort()).toEqual([
      'headers.Bad Header:',
      'retryPolicy.delays.1',
      'retryPolicy.delays.2',
      'secret',
      'url',
    ]);
    expect(m.secret).toMatch(/after whsec_ is not base64/);
    for (const message of Object.values(m)) expect(message).not.toMatch(RAW);
  });

  it('a secret that does not fit the scheme named on update is reported there too', () => {
    const e = refused(OPERATIONS['webhooks.update'].input, {
      id: 'wh_1',
      scheme: 'standard',
      secret: 'plain',
      timeoutSec: 0,
    });
    expect(Object.keys(messagesOf(e)).sort()).toEqual(['secret', 'timeoutSec']);
  });

  it('an inbox secret that does not fit the scheme is reported beside an emptied number field (create and update)', () => {
    // An emptied field is a type error, after which zod skips refinements unless they ask to run.
    const created = refused(inboxCreateSchema, { scheme: 'standard', secret: 'not-a-whsec', toleranceSec: null });
    expect(Object.keys(messagesOf(created)).sort()).toEqual(['secret', 'toleranceSec']);
    expect(messagesOf(created).secret).toMatch(/starts with whsec_/);
    const updated = refused(OPERATIONS['inboxes.update'].input, {
      id: 'in_1',
      scheme: 'github',
      secrets: ['fine', '', 'line\nbreak'],
      toleranceSec: null,
    });
    // One message per problem: the empty secret by its own schema, the line break by the scheme's rule.
    expect(messagesOf(updated)).toEqual({
      'secrets.1': 'a secret must not be empty',
      'secrets.2': 'the secret contains a line break or other control character',
      toleranceSec: 'a number is required',
    });
  });

  it('a replay re-signed with a secret that does not fit its scheme is reported beside a bad header and a bad base64 body', () => {
    const e = refused(OPERATIONS['requests.replayEdited'].input, {
      source: { kind: 'request', id: 'req_1' },
      url: 'http://127.0.0.1:9/hooks',
      headers: [['Bad Header:', 'v']],
      body: 'not base64!',
      bodyEncoding: 'base64',
      timeoutSec: null,
      signing: { mode: 'resign', scheme: 'standard', secret: 'plain' },
    });
    const m = messagesOf(e);
    expect(Object.keys(m).sort()).toEqual(['body', 'headers.0', 'signing.secret', 'timeoutSec']);
    expect(m['signing.secret']).toMatch(/starts with whsec_/);
  });

  it('inbox tolerance −3 and status 999 say the range and what was typed', () => {
    const e = refused(inboxCreateSchema, { toleranceSec: -3, responseRule: { status: 999 } });
    expect(messagesOf(e)).toEqual({
      toleranceSec: 'tolerance must be 0–604800 s (7 days); was -3',
      'responseRule.status': 'status must be 200–599; was 999',
    });
  });
});

describe('the generic words (plainErrors.ts)', () => {
  const say = (schema: z.ZodType, input: unknown) =>
    schema.safeParse(input, { error: plainIssueMessage }).error!.issues.map((i) => i.message);

  it.each([
    ['a word for a number', z.number(), 'abc', '“abc” is not a number'],
    ['an empty number', z.number(), null, 'a number is required'],
    ['a fraction for a whole number', z.number().int(), 1.5, '1.5 is not a whole number'],
    ['a missing field', z.object({ a: z.string() }), {}, 'this field is required'],
    ['below a minimum', z.number().min(1), 0, 'must be at least 1; was 0'],
    ['a negative', z.number().min(0), -3, 'cannot be negative; was -3'],
    ['above a maximum', z.number().max(599), 999, 'must be at most 599; was 999'],
    ['too long text', z.string().max(3), 'abcd', 'must be at most 3 characters (this is 4)'],
    ['an empty required text', z.string().min(1), '', 'this field is required'],
    ['an empty list', z.array(z.string()).min(1), [], 'give at least one'],
    ['text for a list', z.array(z.number()), '1, 2', 'expected a list, got the text “1, 2”'],
    ['an option not offered', z.enum(['a', 'b']), 'c', 'the text “c” is not one of: a, b'],
    [
      'a key a record refuses',
      z.record(z.string().regex(/^[a-z]+$/), z.string()),
      { 'Bad Key': 'x' },
      '“Bad Key” is not allowed as a name here',
    ],
    ['a format', z.string().regex(/^x/), 'y', '“y” is not in the expected form'],
  ])('%s', (_what, schema, input, message) => {
    expect(say(schema, input)).toEqual([message]);
  });

  it('no operation answers with zod’s own words, whatever the input', () => {
    const junk: unknown[] = [null, 'x', -1, 1.5, [], {}, true];
    let checked = 0;
    for (const [name, op] of Object.entries(OPERATIONS)) {
      const schema = op.input as z.ZodType;
      const shape = (schema as { shape?: Record<string, unknown> }).shape;
      const inputs = [
        {},
        'text',
        ...(shape ? junk.map((v) => Object.fromEntries(Object.keys(shape).map((k) => [k, v]))) : []),
      ];
      for (const input of inputs) {
        let e: unknown;
        try {
          parseInput(schema, input);
          continue;
        } catch (thrown) {
          e = thrown;
        }
        for (const issue of (e as HookbenchError).issues ?? []) {
          checked++;
          expect(issue.message, `${name} ${JSON.stringify(input)} → ${issue.field}`).not.toMatch(RAW);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('REST: a bad webhook create', () => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await startHostFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers 400 with every field error at once in plain words, and writes nothing', async () => {
    const headers = { authorization: `Bearer ${f.host.token}`, 'content-type': 'application/json' };
    const res = await rawRequest(f.host.port, {
      method: 'POST',
      path: '/api/v1/webhooks',
      headers,
      body: JSON.stringify(FOUR_MISTAKES),
    });
    expect(res.status).toBe(400);
    const error = (
      res.json as {
        error: { code: string; message: string; field: string; issues: { field: string; message: string }[] };
      }
    ).error;
    expect(error.code).toBe('validation');
    expect(error.message).toBe(
      'url: “localhost:3000/webhooks” has no http:// or https:// in front: did you mean http://localhost:3000/webhooks?',
    );
    expect(Object.fromEntries(error.issues.map((i) => [i.field, i.message]))).toMatchObject({
      url: expect.stringContaining('did you mean http://localhost:3000/webhooks?'),
      secret: expect.stringContaining('whsec_'),
      'headers.Bad Header:': expect.stringContaining('header names cannot contain spaces or ‘:’'),
      'retryPolicy.delays.1': '“x” is not a number',
      'retryPolicy.delays.2': '-5: a delay cannot be negative',
    });
    expect(res.text).not.toMatch(RAW);
    const list = await rawRequest(f.host.port, { path: '/api/v1/webhooks', headers });
    expect(list.json).toMatchObject({ data: [] });
    expect(await dispatch(f.wb, 'webhooks.list', {})).toEqual([]);
  });
});
