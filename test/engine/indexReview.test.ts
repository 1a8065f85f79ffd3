/**
 * Every index of `deliveries` and `requests` against the queries that use it (EXPLAIN QUERY
 * PLAN): each is walked by at least one query the code runs, and each query of the write path,
 * the scheduler and retention walks one. An index no query uses fails here — drop it (each costs
 * every write a B-tree update); a query that starts scanning fails here too.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryQuerySchema, requestQuerySchema } from '../../src-main/api/logSchemas';
import { parseInput } from '../../src-main/api/schemas';
import { deliveryPageQuery } from '../../src-main/engine/logs/deliverySearch';
import { requestPageQuery } from '../../src-main/engine/logs/requestSearch';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { DEFAULT_WORKSPACE_ID as WS } from '../../src-main/api/defaultWorkspace';
import { writeFired } from '../../src-main/engine/delivery/deliveryWrites';
import { runBatch, WriteBatchBuilder } from '../../src-main/engine/store/writeBatch';
import { tempDir } from '../support/tmp';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeAll(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'hookbench.db'));
  // One event with a rare word, so that a text search has a match to drive the plan.
  store.db
    .prepare(
      `INSERT INTO webhooks (id, workspace_id, name, url, subscriptions, scheme, secret, timeout_ms, retry_policy, created_at, updated_at)
    VALUES ('wh_a', ?, 'a', 'http://127.0.0.1:9/', '["*"]', 'none', 'x', 30000, '{}', 0, 0)`,
    )
    .run(WS);
  const b = new WriteBatchBuilder();
  writeFired(b, [
    {
      event: { id: 'msg_needle', workspaceId: WS, type: 'user.created', body: '{"note":"needle"}', createdAt: 1 },
      deliveries: [
        {
          id: 'dlv_needle',
          workspaceId: WS,
          webhookId: 'wh_a',
          eventId: 'msg_needle',
          eventType: 'user.created',
          status: 'pending',
          attemptCount: 0,
          nextAttemptAt: 1,
          lastStatusCode: null,
          lastError: null,
          lastDurationMs: null,
          createdAt: 1,
          updatedAt: 1,
          completedAt: null,
        },
      ],
    },
  ]);
  runBatch(store.db, b.build());
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

const plan = (sql: string, params: unknown[] = []) =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
const deliveriesPage = (q: object) => {
  const p = deliveryPageQuery(store.db, WS, parseInput(deliveryQuerySchema, q))!;
  return plan(p.sql, p.params);
};
const requestsPage = (q: object) => {
  const p = requestPageQuery(store.db, WS, parseInput(requestQuerySchema, q))!;
  return plan(p.sql, p.params);
};

/** Each index, and the queries that must walk it (the SQL the code runs, or the page query it builds). */
const USES: Record<string, [what: string, plan: () => string][]> = {
  sqlite_autoindex_deliveries_1: [
    ['a delivery by id (detail, conditional update)', () => plan('SELECT * FROM deliveries WHERE id = ?', ['x'])],
  ],
  deliveries_due: [
    [
      "the scheduler: a webhook's due rows after its cursor",
      () =>
        plan(
          `SELECT d.* FROM deliveries d WHERE d.webhook_id = ? AND d.next_attempt_at IS NOT NULL
      AND (d.next_attempt_at, d.id) > (?, ?) AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT 10`,
          ['w', 0, '', 1],
        ),
    ],
    [
      "the timer: a webhook's next due time",
      () =>
        plan(
          `SELECT next_attempt_at FROM deliveries WHERE webhook_id = ? AND next_attempt_at IS NOT NULL
      AND next_attempt_at > ? ORDER BY next_attempt_at LIMIT 1`,
          ['w', 0],
        ),
    ],
  ],
  deliveries_by_webhook: [
    ["a webhook's deliveries", () => deliveriesPage({ webhookId: 'wh_a' })],
    ['cascade when a webhook is deleted', () => plan('SELECT 1 FROM deliveries WHERE webhook_id = ?', ['w'])],
  ],
  deliveries_by_workspace: [['the deliveries list', () => deliveriesPage({})]],
  deliveries_by_event: [
    ['a rare word: matched events → their deliveries', () => deliveriesPage({ q: 'needle' })],
    ['retention: events no delivery refers to', () => plan('SELECT 1 FROM deliveries d WHERE d.event_id = ?', ['e'])],
  ],
  deliveries_ws_status_time: [
    ['the list by status', () => deliveriesPage({ status: ['failed'] })],
    [
      'retention by status and age',
      () =>
        plan(
          `DELETE FROM deliveries WHERE workspace_id IN (SELECT id FROM workspaces) AND status = 'success' AND created_at < ?`,
          [0],
        ),
    ],
  ],
  deliveries_ws_type_time: [['the list by event type', () => deliveriesPage({ eventType: 'user.created' })]],
  deliveries_ws_code_time: [['the list by HTTP status', () => deliveriesPage({ httpStatus: 500 })]],
  sqlite_autoindex_requests_1: [['a request by id', () => plan('SELECT * FROM requests WHERE id = ?', ['x'])]],
  requests_by_inbox: [
    ["an inbox's requests", () => requestsPage({ inboxId: 'inb_x' })],
    ['cascade when an inbox is deleted', () => plan('SELECT 1 FROM requests WHERE inbox_id = ?', ['i'])],
  ],
  requests_by_workspace: [
    ['the requests list', () => requestsPage({})],
    [
      'retention by age',
      () => plan('DELETE FROM requests WHERE workspace_id IN (SELECT id FROM workspaces) AND received_at < ?', [0]),
    ],
  ],
  requests_by_dedupe_key: [
    [
      "the receiver's duplicate check, as each request is stored",
      () => plan('SELECT EXISTS (SELECT 1 FROM requests WHERE inbox_id = ? AND dedupe_key = ?)', ['i', 'k']),
    ],
  ],
  requests_ws_valid_time: [['the list by signature verdict', () => requestsPage({ valid: false })]],
  requests_ws_status_time: [['the list by response status', () => requestsPage({ httpStatus: 500 })]],
};

describe('indexes of deliveries and requests', () => {
  it('are exactly the reviewed ones (a new index needs a query that walks it)', () => {
    const indexes = store.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('deliveries', 'requests') ORDER BY name`,
      )
      .pluck()
      .all();
    expect(indexes).toEqual(Object.keys(USES).sort());
  });

  it.each(Object.entries(USES).flatMap(([index, uses]) => uses.map(([what, p]) => [index, what, p] as const)))(
    '%s serves %s',
    (index, _what, p) => {
      const detail = p();
      expect(detail).toMatch(new RegExp(`\\b${index}\\b`));
      expect(detail).not.toMatch(/SCAN (d|r|deliveries|requests)( |$)/);
    },
  );
});
