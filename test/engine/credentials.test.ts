/**
 * Credentials in webhook targets (issue 11, item 2): URL userinfo and the values of credential
 * headers (Authorization, Cookie, X-Api-Key, Proxy-Authorization and headers marked secret) are
 * sealed at rest, come back whole through the API, are sent for real, and are recorded and
 * exported as [redacted] — also for rows an older Hookbench wrote in plain.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  REDACTED,
  redactHeaders,
  redactUrl,
  splitUserinfo,
  withUserinfo,
  wireTarget,
} from '../../src-main/api/credentials';
import { EXPORT_FORMATS } from '../../src-main/api/logSchemas';
import { openSender, type Sender } from '../../src-main/engine/sender';
import { exportTo } from '../../src-main/engine/export/exporter';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { openDatabase } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { httpRequest, quietLog } from '../support/receiverClient';
import { eventually, ScriptedServer } from '../support/scriptedServer';
import { thrownHookbenchError } from '../support/thrown';
import { tempDir } from '../support/tmp';
import { validateHar } from './exportHarValidator';
import { rawBytes } from '../support/rawBytes';

const AUTH = 'Bearer tok-AUTH-3f9c1d7e';
const AUTH_2 = 'Bearer tok-AUTH2-8e0a44b1';
const API_KEY = 'key-APIKEY-77ab0c2d';
const TOKEN = 'custom-XTOKEN-51e09f3a';
const COOKIE = 'session=COOKIE-0a1b2c3d';
const PASSWORD = 'pw-URLPASS-c4d2e6f8';
const PASSWORD_2 = 'pw-URLPASS2-19b7a3c5';
const SECRET = 'whsec_Y3JlZGVudGlhbHN0ZXN0c2VjcmV0MTIzNDU2';
const VALUES = [AUTH, AUTH_2, API_KEY, TOKEN, COOKIE, PASSWORD, PASSWORD_2];

let tmp: ReturnType<typeof tempDir>;
const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close().catch(() => {});
  tmp?.cleanup();
});

function engineIn(dir: string, start = false): Sender {
  const engine = openSender({ dataDir: dir });
  closing.push(() => engine.close());
  return start ? engine.start() : engine;
}

const found = (text: string, values: readonly string[]) => values.filter((v) => text.includes(v));

describe('credential helpers', () => {
  it('splits the userinfo off a URL and puts it back exactly', () => {
    for (const url of [
      'http://a:b@h/p?q#f',
      'https://a%40b:p%3Aw@[::1]:8/x',
      'http://tok@h',
      'HTTP://u:p@h:1',
      'http://a@b@h/p@q',
      'http://h/p@q',
    ]) {
      const { userinfo, bare } = splitUserinfo(url);
      expect(withUserinfo(bare, userinfo)).toBe(url);
      expect(bare).not.toMatch(/^[a-z]+:\/\/[^/]*@/i);
    }
    expect(splitUserinfo('http://h/p@q').userinfo).toBeNull();
    expect(splitUserinfo('http://a@b@h/').userinfo).toBe('a@b'); // the last @ ends it, as URL parsers read it
  });

  it('redacts the password (or a lone token) of a URL and credential header values in either header shape', () => {
    expect(redactUrl('https://alice:s3cret@h/p')).toBe(`https://alice:${REDACTED}@h/p`);
    expect(redactUrl('https://tok123@h/p')).toBe(`https://${REDACTED}@h/p`);
    expect(redactUrl('https://h/p@x')).toBe('https://h/p@x');
    expect(
      redactHeaders(
        { Authorization: 'a', COOKIE: 'c', 'x-api-key': 'k', 'Proxy-Authorization': 'p', 'X-Mine': 'm', Accept: '*/*' },
        ['x-mine'],
      ),
    ).toEqual({
      Authorization: REDACTED,
      COOKIE: REDACTED,
      'x-api-key': REDACTED,
      'Proxy-Authorization': REDACTED,
      'X-Mine': REDACTED,
      Accept: '*/*',
    });
    expect(
      redactHeaders([
        ['authorization', 'a'],
        ['accept', 'b'],
      ]),
    ).toEqual([
      ['authorization', REDACTED],
      ['accept', 'b'],
    ]);
  });

  it('sends URL userinfo as Basic auth (decoded, UTF-8), unless an Authorization header is set', () => {
    const t = wireTarget('http://al%40ice:p%C3%A4ss%3Aw@h:1/p', { 'X-A': '1' });
    expect(t.url).toBe('http://h:1/p');
    expect(Buffer.from(t.headers.authorization!.slice('Basic '.length), 'base64').toString('utf8')).toBe(
      'al@ice:päss:w',
    );
    expect(wireTarget('http://u:p@h/', { Authorization: AUTH })).toEqual({
      url: 'http://h/',
      headers: { Authorization: AUTH },
    });
  });
});

