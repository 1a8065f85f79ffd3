/**
 * Rows for the logs tests, inserted with prepared statements in one transaction (roll-ups
 * recounted after), plus a plain-JS model of what each filter means.
 */
import type { DeliveryStatus } from '../../src-main/api/schemas';
import type { Db } from '../../src-main/engine/store/database';
import { queueAllForSearch } from '../../src-main/engine/logs/searchIndex';
import { recountRollups } from '../../src-main/engine/store/rollupTally';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';

export const OTHER_WS = 'ws_other';

export interface FixtureDelivery {
  id: string;
  workspaceId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  body: string;
  /** Durations of its attempts (one attempt row each). */
  durations: number[];
}

export function addWorkspace(db: Db, id: string): void {
  db.prepare('INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?, ?, 0)').run(id, id);
}

export function addWebhook(
  db: Db,
  id: string,
  workspaceId = DEFAULT_WORKSPACE_ID,
  secret = 'whsec_dGVzdHNlY3JldA==',
): void {
  db.prepare(
    `INSERT INTO webhooks (id, workspace_id, name, url, subscriptions, scheme, secret, timeout_ms, retry_policy, created_at, updated_at)
    VALUES (?, ?, ?, 'http://127.0.0.1:9/hook', '["*"]', 'standard', ?, 30000, '{}', 0, 0)`,
  ).run(id, workspaceId, id, secret);
}

/**
 * Inserts deliveries (and their events and attempts) with plain SQL; an event row is shared by
 * deliveries with the same eventId. The roll-ups are recounted and the events queued for the text
 * index afterwards (the engine's writer does both per batch; plain SQL does neither).
 */
export function insertDeliveries(db: Db, rows: FixtureDelivery[]): void {
  const event = db.prepare(
    'INSERT OR IGNORE INTO events (id, workspace_id, type, body, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const delivery =
    db.prepare(`INSERT INTO deliveries (id, workspace_id, webhook_id, event_id, event_type, status, attempt_count,
    last_status_code, last_error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const attempt =
    db.prepare(`INSERT INTO attempts (delivery_id, number, trigger, scheduled_at, started_at, finished_at, duration_ms,
    request_method, request_url, request_headers, response_status, response_headers, response_body, error_class, error_message)
    VALUES (?, ?, 'scheduled', ?, ?, ?, ?, 'POST', 'http://127.0.0.1:9/hook', '{}', ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const r of rows) {
      event.run(r.eventId, r.workspaceId, r.eventType, r.body, r.createdAt);
      delivery.run(
        r.id,
        r.workspaceId,
        r.webhookId,
        r.eventId,
        r.eventType,
        r.status,
        r.attemptCount,
        r.lastStatusCode,
        r.lastError,
        r.createdAt,
        r.createdAt,
      );
      r.durations.forEach((ms, i) => {
        const last = i === r.durations.length - 1;
        const code = last ? r.lastStatusCode : 500;
        attempt.run(
          r.id,
          i + 1,
          r.createdAt,
          r.createdAt + i,
          r.createdAt + i + ms,
          ms,
          code,
          code === null ? null : '{}',
          code === null ? null : '',
          code === null ? 'refused' : code >= 300 ? 'http' : null,
          code === null ? r.lastError : null,
        );
      });
    }
  })();
  // (A database from before migrations 003/004 has neither.)
  const has = (table: string) => db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table) !== undefined;
  if (has('delivery_rollup')) recountRollups(db);
  if (has('events_fts_ranges')) queueAllForSearch(db, 'events_fts');
}

/** A small seeded generator (the tests are reproducible). */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
export const TYPES = ['user.created', 'user.deleted', 'user.updated', 'order.created', 'payment.failed'];
const STATUSES: DeliveryStatus[] = [
  'success',
  'success',
  'success',
  'failed',
  'retrying',
  'pending',
  'sending',
  'cancelled',
];

