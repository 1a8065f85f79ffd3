/**
 * The receiver's contract check (issue 14, item 2): a request to an inbox bound to a catalog is
 * stored with a schema verdict beside its signature verdict — shown in its detail, briefed in
 * the feed and the push event, filterable, exported. Real SQLite in temp dirs, real HTTP to the
 * receiver on 127.0.0.1. The first part checks with a small RequestContracts of its own (the
 * real validator, Hookbench envelopes); the last runs through the Workbench and its catalog service.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonSchema, SchemaVerdict } from '../../src-main/api/catalogTypes';
import { configFileSchema } from '../../src-main/api/configFile';
import { DEFAULT_WORKSPACE_ID as WS } from '../../src-main/api/defaultWorkspace';
import { dispatch } from '../../src-main/api/dispatch';
import { matchesRequestFilters } from '../../src-main/api/logFilters';
import type { RequestFilters } from '../../src-main/api/logSchemas';
import type { ReceivedRequest, ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import type { RequestContracts } from '../../src-main/engine/catalogs/requestCheck';
import { issueText, loadSchemaValidator } from '../../src-main/engine/catalogs/schemaValidator';
import { findCatalogEntry } from '../../src-main/engine/events/catalog';
import { csvField, REQUEST_COLUMNS } from '../../src-main/engine/export/csv';
import { exportTo } from '../../src-main/engine/export/exporter';
import { searchRequests } from '../../src-main/engine/logs/requestSearch';
import { openDatabase } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { openStore } from '../../src-main/engine/store/store';
import type { Store } from '../../src-main/engine/store/store';
import { rawRequest, startHostFixture, type HostFixture } from '../host/hostHarness';
import { httpRequest, openReceiver, quietLog, type ReceiverHarness } from '../support/receiverClient';
import { thrownHookbenchError } from '../support/thrown';
import { tempDir } from '../support/tmp';

const ORDER_PAID: JsonSchema = {
  type: 'object',
  properties: {
    amount: { type: 'integer' },
    currency: { enum: ['usd', 'eur'] },
    email: { type: 'string', format: 'email' },
  },
  required: ['amount', 'currency'],
};

/** A small real RequestContracts: a Hookbench envelope's `type` names the schema its `data` is checked against. */
function envelopeContracts(schemas: Record<string, JsonSchema>) {
  const calls: { catalog: string | null; scheme: string | null; bytes: number }[] = [];
  const contracts: RequestContracts = {
    async verdictOf(_workspaceId, catalog, scheme, _headers, body): Promise<SchemaVerdict | null> {
      calls.push({ catalog, scheme, bytes: body.length });
      if (catalog === null) return null;
      const validator = await loadSchemaValidator();
      let parsed: { type?: unknown; data?: unknown };
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return { catalog, type: null, status: 'not_json', issues: [] };
      }
      const type = typeof parsed?.type === 'string' ? parsed.type : null;
      const schema = type === null ? undefined : schemas[type];
      if (!schema) return { catalog, type, status: 'unknown_type', issues: [] };
      const issues = validator.check(schema, parsed.data).map((i) => ({ ...i, path: `/data${i.path}` }));
      return { catalog, type, status: issues.length ? 'invalid' : 'valid', issues };
    },
  };
  return { contracts, calls };
}

const envelope = (type: string, data: unknown) =>
  JSON.stringify({ id: `msg_${Math.random().toString(36).slice(2)}`, type, timestamp: 1_700_000_000, data });
