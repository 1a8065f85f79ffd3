import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInput } from '../../src-main/api/schemas';
import { deliveryQuerySchema } from '../../src-main/api/logSchemas';
import { HookbenchError } from '../../src-main/api/errors';
import {
  deliveryPageQuery,
  searchDeliveries,
  SPARSE_MATCHES,
  type DeliverySearch,
} from '../../src-main/engine/logs/deliverySearch';
import { rebuildSearchIndex } from '../../src-main/engine/logs/searchIndex';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { runBatch, WriteBatchBuilder } from '../../src-main/engine/store/writeBatch';
import { writeFired } from '../../src-main/engine/delivery/deliveryWrites';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';
import { tempDir } from '../support/tmp';
import {
  addWebhook,
  addWorkspace,
  expectedDeliveries,
  generateDeliveries,
  insertDeliveries,
  OTHER_WS,
  type FixtureDelivery,
  type ModelQuery,
} from './logsFixture';

const WS = DEFAULT_WORKSPACE_ID;
const T0 = Date.UTC(2025, 0, 1);

/** The same rows in every test (generated once, deterministic). */
const FIXTURE: readonly FixtureDelivery[] = [
  ...generateDeliveries(400, { start: T0, webhooks: ['wh_a', 'wh_b', 'wh_c'], seed: 7 }),
  ...generateDeliveries(60, { start: T0, webhooks: ['wh_other'], workspaceId: OTHER_WS, seed: 8, prefix: 'o' }),
];

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let rows: FixtureDelivery[] = [...FIXTURE];

const search = (q: Omit<DeliverySearch, 'workspaceId'>, workspaceId = WS) =>
  searchDeliveries(store.db, { ...q, workspaceId });
const ids = (q: Omit<DeliverySearch, 'workspaceId'>) => search({ limit: 500, ...q }).items.map((d) => d.id);

/** Every page of a query, following nextCursor. */
function allPages(q: Omit<DeliverySearch, 'workspaceId'>, limit: number): string[] {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10_000; i++) {
    const page = search({ ...q, limit, cursor });
    out.push(...page.items.map((d) => d.id));
    if (page.nextCursor === null) return out;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'hookbench.db'));
  addWorkspace(store.db, OTHER_WS);
  for (const w of ['wh_a', 'wh_b', 'wh_c']) addWebhook(store.db, w);
  addWebhook(store.db, 'wh_other', OTHER_WS);
  rows = [...FIXTURE];
  insertDeliveries(store.db, rows);
});
afterEach(() => {
  store?.close();
  tmp?.cleanup();
});

