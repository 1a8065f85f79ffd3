/**
 * Input that used to be saved and then made every delivery fail, or was silently ignored: each
 * is refused with the field named, and nothing is written (issue 11, items 6 and 7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { MAX_URL_LENGTH } from '../../src-main/api/schemas';
import { rawRequest, startHostFixture, type HostFixture } from '../host/hostHarness';
import { rejectedHookbenchError } from '../support/thrown';

let f: HostFixture;
beforeAll(async () => {
  f = await startHostFixture();
});
afterAll(async () => {
  await f.close();
});

const refused = (op: string, input: unknown) => rejectedHookbenchError(() => dispatch(f.wb, op, input));

const count = (table: string) => f.wb.sender.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const hook = (extra: Record<string, unknown>) => ({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'], ...extra });

describe('webhook headers and URLs', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['CRLF in a header value', { headers: { 'X-A': 'ok\r\nX-Injected: 1' } }, 'headers.X-A', /line break \(CR\)/],
    ['LF in a header value', { headers: { 'X-A': 'a\nb' } }, 'headers.X-A', /line break \(LF\)/],
    ['NUL in a header value', { headers: { 'X-A': 'a\u0000b' } }, 'headers.X-A', /NUL/],
    ['a character beyond Latin-1 in a value', { headers: { 'X-A': 'price €5' } }, 'headers.X-A', /U\+20AC/],
    [
      'a colon and space in a header name',
      { headers: { 'Bad Header:': 'x' } },
      'headers.Bad Header:',
      /^“Bad Header:”: header names cannot contain spaces or ‘:’/,
    ],
    [
      'CRLF in a header name',
      { headers: { 'X-A\r\n': 'x' } },
      'headers.X-A\r\n',
      /header names cannot contain a line break \(CR\)/,
    ],
    [
      'a header Hookbench sets itself',
      { headers: { 'Transfer-Encoding': 'chunked' } },
      'headers.Transfer-Encoding',
      /set by Hookbench/,
    ],
    ['a header value over 8 KiB', { headers: { 'X-A': 'a'.repeat(8193) } }, 'headers.X-A', /longer than 8192/],
    [
      'more than 50 extra headers',
      { headers: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`X-${i}`, 'v'])) },
      'headers',
      /at most 50 headers/,
    ],
    [
      'over 16 KiB of extra headers',
      { headers: Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`X-${i}`, 'v'.repeat(6000)])) },
      'headers',
      /at most 16384/,
    ],
    ['CRLF in a URL', { url: 'http://127.0.0.1:9/a\r\nb' }, 'url', /line break/],
    ['a space in a URL', { url: 'http://127.0.0.1:9/a b' }, 'url', /a space/],
    ['a URL over 8 KiB', { url: `http://127.0.0.1:9/${'a'.repeat(MAX_URL_LENGTH)}` }, 'url', /at most 8192/],
    [
      'a URL without its scheme',
      { url: 'localhost:3000/webhooks' },
      'url',
      /^“localhost:3000\/webhooks” has no http:\/\/ or https:\/\/ in front: did you mean http:\/\/localhost:3000\/webhooks\?$/,
    ],
    [
      'a URL without its // (userinfo there would be read differently)',
      { url: 'https:alice:s3cret@example.com/hook' },
      'url',
      /with \/\//,
    ],
    ['a URL with backslashes for slashes', { url: 'https:\\\\example.com/hook' }, 'url', /with \/\//],
    ['NUL in a name', { name: 'a\u0000b' }, 'name', /NUL/],
    ['a lone surrogate in a name', { name: 'a\uD800b' }, 'name', /lone surrogate/],
    ['a control character in a description', { description: 'a\u0007b' }, 'description', /U\+0007/],
    ['an unknown field (a typo)', { subscription: ['*'] }, 'subscription', /unknown field "subscription"/],
  ];

  it.each(cases)(
    'refuses %s on create and on update, naming the field; nothing is written',
    async (_what, extra, field, message) => {
      const before = count('webhooks');
      const e = await refused('webhooks.create', hook(extra));
      expect(e).toMatchObject({ code: 'validation' });
      expect(e.issues?.map((i) => i.field)).toContain(field);
      expect(e.issues?.find((i) => i.field === field)?.message).toMatch(message);
      expect(count('webhooks')).toBe(before);

      const ok = await dispatch(f.wb, 'webhooks.create', hook({ headers: { Authorization: 'Bearer ok' } }));
      const u = await refused('webhooks.update', { id: ok.id, ...extra });
      expect(u.issues?.map((i) => i.field)).toContain(field);
      expect(await dispatch(f.wb, 'webhooks.get', { id: ok.id })).toEqual(ok);
    },
  );

  it('accepts what is valid: tokens, Latin-1 values, tabs, a description over several lines', async () => {
    const w = await dispatch(
      f.wb,
      'webhooks.create',
      hook({ headers: { "X-Odd_Name!#$%&'*+.^`|~": 'café\tx' }, description: 'line one\nline two' }),
    );
    expect(w.headers).toEqual({ "X-Odd_Name!#$%&'*+.^`|~": 'café\tx' });
    expect(w.description).toBe('line one\nline two');
  });

  it('reports every field error of one input at once', async () => {
    const e = await refused('webhooks.create', {
      url: 'nope',
      subscriptions: [],
      name: 'a\u0000',
      headers: { 'a b': 'x' },
    });
    expect(e.issues?.map((i) => i.field).sort()).toEqual(['headers.a b', 'name', 'subscriptions', 'url']);
  });
});

describe('events.trigger', () => {
  it('refuses webhook ids that do not exist (404, naming them) or would not receive the event (409); nothing is fired', async () => {
    const on = await dispatch(f.wb, 'webhooks.create', hook({ subscriptions: ['user.*'] }));
    const off = await dispatch(f.wb, 'webhooks.create', hook({ enabled: false }));
    const events = count('events');
    const unknown = await refused('events.trigger', {
      type: 'user.created',
      webhookIds: [on.id, 'wh_missing', 'wh_gone'],
    });
    expect(unknown).toMatchObject({
      code: 'not_found',
      field: 'webhookIds',
      message: expect.stringContaining('wh_missing, wh_gone'),
    });
    expect(unknown.issues?.map((i) => i.field)).toEqual(['webhookIds.1', 'webhookIds.2']);
    const disabled = await refused('events.trigger', { type: 'user.created', webhookIds: [off.id] });
    expect(disabled).toMatchObject({ code: 'conflict', message: expect.stringContaining('is disabled') });
    const unsubscribed = await refused('events.trigger', { type: 'order.created', webhookIds: [on.id] });
    expect(unsubscribed).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is not subscribed to order.created'),
    });
    expect(count('events')).toBe(events);

    const fired = await dispatch(f.wb, 'events.trigger', { type: 'user.created', webhookIds: [on.id] });
    expect(fired.deliveries.map((d) => d.webhookId)).toEqual([on.id]);
  });

  it('in a burst, names the event and the id', async () => {
    const e = await refused('events.triggerMany', {
      events: [{ type: 'user.created' }, { type: 'user.created', webhookIds: ['wh_missing'] }],
    });
    expect(e).toMatchObject({ code: 'not_found', field: 'events.1.webhookIds' });
  });
});

describe('over REST', () => {
  const post = (path: string, body: unknown, method = 'POST') =>
    rawRequest(f.host.port, {
      method,
      path: `/api/v1${path}`,
      headers: { authorization: `Bearer ${f.host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers 400 naming an unknown body field, 404 for unknown webhook ids, and keeps serving', async () => {
    const typo = await post('/webhooks', { ...hook({}), timeout: 5 });
    expect(typo.status).toBe(400);
    expect(typo.json).toMatchObject({
      error: { code: 'validation', field: 'timeout', message: expect.stringContaining('unknown field "timeout"') },
    });
    const crlf = await post('/webhooks', hook({ headers: { 'X-A': 'a\r\nb' } }));
    expect(crlf.status).toBe(400);
    expect(crlf.json).toMatchObject({ error: { field: 'headers.X-A' } });
    const ids = await post('/events/trigger', { type: 'user.created', webhookIds: ['wh_missing'] });
    expect(ids.status).toBe(404);
    expect((await post('/workspaces', { name: 'ok' })).status).toBe(201);
    expect((await post('/workspaces', { name: 'bad\u0000' })).status).toBe(400);
  });
});