const JSON_HEADERS = { 'content-type': 'application/json' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function receiverWith(contracts: RequestContracts, opts: { bodyLimitBytes?: number } = {}) {
  const log = quietLog();
  const h = await openReceiver({ contracts, log, ...opts });
  cleanups.push(() => h.close());
  const bound = h.receiver.inboxes.create({ name: 'Orders', scheme: 'none', catalog: 'hookbench' });
  const unbound = h.receiver.inboxes.create({ name: 'Plain', scheme: 'none' });
  return { h, log, bound, unbound };
}

const post = (
  h: ReceiverHarness,
  slug: string,
  body: string | Buffer,
  headers: Record<string, string> = JSON_HEADERS,
) => h.send(`/in/${slug}`, { body, headers });

describe('a request to an inbox bound to a catalog', () => {
  it('is stored with a valid verdict, and with an invalid one naming each issue’s path, expected and found', async () => {
    const { contracts, calls } = envelopeContracts({ 'order.paid': ORDER_PAID });
    const { h, bound } = await receiverWith(contracts);

    const ok = await post(h, bound.slug, envelope('order.paid', { amount: 1200, currency: 'usd' }));
    expect(ok.response.status).toBe(200);
    expect(ok.stored.schemaVerdict).toEqual({
      catalog: 'hookbench',
      type: 'order.paid',
      status: 'valid',
      issues: [],
      issueCount: 0,
      firstIssue: null,
    });
    expect(ok.stored.schemaStatus).toBe('valid');
    expect(calls[0]).toMatchObject({ catalog: 'hookbench', scheme: 'none' });

    const bad = await post(h, bound.slug, envelope('order.paid', { amount: '12', email: 'not-an-address' }));
    expect(bad.response.status).toBe(200); // the check is a verdict, not a refusal
    const v = bad.stored.schemaVerdict!;
    expect(v).toMatchObject({ catalog: 'hookbench', type: 'order.paid', status: 'invalid', issueCount: 3 });
    expect(v.firstIssue).toEqual(v.issues[0]);
    expect(v.issues).toHaveLength(3);
    expect(v.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/data/currency', expected: 'present', found: 'missing' }),
        expect.objectContaining({ path: '/data/amount', expected: 'integer', found: 'string "12"' }),
        expect.objectContaining({ path: '/data/email', expected: 'email', found: 'string "not-an-address"' }),
      ]),
    );
    // Read back from the database, not the intake's copy; the column holds the verdict itself.
    expect(h.store.requests.get(bad.stored.id)!.schemaVerdict).toEqual(v);
    const column = h.store.db
      .prepare('SELECT schema_verdict, schema_status FROM requests WHERE id = ?')
      .get(bad.stored.id);
    expect(column).toEqual({
      schema_verdict: JSON.stringify({ catalog: 'hookbench', type: 'order.paid', status: 'invalid', issues: v.issues }),
      schema_status: 'invalid',
    });
  });

  it('is briefed in the feed and the push event: status, type, first issue and how many', async () => {
    const { contracts } = envelopeContracts({ 'order.paid': ORDER_PAID });
    const { h, bound } = await receiverWith(contracts);
    const pushed: ReceivedRequestSummary[] = [];
    const off = h.bus.on('request.received', (s) => pushed.push(s));
    const bad = await post(h, bound.slug, envelope('order.paid', { amount: 1.5, currency: 'usd' }));
    off();
    const brief = {
      catalog: 'hookbench',
      type: 'order.paid',
      status: 'invalid',
      issueCount: 1,
      firstIssue: bad.stored.schemaVerdict!.issues[0],
    };
    expect(brief.firstIssue).toMatchObject({ path: '/data/amount', expected: 'integer', found: 'number 1.5' });
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ id: bad.stored.id, schemaStatus: 'invalid', schemaVerdict: brief });
    // The list's summary (made in SQL) is the same as the pushed one (made from the stored request).
    const [listed] = searchRequests(h.store.db, { workspaceId: WS, limit: 1 }).items;
    expect(listed).toEqual(pushed[0]);
    expect(h.store.requests.summary(bad.stored.id)).toEqual(pushed[0]);
  });

  it('that is not JSON is not_json; a type the catalog lacks is unknown_type', async () => {
    const { contracts } = envelopeContracts({ 'order.paid': ORDER_PAID });
    const { h, bound } = await receiverWith(contracts);
    const text = await post(h, bound.slug, 'amount=12&currency=usd', { 'content-type': 'text/plain' });
    expect(text.stored.schemaVerdict).toMatchObject({
      catalog: 'hookbench',
      type: null,
      status: 'not_json',
      issues: [],
    });
    const other = await post(h, bound.slug, envelope('order.shipped', {}));
    expect(other.stored.schemaVerdict).toMatchObject({ type: 'order.shipped', status: 'unknown_type' });
  });

  it('whose body is cut at the size limit gets no schema check', async () => {
    const { contracts, calls } = envelopeContracts({ 'order.paid': ORDER_PAID });
    const { h, bound } = await receiverWith(contracts, { bodyLimitBytes: 64 });
    const big = envelope('order.paid', { amount: 1, currency: 'usd', note: 'x'.repeat(200) });
    const cut = await post(h, bound.slug, big);
    expect(cut.response.status).toBe(413);
    expect(cut.stored.bodyTruncated).toBe(true);
    expect(cut.stored.schemaVerdict).toBeNull();
    expect(cut.stored.schemaStatus).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('whose check fails is stored and answered unchecked, and the failure is logged', async () => {
    const failing: RequestContracts = { verdictOf: () => Promise.reject(new Error('schema store unreadable')) };
    const { h, log, bound } = await receiverWith(failing);
    const r = await post(h, bound.slug, envelope('order.paid', { amount: 1, currency: 'usd' }));
    expect(r.response.status).toBe(200);
    expect(r.stored.schemaVerdict).toBeNull();
    expect(log.errors.flat().map(String).join(' ')).toMatch(/schema check .*\/in\/orders.*schema store unreadable/s);
  });
});