/** `n` varied deliveries from `start`, 0–2 per millisecond (ties on created_at), for `webhooks`. */
export function generateDeliveries(
  n: number,
  opts: { start: number; webhooks: string[]; workspaceId?: string; seed?: number; prefix?: string },
): FixtureDelivery[] {
  const random = seeded(opts.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const rows: FixtureDelivery[] = [];
  let t = opts.start;
  for (let i = 0; i < n; i++) {
    if (random() < 0.6) t += 1 + Math.floor(random() * 5000);
    const status = pick(STATUSES);
    const network = random() < 0.25;
    const finished = status !== 'pending' && status !== 'sending';
    const code =
      status === 'success' ? pick([200, 201, 204]) : !finished || network ? null : pick([404, 410, 500, 503, 302]);
    const eventType = pick(TYPES);
    const tag = `${opts.prefix ?? 'd'}${String(i).padStart(5, '0')}`;
    const words = [pick(WORDS), pick(WORDS)];
    if (i % 17 === 0) words.push('needle');
    const body = JSON.stringify({
      id: `msg_${tag}`,
      type: eventType,
      timestamp: new Date(t).toISOString(),
      data: { id: `usr_${i}`, email: `person${i % 50}@example.com`, note: words.join(' ') },
    });
    const attempts = status === 'pending' ? 0 : 1 + Math.floor(random() * 3);
    rows.push({
      id: `dlv_${tag}`,
      workspaceId: opts.workspaceId ?? DEFAULT_WORKSPACE_ID,
      webhookId: pick(opts.webhooks),
      eventId: `msg_${tag}`,
      eventType,
      status,
      attemptCount: attempts,
      lastStatusCode: code,
      lastError: finished && code === null ? 'connect ECONNREFUSED 127.0.0.1:9' : null,
      createdAt: t,
      body,
      durations:
        status === 'sending' ? [] : Array.from({ length: attempts }, () => Math.floor(random() * random() * 400)),
    });
  }
  return rows;
}

/** Lower-cased word tokens, as FTS5's unicode61 tokenizer makes them (ASCII is enough here). */
const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The free-text rule: every word's tokens appear consecutively; the last token of the last word is a prefix. */
export function textMatches(body: string, q: string): boolean {
  const have = tokens(body);
  const words = q.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.every((w, wi) => {
    const phrase = tokens(w);
    const prefixLast = wi === words.length - 1;
    return have.some((_, start) =>
      phrase.every((p, k) => {
        const t = have[start + k];
        return t !== undefined && (prefixLast && k === phrase.length - 1 ? t.startsWith(p) : t === p);
      }),
    );
  });
}

export interface ModelQuery {
  status?: DeliveryStatus[];
  webhookId?: string;
  eventType?: string;
  httpStatus?: number | string;
  from?: number;
  to?: number;
  q?: string;
}

/** What a deliveries query should return, newest first, computed the slow obvious way. */
export function expectedDeliveries(rows: FixtureDelivery[], workspaceId: string, q: ModelQuery): string[] {
  return rows
    .filter((r) => r.workspaceId === workspaceId)
    .filter((r) => !q.status?.length || q.status.includes(r.status))
    .filter((r) => q.webhookId === undefined || r.webhookId === q.webhookId)
    .filter(
      (r) =>
        q.eventType === undefined ||
        (q.eventType.endsWith('*') ? r.eventType.startsWith(q.eventType.slice(0, -1)) : r.eventType === q.eventType),
    )
    .filter((r) => {
      const h = q.httpStatus;
      if (h === undefined) return true;
      if (h === 0) return r.lastStatusCode === null && r.lastError !== null;
      if (typeof h === 'number') return r.lastStatusCode === h;
      return r.lastStatusCode !== null && Math.floor(r.lastStatusCode / 100) === Number(h[0]);
    })
    .filter((r) => q.from === undefined || r.createdAt >= q.from)
    .filter((r) => q.to === undefined || r.createdAt < q.to)
    .filter((r) => q.q === undefined || textMatches(r.body, q.q))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .map((r) => r.id);
}