describe('searching deliveries', () => {
  it('lists the workspace newest first by (created_at, id), ties broken by id', () => {
    const got = ids({});
    expect(got).toEqual(expectedDeliveries(rows, WS, {}));
    expect(got).toHaveLength(400);
    const ties = rows.filter((r, i) => i > 0 && rows[i - 1]!.createdAt === r.createdAt && r.workspaceId === WS);
    expect(ties.length).toBeGreaterThan(10); // the fixture does have ties to break
    expect(ids({}).some((id) => id.startsWith('dlv_o'))).toBe(false);
  });

  const single: [string, ModelQuery][] = [
    ['one status', { status: ['failed'] }],
    ['several statuses', { status: ['retrying', 'pending', 'cancelled'] }],
    ['a webhook', { webhookId: 'wh_b' }],
    ['an exact event type', { eventType: 'user.deleted' }],
    ['an event type prefix', { eventType: 'user.*' }],
    ['an exact HTTP status', { httpStatus: 404 }],
    ['an HTTP status class', { httpStatus: '5xx' }],
    ['a 2xx class', { httpStatus: '2xx' }],
    ['network errors (0)', { httpStatus: 0 }],
    ['a time range (from inclusive, to exclusive)', { from: rows[100]!.createdAt, to: rows[200]!.createdAt }],
    ['a word in the payload', { q: 'needle' }],
    ['an id inside the JSON', { q: 'usr_123' }],
    ['an email address', { q: 'person7@example.com' }],
    ['the prefix of the last word', { q: 'foxt' }],
    ['two words (AND)', { q: 'alpha bravo' }],
  ];
  it.each(single)('filters by %s', (_name, q) => {
    const expected = expectedDeliveries(rows, WS, q);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(q)).toEqual(expected);
  });

  const combined: [string, ModelQuery][] = [
    ['status + webhook', { status: ['success', 'failed'], webhookId: 'wh_a' }],
    ['status + event type prefix', { status: ['failed', 'retrying'], eventType: 'user.*' }],
    [
      'webhook + HTTP class + time',
      { webhookId: 'wh_c', httpStatus: '2xx', from: rows[50]!.createdAt, to: rows[350]!.createdAt },
    ],
    ['event type + network error', { eventType: 'order.created', httpStatus: 0 }],
    ['text + status', { q: 'echo', status: ['success'] }],
    ['text + webhook + prefix', { q: 'golf', webhookId: 'wh_a', eventType: 'user.*' }],
    [
      'everything at once',
      {
        q: 'delta',
        status: ['success', 'failed', 'cancelled'],
        webhookId: 'wh_b',
        eventType: 'user.*',
        httpStatus: '2xx',
        from: T0,
        to: T0 + 10 ** 9,
      },
    ],
  ];
  it.each(combined)('combines filters with AND: %s', (_name, q) => {
    expect(ids(q)).toEqual(expectedDeliveries(rows, WS, q));
  });

  it('finds a word that is in a payload and nothing for a word that is not', () => {
    expect(ids({ q: 'needle' }).length).toBe(
      rows.filter((r) => r.workspaceId === WS && r.body.includes('needle')).length,
    );
    expect(ids({ q: 'zeppelin' })).toEqual([]);
    expect(ids({ q: 'needle zeppelin' })).toEqual([]);
  });

  it('treats the search text as words, never as FTS5 syntax', () => {
    for (const q of [
      '"',
      'alpha OR zeppelin',
      'NEAR(alpha bravo)',
      'alpha AND',
      '(alpha',
      'data:alpha',
      '*',
      '{}',
      'a"b',
      '-alpha',
      '^alpha',
    ]) {
      expect(() => ids({ q }), q).not.toThrow();
    }
    // "OR" is just a word here: nothing contains it.
    expect(ids({ q: 'alpha OR bravo' })).toEqual([]);
    // No letters or digits at all: no text filter.
    expect(ids({ q: '{} "' })).toEqual(ids({}));
  });

  it('returns nothing (without error) for a prefix or a class that matches no stored value', () => {
    expect(search({ eventType: 'nothing.*' })).toEqual({ items: [], nextCursor: null });
    expect(search({ httpStatus: '1xx' })).toEqual({ items: [], nextCursor: null });
  });

  it('never shows another workspace', () => {
    expect(ids({ q: 'needle' }).every((id) => id.startsWith('dlv_d'))).toBe(true);
    expect(search({ limit: 500 }, OTHER_WS).items.map((d) => d.id)).toEqual(expectedDeliveries(rows, OTHER_WS, {}));
    expect(search({ webhookId: 'wh_other' }).items).toEqual([]);
  });

  it('returns the Delivery shape of the repository', () => {
    const [d] = search({ limit: 1 }).items;
    expect(d).toEqual(store.deliveries.get(d!.id));
  });

  it('rejects a limit over 500 and a cursor it did not make', () => {
    expect(() => search({ limit: 501 })).toThrow(HookbenchError);
    for (const cursor of [
      'nope',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('["x","y"]').toString('base64url'),
    ]) {
      try {
        search({ cursor });
        expect.unreachable();
      } catch (e) {
        expect(e).toMatchObject({ code: 'validation', field: 'cursor' });
      }
    }
  });
});