describe('a request to an unbound inbox, or to no inbox', () => {
  it('is stored with no schema verdict, and nothing is checked', async () => {
    const { contracts, calls } = envelopeContracts({ 'order.paid': ORDER_PAID });
    const { h, unbound } = await receiverWith(contracts);
    const plain = await post(h, unbound.slug, envelope('order.paid', { amount: 'x' }));
    expect(plain.stored.schemaVerdict).toBeNull();
    expect(plain.stored.schemaStatus).toBeNull();
    const nowhere = await post(h, 'no-such-inbox', envelope('order.paid', { amount: 'x' }));
    expect(nowhere.response.status).toBe(404);
    expect(nowhere.stored.schemaVerdict).toBeNull();
    expect(calls).toHaveLength(0);
    expect(h.store.requests.summary(plain.stored.id)).toMatchObject({ schemaStatus: null, schemaVerdict: null });
  });
});

/** One request of each schema status (and one unchecked) in a receiver with the test contracts. */
async function oneOfEach() {
  const { contracts } = envelopeContracts({ 'order.paid': ORDER_PAID });
  const { h, bound, unbound } = await receiverWith(contracts);
  const r = {
    valid: (await post(h, bound.slug, envelope('order.paid', { amount: 5, currency: 'eur' }))).stored,
    invalid: (await post(h, bound.slug, envelope('order.paid', { amount: 5, currency: 'gbp' }))).stored,
    unknown_type: (await post(h, bound.slug, envelope('user.created', {}))).stored,
    not_json: (await post(h, bound.slug, '<xml/>', { 'content-type': 'application/xml' })).stored,
    unchecked: (await post(h, unbound.slug, envelope('order.paid', {}))).stored,
  };
  return { h, bound, r };
}

describe('the feed’s schema filter', () => {
  it('lists only the requests with that status (unchecked: no verdict), as the live rows are matched', async () => {
    const { h, bound, r } = await oneOfEach();
    const all = searchRequests(h.store.db, { workspaceId: WS, limit: 100 }).items;
    for (const schema of ['valid', 'invalid', 'unknown_type', 'not_json', 'unchecked'] as const) {
      const page = searchRequests(h.store.db, { workspaceId: WS, schema, limit: 100 });
      expect([schema, page.items.map((i) => i.id)]).toEqual([schema, [r[schema].id]]);
      // The renderer places pushed rows with the same clauses.
      const f: RequestFilters = { schema };
      expect(all.filter((s) => matchesRequestFilters(s, f)).map((s) => s.id)).toEqual([r[schema].id]);
    }
    expect(searchRequests(h.store.db, { workspaceId: WS, schema: 'no_schema', limit: 100 }).items).toEqual([]);
    // With the other filters and free text, in one inbox.
    const invalidHere = searchRequests(h.store.db, {
      workspaceId: WS,
      inboxId: bound.id,
      schema: 'invalid',
      q: 'gbp',
      limit: 100,
    });
    expect(invalidHere.items.map((i) => i.id)).toEqual([r.invalid.id]);
  });

  it('refuses a status that does not exist, naming the field', async () => {
    const { h } = await oneOfEach();
    const e = thrownHookbenchError(() =>
      searchRequests(h.store.db, { workspaceId: WS, schema: 'broken' as 'valid', limit: 10 }),
    );
    expect(e).toMatchObject({ code: 'validation', field: 'schema' });
  });
});

