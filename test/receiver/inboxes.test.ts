import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Inbox } from '../../src-main/api/receiverTypes';
import { openSender } from '../../src-main/engine/sender';
import { EventBus } from '../../src-main/engine/eventBus';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { registerReceiverRetention } from '../../src-main/engine/receiver/retention';
import { DAY_MS } from '../../src-main/engine/retention';
import { getScheme } from '../../src-main/engine/signing/registry';
import { openDatabase } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { RequestsRepo } from '../../src-main/engine/store/requestsRepo';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { quietLog } from '../support/receiverClient';
import { storedRequest } from '../support/storedRequest';
import { receiverTempDb } from '../support/receiverTmp';
import { thrownHookbenchError } from '../support/thrown';

let tmp: ReturnType<typeof receiverTempDb>;
let store: Store;
let bus: EventBus;
let receiver: Receiver;
beforeEach(() => {
  tmp = receiverTempDb();
  store = openStore(tmp.dbFile);
  bus = new EventBus();
  receiver = new Receiver(store, bus, { log: quietLog() });
});
afterEach(async () => {
  await receiver.close();
  await store.shutdown();
  tmp.cleanup();
});

const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migration 002', () => {
  it('creates the inboxes and requests tables with their indexes, recorded as version 2', () => {
    const versions = store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(
      expect.arrayContaining([
        { version: 1, name: 'initial' },
        { version: 2, name: 'receiver' },
      ]),
    );
    // On its own (later migrations may replace indexes):
    const only = receiverTempDb();
    const db = openDatabase(only.dbFile, { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    try {
      const indexes = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests'").all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      expect(indexes).toEqual(
        expect.arrayContaining(['requests_by_inbox', 'requests_by_workspace', 'requests_by_dedupe_key']),
      );
      const columns = (db.prepare('PRAGMA table_info(requests)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(
        expect.arrayContaining([
          'body',
          'body_truncated',
          'verdict',
          'valid',
          'reason',
          'dedupe_key',
          'duplicate',
          'forward',
        ]),
      );
    } finally {
      db.close();
      only.cleanup();
    }
  });

  it('reopens an existing database without re-running it', () => {
    receiver.inboxes.create({ name: 'kept' });
    store.close();
    store = openStore(tmp.dbFile);
    receiver = new Receiver(store, bus, { log: quietLog() });
    expect(receiver.inboxes.list().map((i) => i.name)).toEqual(['kept']);
  });
});