describe('credentials at rest', () => {
  it('seals credential headers, headers marked secret and the URL userinfo; the API returns them whole', async () => {
    tmp = tempDir();
    const engine = engineIn(tmp.dir);
    const headers = {
      Authorization: AUTH,
      'X-Api-Key': API_KEY,
      Cookie: COOKIE,
      'X-Token': TOKEN,
      'X-Env': 'plain-env',
    };
    const created = engine.webhooks.create({
      url: `http://alice:${PASSWORD}@127.0.0.1:9/hook`,
      subscriptions: ['*'],
      headers,
      secretHeaders: ['X-Token'],
    });
    expect(created).toMatchObject({
      url: `http://alice:${PASSWORD}@127.0.0.1:9/hook`,
      headers,
      secretHeaders: ['x-token'],
    });
    expect(engine.webhooks.get(created.id)).toMatchObject({ url: created.url, headers, secretHeaders: ['x-token'] });
    expect(Object.keys(engine.webhooks.get(created.id).headers)).toEqual(Object.keys(headers)); // order kept

    const row = engine.store.db
      .prepare('SELECT url, headers, credentials FROM webhooks WHERE id = ?')
      .get(created.id) as Record<string, string>;
    expect(row.url).toBe('http://127.0.0.1:9/hook');
    expect(JSON.parse(row.headers)).toEqual({
      Authorization: REDACTED,
      'X-Api-Key': REDACTED,
      Cookie: REDACTED,
      'X-Token': REDACTED,
      'X-Env': 'plain-env',
    });
    expect(row.credentials).toMatch(/^enc:v1:file:/);
    expect(found(rawBytes(tmp.dir), VALUES)).toEqual([]);

    const updated = engine.webhooks.update({
      id: created.id,
      url: `http://alice:${PASSWORD_2}@127.0.0.1:9/hook`,
      headers: { ...headers, Authorization: AUTH_2 },
    });
    expect(updated).toMatchObject({
      url: `http://alice:${PASSWORD_2}@127.0.0.1:9/hook`,
      headers: { Authorization: AUTH_2 },
    });
    expect(found(rawBytes(tmp.dir), VALUES)).toEqual([]);
    await engine.close();

    const reopened = engineIn(tmp.dir);
    expect(reopened.webhooks.get(created.id)).toMatchObject({
      url: updated.url,
      headers: updated.headers,
      secretHeaders: ['x-token'],
    });
    expect(found(rawBytes(tmp.dir), VALUES)).toEqual([]);
  });

  it('stores a header in plain again once it is no longer marked secret, and a webhook without credentials unsealed', () => {
    tmp = tempDir();
    const engine = engineIn(tmp.dir);
    const w = engine.webhooks.create({
      url: 'http://127.0.0.1:9/hook',
      subscriptions: ['*'],
      headers: { 'X-Token': TOKEN },
      secretHeaders: ['x-token'],
    });
    engine.webhooks.update({ id: w.id, secretHeaders: [] });
    const row = engine.store.db.prepare('SELECT headers, credentials FROM webhooks WHERE id = ?').get(w.id) as Record<
      string,
      string | null
    >;
    expect(row).toEqual({ headers: JSON.stringify({ 'X-Token': TOKEN }), credentials: null });
    expect(engine.webhooks.get(w.id).headers).toEqual({ 'X-Token': TOKEN });
  });

  it('refuses a secret header name that is no header name, naming the field, and writes nothing', () => {
    tmp = tempDir();
    const engine = engineIn(tmp.dir);
    const e = thrownHookbenchError(() =>
      engine.webhooks.create({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'], secretHeaders: ['bad name\r\n'] }),
    );
    expect(e.code).toBe('validation');
    expect(e.field).toMatch(/^secretHeaders/);
    expect(engine.store.db.prepare('SELECT COUNT(*) FROM webhooks').pluck().get()).toBe(0);
  });
});

describe('deliveries', () => {
  it('send the real credentials and record them as [redacted]', async () => {
    tmp = tempDir();
    const server = await new ScriptedServer([{ status: 200 }]).start();
    closing.push(() => server.stop());
    const engine = engineIn(tmp.dir, true);
    const port = new URL(server.url).port;
    engine.webhooks.create({
      url: `http://alice:${PASSWORD}@127.0.0.1:${port}/basic`,
      subscriptions: ['user.created'],
      headers: { 'X-Api-Key': API_KEY, 'X-Token': TOKEN },
      secretHeaders: ['x-token'],
    });
    engine.webhooks.create({
      url: `http://bob:${PASSWORD_2}@127.0.0.1:${port}/explicit`,
      subscriptions: ['order.created'],
      headers: { Authorization: AUTH, Cookie: COOKIE },
    });
    const first = (await engine.deliveries.fire({ type: 'user.created', data: {} })).deliveries[0]!;
    const second = (await engine.deliveries.fire({ type: 'order.created', data: {} })).deliveries[0]!;
    await eventually(() => [first, second].every((d) => engine.deliveries.detail(d.id).status === 'success'));

    const call = (path: string) => server.calls.find((c) => c.path === path)!;
    expect(call('/basic').headers).toMatchObject({
      authorization: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`,
      'x-api-key': API_KEY,
      'x-token': TOKEN,
    });
    expect(call('/explicit').headers).toMatchObject({ authorization: AUTH, cookie: COOKIE }); // an Authorization header wins over the userinfo

    const a1 = engine.deliveries.detail(first.id).attempts[0]!;
    expect(a1.request.url).toBe(`http://alice:${REDACTED}@127.0.0.1:${port}/basic`);
    expect(a1.request.headers).toMatchObject({
      authorization: REDACTED,
      'X-Api-Key': REDACTED,
      'X-Token': REDACTED,
      'content-type': 'application/json',
    });
    const a2 = engine.deliveries.detail(second.id).attempts[0]!;
    expect(a2.request.url).toBe(`http://bob:${REDACTED}@127.0.0.1:${port}/explicit`);
    expect(a2.request.headers).toMatchObject({ Authorization: REDACTED, Cookie: REDACTED });
    expect(a1.request.headers['webhook-signature']).toMatch(/^v1,/); // the rest is recorded as sent
    await engine.close();
    expect(found(rawBytes(tmp.dir), VALUES)).toEqual([]);
  });
});

describe('exports', () => {
  it('hold no credential in any format, also from rows written before or headers marked secret since', async () => {
    tmp = tempDir();
    const engine = engineIn(tmp.dir, true);
    const receiver = new Receiver(engine.store, engine.bus, { log: quietLog() });
    closing.push(() => receiver.close());
    const { url } = await receiver.listen({ port: 0 });
    receiver.inboxes.create({ name: 'Sink', slug: 'sink', scheme: 'standard', secrets: [SECRET] });
    const withUser = url.replace('://', `://alice:${PASSWORD}@`);
    const w = engine.webhooks.create({
      url: `${withUser}/in/sink`,
      subscriptions: ['*'],
      secret: SECRET,
      headers: { 'X-Api-Key': API_KEY, 'X-Token': TOKEN },
    });
    const d = (await engine.deliveries.fire({ type: 'user.created', data: {} })).deliveries[0]!;
    await eventually(() => engine.deliveries.detail(d.id).status === 'success');
    await httpRequest(`${url}/in/sink/direct`, {
      headers: { authorization: AUTH, cookie: COOKIE, 'content-type': 'application/json' },
      body: '{}',
    });
    await receiver.idle();
    // X-Token is marked secret only now, and a row recorded before the fix holds values in plain.
    engine.webhooks.update({ id: w.id, secretHeaders: ['x-token'] });
    engine.store.db
      .prepare('UPDATE attempts SET request_url = ?, request_headers = json_set(request_headers, ?, ?, ?, ?)')
      .run(`${withUser}/in/sink`, '$.X-Token', TOKEN, '$.Proxy-Authorization', AUTH_2);

    for (const kind of ['deliveries', 'requests'] as const) {
      for (const format of EXPORT_FORMATS) {
        const chunks: Buffer[] = [];
        const out = new Writable({
          write(chunk, _enc, done) {
            chunks.push(chunk);
            done();
          },
        });
        const { rows } = await exportTo(engine.store.db, { kind, format, workspaceId: DEFAULT_WORKSPACE_ID }, out);
        const text = Buffer.concat(chunks).toString('utf8');
        expect(rows, `${kind} ${format}`).toBeGreaterThan(0);
        // An inbox logs what arrived and cannot know which custom header a sender marked secret: only the built-in names are redacted there.
        expect(
          found(text, kind === 'requests' ? VALUES.filter((v) => v !== TOKEN) : VALUES),
          `${kind} ${format}`,
        ).toEqual([]);
        expect(text, `${kind} ${format}`).toContain(REDACTED);
        if (format === 'har') expect(validateHar(JSON.parse(text))).toEqual([]);
      }
    }
  });
});

describe('a database from before credentials were sealed', () => {
  it('is migrated on open: credentials sealed, old attempts redacted, no plain value left in the file', async () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'hookbench.db');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    const now = Date.now();
    old
      .prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)')
      .run(DEFAULT_WORKSPACE_ID, 'Default', now);
    old
      .prepare(
        `INSERT INTO webhooks (id, workspace_id, name, url, subscriptions, scheme, secret, headers, timeout_ms, retry_policy, created_at, updated_at)
      VALUES ('wh_old', ?, 'old', ?, '["*"]', 'standard', ?, ?, 30000, '{"preset":"exponential","jitter":true}', ?, ?)`,
      )
      .run(
        DEFAULT_WORKSPACE_ID,
        `https://alice:${PASSWORD}@example.test/hook`,
        SECRET,
        JSON.stringify({ Authorization: AUTH, 'X-Env': 'plain-env' }),
        now,
        now,
      );
    old
      .prepare(`INSERT INTO events (id, workspace_id, type, body, created_at) VALUES ('evt_old', ?, 'a.b', '{}', ?)`)
      .run(DEFAULT_WORKSPACE_ID, now);
    old
      .prepare(
        `INSERT INTO deliveries (id, workspace_id, webhook_id, event_id, event_type, status, attempt_count, created_at, updated_at)
      VALUES ('dlv_old', ?, 'wh_old', 'evt_old', 'a.b', 'failed', 1, ?, ?)`,
      )
      .run(DEFAULT_WORKSPACE_ID, now, now);
    old
      .prepare(
        `INSERT INTO attempts (delivery_id, number, trigger, scheduled_at, started_at, finished_at, request_method, request_url, request_headers, response_status)
      VALUES ('dlv_old', 1, 'scheduled', ?, ?, ?, 'POST', ?, ?, 401)`,
      )
      .run(
        now,
        now,
        now,
        `https://alice:${PASSWORD}@example.test/hook`,
        JSON.stringify({ authorization: AUTH, cookie: COOKIE, 'x-api-key': API_KEY, 'x-env': 'plain-env' }),
      );
    old.close();
    expect(found(rawBytes(tmp.dir), [AUTH, PASSWORD, COOKIE, API_KEY])).toHaveLength(4); // the old file really holds them

    const engine = engineIn(tmp.dir);
    expect(engine.webhooks.get('wh_old')).toMatchObject({
      url: `https://alice:${PASSWORD}@example.test/hook`,
      headers: { Authorization: AUTH, 'X-Env': 'plain-env' },
      secretHeaders: [],
      secret: SECRET,
    });
    const attempt = engine.deliveries.detail('dlv_old').attempts[0]!;
    expect(attempt.request).toMatchObject({
      url: `https://alice:${REDACTED}@example.test/hook`,
      headers: { authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, 'x-env': 'plain-env' },
    });
    const db = engine.store.db;
    expect(db.prepare('SELECT url, credentials FROM webhooks').get()).toMatchObject({
      url: 'https://example.test/hook',
      credentials: expect.stringMatching(/^enc:v1:file:/),
    });
    expect(db.prepare('SELECT COUNT(*) FROM pending_scrubs').pluck().get()).toBe(0);
    const sealed = db.prepare('SELECT credentials FROM webhooks').pluck().get();
    await engine.close();
    expect(found(rawBytes(tmp.dir), [AUTH, PASSWORD, COOKIE, API_KEY, SECRET.slice('whsec_'.length)])).toEqual([]);

    // Opening again changes nothing: sealed rows are left as they are.
    const again = engineIn(tmp.dir);
    expect(again.store.db.prepare('SELECT credentials FROM webhooks').pluck().get()).toBe(sealed);
    expect(again.webhooks.get('wh_old').headers.Authorization).toBe(AUTH);
  });
});