async function exportText(store: Store, format: 'ndjson' | 'csv' | 'har', filters: RequestFilters = {}) {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportTo(store.db, { kind: 'requests', format, filters, workspaceId: WS }, out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('request exports', () => {
  it('carry the schema verdict: NDJSON and HAR whole, CSV its status, type and first issue', async () => {
    const { h, r } = await oneOfEach();
    const lines = (await exportText(h.store, 'ndjson'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const key of Object.keys(r) as (keyof typeof r)[])
      expect(lines.find((o) => o.id === r[key].id).schemaVerdict).toEqual(r[key].schemaVerdict);

    const har = JSON.parse(await exportText(h.store, 'har'));
    const entry = har.log.entries.find((e: { _requestId: string }) => e._requestId === r.invalid.id);
    expect(entry._schemaVerdict).toEqual(r.invalid.schemaVerdict);

    const rows = (await exportText(h.store, 'csv', { schema: 'invalid' })).trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe(REQUEST_COLUMNS.join(','));
    expect(rows[0]).toContain(',schema_status,schema_type,schema_issue,');
    const issue = r.invalid.schemaVerdict!.issues[0]!;
    expect(issue).toMatchObject({ path: '/data/currency', found: 'string "gbp"' });
    expect(rows[1]).toContain(`,invalid,order.paid,${csvField(issueText(issue))},`);
    expect(rows[1]!.startsWith(`${new Date(r.invalid.receivedAt).toISOString()},${r.invalid.id},`)).toBe(true);
  });
});

describe('binding an inbox to a catalog', () => {
  it('is stored, listed, changed and undone; a bad value is a validation error on `catalog` and nothing is written', async () => {
    const { h, bound, unbound } = await receiverWith(envelopeContracts({}).contracts);
    const inboxes = h.receiver.inboxes;
    expect(inboxes.get(bound.id).catalog).toBe('hookbench');
    // (Both were made in the same millisecond: the list's order between them is not the point.)
    expect(
      inboxes
        .list()
        .map((i) => [i.slug, i.catalog])
        .sort(),
    ).toEqual([
      ['orders', 'hookbench'],
      ['plain', null],
    ]);
    expect(inboxes.update({ id: unbound.id, catalog: 'stripe' }).catalog).toBe('stripe');
    expect(inboxes.getBySlug('plain').catalog).toBe('stripe');
    expect(inboxes.update({ id: unbound.id, name: 'Renamed' }).catalog).toBe('stripe'); // left out: kept
    expect(inboxes.update({ id: unbound.id, catalog: null }).catalog).toBeNull();

    const count = () => h.store.db.prepare('SELECT count(*) FROM inboxes').pluck().get();
    const before = count();
    const created = thrownHookbenchError(() => inboxes.create({ name: 'Bad', catalog: 'paypal' as 'stripe' }));
    expect(created).toMatchObject({ code: 'validation', field: 'catalog' });
    expect(created.message).toMatch(/hookbench, github, stripe, shopify, slack/);
    expect(count()).toBe(before);
    const updated = thrownHookbenchError(() => inboxes.update({ id: bound.id, catalog: 'GitHub' as 'github' }));
    expect(updated).toMatchObject({ code: 'validation', field: 'catalog' });
    expect(inboxes.get(bound.id).catalog).toBe('hookbench');
    // The receiver reads the change on the next request (its inbox cache is dropped on every write).
    inboxes.update({ id: bound.id, catalog: null });
    expect((await post(h, bound.slug, envelope('order.paid', {}))).stored.schemaVerdict).toBeNull();
  });

  it('is a field of the config file: left out it is none, a catalog not in the list is refused at its path', () => {
    const parsed = configFileSchema.parse({ inboxes: [{ slug: 'a', catalog: 'github' }, { slug: 'b' }] });
    expect(parsed.inboxes.map((i) => i.catalog)).toEqual(['github', null]);
    const bad = configFileSchema.safeParse({ inboxes: [{ slug: 'a', catalog: 'gitlab' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['inboxes', 0, 'catalog']);
  });
});

describe('migration 010 on a data dir of schema 9', () => {
  it('keeps every request and inbox: old requests have no schema verdict, old inboxes no catalog', async () => {
    const tmp = tempDir('hookbench-v9-');
    cleanups.push(tmp.cleanup);
    const fixture = new URL('../fixtures/schema-v3/', import.meta.url).pathname;
    for (const f of ['hookbench.db', 'hookbench.key']) copyFileSync(join(fixture, f), join(tmp.dir, f));
    const file = join(tmp.dir, 'hookbench.db');
    const v9 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 9) });
    expect(v9.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(9);
    const oldIds = v9.prepare('SELECT id FROM requests ORDER BY id').pluck().all() as string[];
    const oldInboxes = v9.prepare('SELECT count(*) FROM inboxes').pluck().get() as number;
    v9.close();
    expect(oldIds.length).toBeGreaterThan(0);
    expect(oldInboxes).toBeGreaterThan(0);

    const store = openStore(file);
    try {
      expect(store.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(10);
      const workspaces = store.db.prepare('SELECT DISTINCT workspace_id FROM requests').pluck().all() as string[];
      const listed = workspaces.flatMap((w) => searchRequests(store.db, { workspaceId: w, limit: 500 }).items);
      expect(listed.map((s) => s.id).sort()).toEqual(oldIds);
      for (const s of listed) expect(s).toMatchObject({ schemaStatus: null, schemaVerdict: null });
      for (const id of oldIds)
        expect(store.requests.get(id)).toMatchObject({ schemaStatus: null, schemaVerdict: null });
      const unchecked = workspaces.flatMap(
        (w) => searchRequests(store.db, { workspaceId: w, schema: 'unchecked', limit: 500 }).items,
      );
      expect(unchecked).toHaveLength(oldIds.length);
      const inboxes = store.db.prepare('SELECT catalog FROM inboxes').pluck().all();
      expect(inboxes).toHaveLength(oldInboxes);
      expect(new Set(inboxes)).toEqual(new Set([null]));
    } finally {
      store.close();
    }
  });
});

/**
 * Through the Workbench: the lead's catalog service is the receiver's RequestContracts
 * (workbench.ts passes it to the Receiver), checked against the built-in catalog's schemas.
 */
describe('through the Workbench and its REST face', () => {
  let f: HostFixture;
  afterEach(async () => f?.close());

  const data = <T>(res: { status: number; json: unknown }): T => {
    expect(res.status).toBe(200);
    return (res.json as { data: T }).data;
  };
  const api = (path: string) =>
    rawRequest(f.host.port, { path: `/api/v1${path}`, headers: { authorization: `Bearer ${f.host.token}` } });

  it('checks a request to an inbox bound to hookbench against the built-in schema, and filters by it over REST', async () => {
    f = await startHostFixture({}, { port: 0 });
    const inbox = await dispatch(f.wb, 'inboxes.create', { name: 'Users', scheme: 'none', catalog: 'hookbench' });
    expect(inbox.catalog).toBe('hookbench');
    const sample = structuredClone(findCatalogEntry('user.created')!.sample) as Record<string, unknown>;
    const key = Object.keys(sample).find((k) => typeof sample[k] === 'string')!;
    const url = `${f.wb.receiver.status().url}/in/${inbox.slug}`;
    const send = (body: string) => httpRequest(url, { body, headers: JSON_HEADERS });
    await send(envelope('user.created', sample));
    await send(envelope('user.created', { ...sample, [key]: 42 }));
    await send('not json');
    await f.wb.receiver.idle();

    const page = (query: string) => api(`/inboxes/${inbox.id}/requests?${query}`);
    const invalid = data<{ items: ReceivedRequestSummary[] }>(await page('schema=invalid'));
    expect(invalid.items).toHaveLength(1);
    expect(invalid.items[0]!.schemaVerdict).toMatchObject({
      catalog: 'hookbench',
      type: 'user.created',
      status: 'invalid',
      issueCount: 1,
      firstIssue: { path: `/data/${key}`, expected: 'string', found: 'number 42' },
    });
    for (const status of ['valid', 'not_json'])
      expect(data<{ items: unknown[] }>(await page(`schema=${status}`)).items).toHaveLength(1);
    expect(data<{ items: unknown[] }>(await page('schema=unchecked')).items).toHaveLength(0);

    const detail = data<ReceivedRequest>(await api(`/requests/${invalid.items[0]!.id}`));
    expect(detail.schemaVerdict!.issues).toEqual([
      expect.objectContaining({ path: `/data/${key}`, expected: 'string', found: 'number 42' }),
    ]);

    const refused = await page('schema=bogus');
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: { code: 'validation', field: 'schema' } });
  });
});