describe('creating inboxes', () => {
  it('fills in defaults: a slug from the name, a standard secret, tolerance 300 s, a 200 rule', () => {
    const inbox = receiver.inboxes.create({ name: 'Stripe Payments (EU) — Prod' });
    expect(inbox).toMatchObject({
      slug: 'stripe-payments-eu-prod',
      name: 'Stripe Payments (EU) — Prod',
      scheme: 'standard',
      toleranceSec: 300,
      forwardTo: null,
      failFirstSeen: 0,
      workspaceId: 'ws_default',
      responseRule: {
        status: 200,
        headers: {},
        body: '',
        delayMs: 0,
        failurePercent: 0,
        failFirst: 0,
        failStatus: 500,
      },
    });
    expect(inbox.secrets).toHaveLength(1);
    expect(() => getScheme('standard').checkSecret(inbox.secrets[0]!)).not.toThrow();
    expect(receiver.inboxes.get(inbox.id)).toEqual(inbox);
    expect(receiver.inboxes.getBySlug(inbox.slug)).toEqual(inbox);
  });

  it('makes generated slugs unique and refuses a taken explicit slug', () => {
    expect(receiver.inboxes.create({ name: 'Orders' }).slug).toBe('orders');
    expect(receiver.inboxes.create({ name: 'orders!' }).slug).toBe('orders-2');
    expect(receiver.inboxes.create({ name: 'ÖRDERS' }).slug).toBe('orders-3');
    expect(receiver.inboxes.create({ name: '🙂' }).slug).toBe('inbox');
    const e = thrownHookbenchError(() => receiver.inboxes.create({ name: 'x', slug: 'orders' }));
    expect(e).toMatchObject({ code: 'conflict', field: 'slug' });
  });

  it('keeps no secret for none and auto, and checks given secrets against the scheme', () => {
    expect(receiver.inboxes.create({ name: 'n', scheme: 'none' }).secrets).toEqual([]);
    expect(receiver.inboxes.create({ name: 'a', scheme: 'auto' }).secrets).toEqual([]);
    expect(receiver.inboxes.create({ name: 'g', scheme: 'github', secrets: ['one', 'two'] }).secrets).toEqual([
      'one',
      'two',
    ]);
    const e = thrownHookbenchError(() =>
      receiver.inboxes.create({ name: 's', scheme: 'standard', secrets: ['whsec_dGVzdA==', 'plain'] }),
    );
    expect(e).toMatchObject({ code: 'validation', field: 'secrets.1' });
    expect(e.message).toMatch(/whsec_/);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ slug: 'Has Spaces' }, 'slug'],
    [{ scheme: 'rot13' }, 'scheme'],
    [{ toleranceSec: -1 }, 'toleranceSec'],
    [{ forwardTo: 'ftp://x' }, 'forwardTo'],
    [{ responseRule: { status: 99 } }, 'responseRule.status'],
    [{ responseRule: { failurePercent: 101 } }, 'responseRule.failurePercent'],
    [{ responseRule: { delayMs: 1.5 } }, 'responseRule.delayMs'],
    [{ responseRule: { headers: { 'Content-Length': '3' } } }, 'responseRule.headers.Content-Length'],
    [{ responseRule: { headers: { 'X-Evil': 'a\r\nSet-Cookie: x' } } }, 'responseRule.headers.X-Evil'],
    [{ workspaceId: 'ws_missing' }, 'workspaceId'],
  ])('refuses %j naming the field, writing nothing', (input, field) => {
    const e = thrownHookbenchError(() => receiver.inboxes.create(input as never));
    expect(e.field).toBe(field);
    expect(count('inboxes')).toBe(0);
  });

  it('announces changes on the bus', () => {
    const seen: { id: string; deleted: boolean }[] = [];
    bus.on('inbox.changed', (c) => seen.push({ id: c.id, deleted: c.deleted }));
    const inbox = receiver.inboxes.create({ name: 'bus' });
    receiver.inboxes.update({ id: inbox.id, name: 'bus 2' });
    receiver.inboxes.delete(inbox.id);
    expect(seen).toEqual([
      { id: inbox.id, deleted: false },
      { id: inbox.id, deleted: false },
      { id: inbox.id, deleted: true },
    ]);
  });
});

describe('updating and deleting inboxes', () => {
  let inbox: Inbox;
  beforeEach(() => {
    inbox = receiver.inboxes.create({ name: 'Main', scheme: 'github', secrets: ['gh-secret'] });
  });

  it('changes only what is given, and a new rule restarts the fail-first count', () => {
    store.db.prepare('UPDATE inboxes SET fail_first_seen = 3 WHERE id = ?').run(inbox.id);
    const renamed = receiver.inboxes.update({ id: inbox.id, name: 'Renamed', forwardTo: 'http://127.0.0.1:9/x' });
    expect(renamed).toMatchObject({
      name: 'Renamed',
      slug: 'main',
      secrets: ['gh-secret'],
      forwardTo: 'http://127.0.0.1:9/x',
      failFirstSeen: 3,
    });
    const ruled = receiver.inboxes.update({ id: inbox.id, responseRule: { failFirst: 5 }, forwardTo: null });
    expect(ruled).toMatchObject({ failFirstSeen: 0, forwardTo: null, responseRule: { failFirst: 5, status: 200 } });
  });

  it('keeps usable secrets on a scheme change and generates one when none fits', () => {
    expect(receiver.inboxes.update({ id: inbox.id, scheme: 'slack' }).secrets).toEqual(['gh-secret']);
    const standard = receiver.inboxes.update({ id: inbox.id, scheme: 'standard' });
    expect(standard.secrets).toHaveLength(1);
    expect(standard.secrets[0]).toMatch(/^whsec_/);
  });

  it('refuses a slug owned by another inbox and bad secrets, leaving the row as it was', () => {
    receiver.inboxes.create({ name: 'Other' });
    expect(thrownHookbenchError(() => receiver.inboxes.update({ id: inbox.id, slug: 'other' }))).toMatchObject({
      code: 'conflict',
      field: 'slug',
    });
    expect(thrownHookbenchError(() => receiver.inboxes.update({ id: inbox.id, secrets: ['bad\n'] }))).toMatchObject({
      field: 'secrets.0',
    });
    expect(thrownHookbenchError(() => receiver.inboxes.update({ id: 'inb_nope', name: 'x' }))).toMatchObject({
      code: 'not_found',
    });
    expect(receiver.inboxes.get(inbox.id)).toEqual(inbox);
  });

  it('deletes the inbox with its requests', () => {
    const repo = new RequestsRepo(store.db);
    repo.insert(storedRequest({ inboxId: inbox.id }));
    receiver.inboxes.delete(inbox.id);
    expect(count('requests')).toBe(0);
    expect(thrownHookbenchError(() => receiver.inboxes.get(inbox.id))).toMatchObject({ code: 'not_found' });
  });

  it('lists inboxes per workspace', () => {
    store.workspaces.insert({ id: 'ws_two', name: 'Two', createdAt: Date.now() });
    receiver.inboxes.create({ name: 'Elsewhere', workspaceId: 'ws_two' });
    expect(receiver.inboxes.list().map((i) => i.name)).toEqual(['Main']);
    expect(receiver.inboxes.list('ws_two').map((i) => i.name)).toEqual(['Elsewhere']);
  });
});

