/**
 * The log filters mean the same in the renderer and in the engine: every case runs through the
 * pure predicate (what the renderer uses to place a live row) and through the real search (SQL
 * over a real SQLite store), and both must give the expected rows.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { matchesDeliveryFilters, matchesRequestFilters, UNROUTED } from '../../src-main/api/logFilters';
import { httpStatusFilterSchema, type DeliveryFilters, type RequestFilters } from '../../src-main/api/logSchemas';
import { parseHttpStatusFilter } from '../../src-renderer/stores/deliveryFilters';
import { DELIVERY_STATUSES } from '../../src-main/api/schemas';
import type { Delivery } from '../../src-main/api/types';
import { searchDeliveries } from '../../src-main/engine/logs/deliverySearch';
import { searchRequests } from '../../src-main/engine/logs/requestSearch';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { addWebhook, insertDeliveries, type FixtureDelivery } from '../engine/logsFixture';
import { tempDir } from '../support/tmp';

const WS = DEFAULT_WORKSPACE_ID;
const T = Date.UTC(2025, 0, 1);

let tmp: ReturnType<typeof tempDir>;
let store: Store;

beforeAll(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'hookbench.db'));
});
afterAll(() => {
  store?.close();
  tmp?.cleanup();
});

/** Cases: filters → the names of the rows they select, for the predicate and the SQL alike. */
type Case<F> = [string, F, string[]];

describe('delivery filters: the live predicate and the SQL search agree', () => {
  const delivery = (name: string, o: Partial<FixtureDelivery>): FixtureDelivery => ({
    id: `dlv_${name}`,
    workspaceId: WS,
    webhookId: 'wh_a',
    eventId: `evt_${name}`,
    eventType: 'user.created',
    status: 'pending',
    attemptCount: 0,
    lastStatusCode: null,
    lastError: null,
    createdAt: T,
    body: '{}',
    durations: [],
    ...o,
  });
  const ROWS: FixtureDelivery[] = [
    // Fresh: no attempt yet, so neither a status code nor an error.
    delivery('fresh', { createdAt: T }),
    delivery('refused', {
      createdAt: T + 1,
      webhookId: 'wh_b',
      eventType: 'order.created',
      status: 'failed',
      attemptCount: 1,
      lastError: 'connect ECONNREFUSED',
      durations: [3],
    }),
    delivery('ok', {
      createdAt: T + 2,
      eventType: 'user.deleted',
      status: 'success',
      attemptCount: 1,
      lastStatusCode: 200,
      durations: [5],
    }),
    delivery('notFound', {
      createdAt: T + 3,
      webhookId: 'wh_b',
      eventType: 'user.profile.updated',
      status: 'failed',
      attemptCount: 1,
      lastStatusCode: 404,
      durations: [5],
    }),
    delivery('unavailable', {
      createdAt: T + 4,
      eventType: 'username.changed',
      status: 'retrying',
      attemptCount: 2,
      lastStatusCode: 503,
      durations: [5, 6],
    }),
    // Being sent now: its row still says pending; the engine knows it is sending.
    delivery('inFlight', { createdAt: T + 5, webhookId: 'wh_b', status: 'pending' }),
  ];
  const SENDING = ['dlv_inFlight'];
  const name = (d: Delivery) => d.id.slice('dlv_'.length);
  let live: Delivery[];

  beforeAll(() => {
    addWebhook(store.db, 'wh_a');
    addWebhook(store.db, 'wh_b');
    insertDeliveries(store.db, ROWS);
    // The rows as the renderer holds them: what the API hands out, with the engine's `sending`.
    live = searchDeliveries(store.db, { workspaceId: WS, limit: 500 }).items.map((d) =>
      SENDING.includes(d.id) ? { ...d, status: 'sending' as const } : d,
    );
    expect(live).toHaveLength(ROWS.length);
  });

  const cases: Case<Omit<DeliveryFilters, 'workspaceId' | 'q'>>[] = [
    ['no filter', {}, ['fresh', 'refused', 'ok', 'notFound', 'unavailable', 'inFlight']],
    // Drift fixed: the live list also took fresh (and in-flight) deliveries for "no response".
    ['HTTP 0: the last attempt ended without a response (an error, no status)', { httpStatus: 0 }, ['refused']],
    // Drift fixed: the live list took `to` as inclusive.
    ['to is exclusive', { to: T + 2 }, ['fresh', 'refused']],
    ['from is inclusive', { from: T + 2 }, ['ok', 'notFound', 'unavailable', 'inFlight']],
    ['from and to', { from: T + 1, to: T + 3 }, ['refused', 'ok']],
    ['an exact event type', { eventType: 'user.created' }, ['fresh', 'inFlight']],
    ['an event-type prefix', { eventType: 'user.*' }, ['fresh', 'ok', 'notFound', 'inFlight']],
    ['a prefix without the dot', { eventType: 'user*' }, ['fresh', 'ok', 'notFound', 'unavailable', 'inFlight']],
    ['every event type', { eventType: '*' }, ['fresh', 'refused', 'ok', 'notFound', 'unavailable', 'inFlight']],
    ['an event type nothing has', { eventType: 'nothing.*' }, []],
    ['an exact HTTP status', { httpStatus: 404 }, ['notFound']],
    ['an HTTP status class', { httpStatus: '5xx' }, ['unavailable']],
    ['the 2xx class', { httpStatus: '2xx' }, ['ok']],
    ['a class nothing has', { httpStatus: '1xx' }, []],
    ['pending leaves out what is being sent', { status: ['pending'] }, ['fresh']],
    ['sending is what the engine is sending', { status: ['sending'] }, ['inFlight']],
    ['several statuses', { status: ['failed', 'retrying'] }, ['refused', 'notFound', 'unavailable']],
    [
      'every status is no status filter',
      { status: [...DELIVERY_STATUSES] },
      ['fresh', 'refused', 'ok', 'notFound', 'unavailable', 'inFlight'],
    ],
    [
      'no status ticked is no status filter',
      { status: [] },
      ['fresh', 'refused', 'ok', 'notFound', 'unavailable', 'inFlight'],
    ],
    ['a webhook', { webhookId: 'wh_a' }, ['fresh', 'ok', 'unavailable']],
    ['a webhook and HTTP 0', { webhookId: 'wh_b', httpStatus: 0 }, ['refused']],
    ['a webhook, a prefix and a time', { webhookId: 'wh_a', eventType: 'user.*', from: T + 1 }, ['ok']],
  ];

  it.each(cases)('%s', (_title, filters, expected) => {
    const sql = searchDeliveries(store.db, { ...filters, workspaceId: WS, sending: SENDING, limit: 500 }).items.map(
      name,
    );
    const predicate = live.filter((d) => matchesDeliveryFilters(d, filters) === true).map(name);
    expect({ sql: sql.sort(), predicate: predicate.sort() }).toEqual({
      sql: [...expected].sort(),
      predicate: [...expected].sort(),
    });
  });

  it('leaves a row that passes the other filters undecided (null) under free text, which it cannot check', () => {
    expect(live.map((d) => matchesDeliveryFilters(d, { q: 'anything', httpStatus: 404 }))).toEqual(
      live.map((d) => (name(d) === 'notFound' ? null : false)),
    );
  });
});