describe('cursor paging', () => {
  it.each([1, 3, 7, 100])('returns every row exactly once, in order, %i per page', (limit) => {
    expect(allPages({}, limit)).toEqual(expectedDeliveries(rows, WS, {}));
  });

  it('pages filtered and free-text lists the same way', () => {
    for (const q of [
      { status: ['failed', 'success'] as const },
      { eventType: 'user.*' },
      { q: 'alpha' },
      { q: 'echo', webhookId: 'wh_c' },
    ]) {
      expect(allPages({ ...q, status: q.status && [...q.status] }, 9)).toEqual(
        expectedDeliveries(rows, WS, { ...q, status: q.status && [...q.status] }),
      );
    }
  });

  it('stays stable while newer rows arrive between pages', () => {
    const before = expectedDeliveries(rows, WS, {});
    const seen: string[] = [];
    let cursor: string | undefined;
    let batch = 0;
    for (;;) {
      const page = search({ limit: 25, cursor });
      seen.push(...page.items.map((d) => d.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
      // Newer rows (the engine stamps them "now") land above the cursor.
      const newer = generateDeliveries(5, {
        start: T0 + 10 ** 10 + batch * 10 ** 6,
        webhooks: ['wh_a'],
        seed: 100 + batch,
        prefix: `n${batch++}_`,
      });
      insertDeliveries(store.db, newer);
    }
    expect(seen).toEqual(before);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("includes rows sharing the cursor row's created_at but with a smaller id", () => {
    const t = T0 + 5 * 10 ** 10;
    const same = ['dlv_tie_a', 'dlv_tie_b', 'dlv_tie_c', 'dlv_tie_d'].map((id, i) => ({
      ...rows[0]!,
      id,
      eventId: `msg_tie_${i}`,
      createdAt: t,
    }));
    insertDeliveries(store.db, same);
    expect(allPages({ from: t }, 1)).toEqual(['dlv_tie_d', 'dlv_tie_c', 'dlv_tie_b', 'dlv_tie_a']);
  });
});

describe('free text at volume', () => {
  it(`gives the same answers when the text index drives (< ${SPARSE_MATCHES} matching events) and when the list drives`, () => {
    const common = generateDeliveries(SPARSE_MATCHES + 300, {
      start: T0 + 10 ** 9,
      webhooks: ['wh_a', 'wh_b'],
      seed: 3,
      prefix: 'c',
    }).map((r, i) => ({
      ...r,
      body: r.body.replace('"note":"', `"note":"commonword ${i % 2 === 0 ? 'evenrow ' : ''}`),
    }));
    insertDeliveries(store.db, common);
    rows.push(...common);
    const queries: ModelQuery[] = [
      { q: 'commonword' }, // dense: the list index drives
      { q: 'commonword', status: ['failed', 'cancelled'] },
      { q: 'commonword evenrow', webhookId: 'wh_b', eventType: 'user.*' },
      { q: 'needle', status: ['success'] }, // sparse: the text index drives
    ];
    for (const q of queries) {
      expect(allPages(q, 40)).toEqual(expectedDeliveries(rows, WS, q));
    }
  });

  it('finds rows written before a search-index rebuild and after it', () => {
    rebuildSearchIndex(store.db);
    expect(ids({ q: 'needle' })).toEqual(expectedDeliveries(rows, WS, { q: 'needle' }));
    const more = generateDeliveries(3, { start: T0 + 10 ** 11, webhooks: ['wh_a'], seed: 9, prefix: 'r' }).map((r) => ({
      ...r,
      body: r.body.replace('"note":"', '"note":"rebuilt '),
    }));
    insertDeliveries(store.db, more);
    expect(ids({ q: 'rebuilt' })).toHaveLength(3);
  });

  it('forgets the text of deleted events', () => {
    const target = rows.find((r) => r.workspaceId === WS && r.body.includes('needle'))!;
    expect(ids({ q: 'needle' })).toContain(target.id);
    store.db.prepare('DELETE FROM deliveries WHERE event_id = ?').run(target.eventId);
    store.db.prepare('DELETE FROM events WHERE id = ?').run(target.eventId);
    expect(ids({ q: 'needle' })).not.toContain(target.id);
    expect(store.db.prepare("SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'needle'").get()).toEqual({
      n: FIXTURE.filter((r) => r.body.includes('needle') && r.eventId !== target.eventId).length,
    });
  });

  it('indexes new events lazily: a write batch only queues them (one range), the next text search indexes the queue', () => {
    const queued = () =>
      store.db
        .prepare('SELECT (SELECT count(*) FROM events_fts_pending) + (SELECT count(*) FROM events_fts_ranges)')
        .pluck()
        .get();
    const fire = (rows: FixtureDelivery[]) => {
      const b = new WriteBatchBuilder();
      writeFired(
        b,
        rows.map((r) => ({
          event: { id: r.eventId, workspaceId: r.workspaceId, type: r.eventType, body: r.body, createdAt: r.createdAt },
          deliveries: [
            {
              id: r.id,
              workspaceId: r.workspaceId,
              webhookId: r.webhookId,
              eventId: r.eventId,
              eventType: r.eventType,
              status: 'pending',
              attemptCount: 0,
              nextAttemptAt: r.createdAt,
              lastStatusCode: null,
              lastError: null,
              lastDurationMs: null,
              createdAt: r.createdAt,
              updatedAt: r.createdAt,
              completedAt: null,
            },
          ],
        })),
      );
      runBatch(store.db, b.build());
    };
    ids({ q: 'needle' });
    expect(queued()).toBe(0);
    const fresh = generateDeliveries(3, { start: T0 + 10 ** 11, webhooks: ['wh_a'], seed: 41, prefix: 'z' }).map(
      (r) => ({ ...r, body: r.body.replace('"note":"', '"note":"kumquat ') }),
    );
    fire(fresh);
    expect(queued()).toBe(1);
    expect(ids({ status: ['success', 'failed', 'pending', 'sending', 'retrying', 'cancelled'] })).toContain(
      fresh[0]!.id,
    ); // lists need no index
    expect(ids({ q: 'kumquat' }).sort()).toEqual(fresh.map((r) => r.id).sort());
    expect(queued()).toBe(0);
    // Queued, then deleted before any search: nothing is left behind.
    const gone = generateDeliveries(1, { start: T0 + 10 ** 12, webhooks: ['wh_a'], seed: 42, prefix: 'g' }).map(
      (r) => ({ ...r, body: r.body.replace('"note":"', '"note":"quince ') }),
    );
    fire(gone);
    store.db.prepare('DELETE FROM deliveries WHERE id = ?').run(gone[0]!.id);
    store.db.prepare('DELETE FROM events WHERE id = ?').run(gone[0]!.eventId);
    expect(ids({ q: 'quince' })).toEqual([]);
    expect(queued()).toBe(0);
  });
});

describe('query plans', () => {
  type Step = { id: number; parent: number; detail: string };
  const steps = (q: ModelQuery) => {
    const page = deliveryPageQuery(store.db, WS, parseInput(deliveryQuerySchema, q))!;
    return store.db.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params) as Step[];
  };
  const plan = (q: ModelQuery) => steps(q).map((r) => r.detail);

  it.each<[string, ModelQuery, string]>([
    ['no filter', {}, 'deliveries_by_workspace'],
    ['status', { status: ['failed'] }, 'deliveries_ws_status_time'],
    ['webhook', { webhookId: 'wh_a' }, 'deliveries_by_webhook'],
    ['webhook + status', { webhookId: 'wh_a', status: ['failed', 'cancelled'] }, 'deliveries_by_webhook'],
    ['webhook + event type', { webhookId: 'wh_a', eventType: 'user.*' }, 'deliveries_by_webhook'],
    ['event type', { eventType: 'user.created' }, 'deliveries_ws_type_time'],
    ['event type prefix', { eventType: 'user.*' }, 'deliveries_ws_type_time'],
    ['HTTP status', { httpStatus: 500 }, 'deliveries_ws_code_time'],
    ['network error', { httpStatus: 0 }, 'deliveries_ws_code_time'],
    ['HTTP class', { httpStatus: '5xx' }, 'deliveries_ws_code_time'],
  ])('walks an index in order for %s (no full scan, no sort of the matches)', (_name, q, index) => {
    const all = steps(q);
    expect(all.map((s) => s.detail).join(' | ')).toContain(index);
    expect(all.some((s) => /^SCAN (d|deliveries)\b/.test(s.detail))).toBe(false);
    // Each index walk yields rows in order (ties on created_at aside): nothing beside it sorts them.
    // (The merge of several arms sorts their limited outputs, one level up.)
    for (const search of all.filter((s) => s.detail.startsWith('SEARCH d '))) {
      const siblings = all.filter((s) => s.parent === search.parent).map((s) => s.detail);
      expect(siblings).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    }
  });

  it('lets the text index drive a rare word: its matches → their events → their deliveries', () => {
    const steps = plan({ q: 'needle', status: ['failed'] });
    expect(steps[0]).toMatch(/^SCAN m VIRTUAL TABLE/); // json_each over the matched rowids
    expect(steps.join(' | ')).toContain('deliveries_by_event');
  });
});

describe('with the real engine', () => {
  let t: TestEngine;
  const servers: ScriptedServer[] = [];
  afterEach(async () => {
    await t?.cleanup();
    for (const s of servers.splice(0)) await s.stop();
  });

  it('finds delivered, refused and failing deliveries by status, HTTP status and payload words', async () => {
    const [okServer, failingServer, droppingServer] = await Promise.all(
      [[{ status: 200, body: 'ok' }], [{ status: 503 }], [{ drop: true as const }]].map((steps) =>
        new ScriptedServer(steps).start(),
      ),
    );
    servers.push(okServer!, failingServer!, droppingServer!);
    t = startTestEngine();
    const noRetry = { delays: [], jitter: false };
    t.sender.webhooks.create({ url: `${okServer!.url}/hook`, subscriptions: ['user.created'], retryPolicy: noRetry });
    t.sender.webhooks.create({
      url: `${failingServer!.url}/hook`,
      subscriptions: ['user.updated'],
      retryPolicy: noRetry,
    });
    t.sender.webhooks.create({
      url: `${droppingServer!.url}/hook`,
      subscriptions: ['user.deleted'],
      retryPolicy: noRetry,
    });
    const [ok, failing, dropped] = [
      await t.sender.deliveries.fire({ type: 'user.created', data: { id: 'usr_ok', note: 'first kiwi' } }),
      await t.sender.deliveries.fire({ type: 'user.updated', data: { id: 'usr_503', note: 'second mango' } }),
      await t.sender.deliveries.fire({ type: 'user.deleted', data: { id: 'usr_drop', note: 'third papaya' } }),
    ].map((f) => f.deliveries[0]!.id);
    const db = t.sender.store.db;
    const find = (q: Omit<DeliverySearch, 'workspaceId'>) =>
      searchDeliveries(db, { ...q, workspaceId: WS }).items.map((d) => d.id);
    await eventually(() => find({ status: ['success', 'failed'] }).length === 3);
    expect(new Set(find({}))).toEqual(new Set([ok, failing, dropped]));
    expect(find({ status: ['success'] })).toEqual([ok]);
    expect(find({ httpStatus: '5xx' })).toEqual([failing]);
    expect(find({ httpStatus: 503 })).toEqual([failing]);
    expect(find({ httpStatus: 0 })).toEqual([dropped]);
    expect(find({ q: 'mango' })).toEqual([failing]);
    expect(find({ q: 'usr_drop' })).toEqual([dropped]);
    expect(find({ q: 'pap' })).toEqual([dropped]);
    expect(find({ q: 'banana' })).toEqual([]);
    expect(find({ eventType: 'user.*', status: ['failed'] }).sort()).toEqual([failing, dropped].sort());
  });
});