describe('received requests', () => {
  it('page newest first with a before cursor, filtered by inbox or workspace', () => {
    const inbox = receiver.inboxes.create({ name: 'pages', scheme: 'none' });
    const repo = new RequestsRepo(store.db);
    const t0 = Date.now() - 10_000;
    const ids = Array.from(
      { length: 5 },
      (_, i) => repo.insert(storedRequest({ inboxId: inbox.id, receivedAt: t0 + i })).id,
    );
    repo.insert(storedRequest({ receivedAt: t0 + 100 }));
    const page1 = receiver.requests.list({ inboxId: inbox.id, limit: 2 });
    expect(page1.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect(page1[0]!.slug).toBe('pages');
    const page2 = receiver.requests.list({ inboxId: inbox.id, limit: 2, before: page1[1]!.id });
    expect(page2.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(receiver.requests.list({ workspaceId: 'ws_default' })).toHaveLength(6);
    expect(thrownHookbenchError(() => receiver.requests.list({ limit: 0 }))).toMatchObject({ field: 'limit' });
  });

  it('give the body as base64 always and as text only when it is valid UTF-8', () => {
    const repo = new RequestsRepo(store.db);
    const text = repo.insert(storedRequest({ body: Buffer.from('\ufeffhé') }));
    const binary = repo.insert(storedRequest({ body: Buffer.from([0xff, 0xfe, 0x00]) }));
    const empty = repo.insert(storedRequest({ body: Buffer.alloc(0), bodySize: 0 }));
    expect(receiver.requests.get(text.id)).toMatchObject({
      bodyText: '\ufeffhé',
      bodyBase64: Buffer.from('\ufeffhé').toString('base64'),
    });
    expect(receiver.requests.get(binary.id)).toMatchObject({ bodyText: null, bodyBase64: '//4A' });
    expect(receiver.requests.get(empty.id)).toMatchObject({ bodyText: '', bodyBase64: '' });
    expect(thrownHookbenchError(() => receiver.requests.get('req_nope'))).toMatchObject({ code: 'not_found' });
  });

  it('older than settings.retention.requestDays are removed by the engine retention job', async () => {
    const engineTmp = receiverTempDb();
    const engine = openSender({ dbFile: engineTmp.dbFile });
    const r = new Receiver(engine.store, engine.bus, { log: quietLog() });
    try {
      registerReceiverRetention(engine, r);
      engine.updateSettings({ retention: { successDays: 90, failedDays: 120, requestDays: 7 } });
      const repo = new RequestsRepo(engine.store.db);
      const now = Date.now();
      const old = repo.insert(storedRequest({ receivedAt: now - 8 * DAY_MS }));
      const fresh = repo.insert(storedRequest({ receivedAt: now - 6 * DAY_MS }));
      expect(engine.retention.runOnce(now)).toBe(1);
      expect(repo.get(old.id)).toBeUndefined();
      expect(repo.get(fresh.id)).toBeDefined();
    } finally {
      await r.close();
      await engine.close();
      engineTmp.cleanup();
    }
  });
});