describe('received-request filters: the live predicate and the SQL search agree', () => {
  const R = T + 10 ** 6;
  const REQUESTS = [
    { name: 'signedOk', inbox: 'ibx_a', method: 'POST', status: 200, valid: 1, at: R },
    { name: 'forged', inbox: 'ibx_a', method: 'POST', status: 401, valid: 0, at: R + 1 },
    // The client went away before the answer.
    { name: 'gone', inbox: 'ibx_b', method: 'PUT', status: null, valid: 1, at: R + 2 },
    { name: 'stray', inbox: null, method: 'GET', status: 404, valid: null, at: R + 3 },
    { name: 'broken', inbox: 'ibx_b', method: 'DELETE', status: 500, valid: 0, at: R + 4 },
  ];
  const name = (r: { id: string }) => r.id.slice('req_'.length);
  let live: Awaited<ReturnType<typeof searchRequests>>['items'];

  beforeAll(() => {
    const inbox = store.db
      .prepare(`INSERT INTO inboxes (id, workspace_id, slug, name, scheme, tolerance_sec, response_rule, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'none', 300, '{"status":200}', 0, 0)`);
    for (const id of ['ibx_a', 'ibx_b']) inbox.run(id, WS, id, id);
    const request = store.db
      .prepare(`INSERT INTO requests (id, workspace_id, inbox_id, method, path, headers, body, body_size, received_at, duration_ms, response_status, valid)
      VALUES (?, ?, ?, ?, '/in/x', '[]', x'', 0, ?, 1, ?, ?)`);
    for (const r of REQUESTS) request.run(`req_${r.name}`, WS, r.inbox, r.method, r.at, r.status, r.valid);
    live = searchRequests(store.db, { workspaceId: WS, limit: 500 }).items;
    expect(live).toHaveLength(REQUESTS.length);
  });

  const cases: Case<Omit<RequestFilters, 'workspaceId' | 'q'>>[] = [
    ['no filter', {}, ['signedOk', 'forged', 'gone', 'stray', 'broken']],
    ['HTTP 0: no answer', { httpStatus: 0 }, ['gone']],
    // Drift fixed: the live feed ignored the time range.
    ['to is exclusive', { to: R + 2 }, ['signedOk', 'forged']],
    ['from is inclusive', { from: R + 3 }, ['stray', 'broken']],
    ['an inbox', { inboxId: 'ibx_a' }, ['signedOk', 'forged']],
    ['unrouted', { inboxId: UNROUTED }, ['stray']],
    ['verified', { valid: true }, ['signedOk', 'gone']],
    ['failed verification (unverified is neither)', { valid: false }, ['forged', 'broken']],
    ['a method in any case', { method: 'post' }, ['signedOk', 'forged']],
    ['an HTTP status class', { httpStatus: '4xx' }, ['forged', 'stray']],
    ['an exact HTTP status', { httpStatus: 500 }, ['broken']],
    ['an inbox and a verdict', { inboxId: 'ibx_b', valid: false }, ['broken']],
  ];

  it.each(cases)('%s', (_title, filters, expected) => {
    const sql = searchRequests(store.db, { ...filters, workspaceId: WS, limit: 500 }).items.map(name);
    const predicate = live.filter((r) => matchesRequestFilters(r, filters) === true).map(name);
    expect({ sql: sql.sort(), predicate: predicate.sort() }).toEqual({
      sql: [...expected].sort(),
      predicate: [...expected].sort(),
    });
  });
});

describe('the HTTP status box', () => {
  // The box accepts exactly what the API accepts: a value it parses is one a search takes.
  it.each([
    ['404', 404],
    [' 5XX ', '5xx'],
    ['0', 0],
    ['599', 599],
    ['600', undefined],
    ['999', undefined],
    ['6xx', undefined],
    ['4x', undefined],
    ['-1', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseHttpStatusFilter(text)).toBe(expected);
    if (expected !== undefined) expect(httpStatusFilterSchema.safeParse(expected).success).toBe(true);
  });
});
