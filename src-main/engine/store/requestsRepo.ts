import type { SchemaVerdict, SchemaVerdictStatus } from '../../api/catalogTypes';
import type {
  DedupeVia,
  ForwardResult,
  ReceivedRequest,
  ReceivedRequestSummary,
  SchemaVerdictBrief,
  SchemaVerdictDetail,
  Verdict,
  VerdictReason,
} from '../../api/receiverTypes';
import type { Db } from './database';
import { queueForSearch } from '../logs/searchIndex';
import { runBatch, WriteBatchBuilder, writeStatement, type WriteParam } from './writeBatch';

/** A received request as stored (the body as bytes; the detail view adds base64 and text). */
export interface StoredRequest extends Omit<ReceivedRequest, 'bodyBase64' | 'bodyText' | 'slug'> {
  body: Buffer;
}

export interface Row {
  id: string;
  workspace_id: string;
  inbox_id: string | null;
  method: string;
  path: string;
  query: string;
  headers: string;
  body: Buffer | null;
  body_size: number;
  body_truncated: number;
  remote_address: string | null;
  received_at: number;
  duration_ms: number;
  response_status: number | null;
  response_headers: string;
  response_body: string;
  verdict: string | null;
  valid: number | null;
  reason: string | null;
  dedupe_key: string | null;
  dedupe_via: DedupeVia | null;
  duplicate: number;
  forward: string | null;
  header_count: number | null;
  headers_truncated: number;
  received_size: number | null;
  schema_verdict: string | null;
  schema_status: SchemaVerdictStatus | null;
}

export type SummaryRow = Omit<
  Row,
  | 'headers'
  | 'body'
  | 'remote_address'
  | 'response_headers'
  | 'response_body'
  | 'verdict'
  | 'dedupe_key'
  | 'dedupe_via'
  | 'forward'
  | 'header_count'
  | 'headers_truncated'
  | 'received_size'
  | 'schema_verdict'
> & { slug: string | null; schema_brief: string | null };

/** The schema verdict as a {@link SchemaVerdictBrief} (JSON), made in SQL: a list never reads every issue. */
const SCHEMA_BRIEF =
  "CASE WHEN r.schema_verdict IS NULL THEN NULL ELSE json_object('catalog', r.schema_verdict ->> '$.catalog', " +
  "'type', r.schema_verdict ->> '$.type', 'status', r.schema_status, " +
  "'issueCount', json_array_length(r.schema_verdict, '$.issues'), 'firstIssue', r.schema_verdict -> '$.issues[0]') END";

export const SUMMARY_COLUMNS =
  'r.id, r.workspace_id, r.inbox_id, i.slug, r.method, r.path, r.query, r.received_at, r.duration_ms, r.body_size, ' +
  `r.body_truncated, r.response_status, r.valid, r.reason, r.duplicate, r.schema_status, ${SCHEMA_BRIEF} AS schema_brief`;

export const toSummary = (r: SummaryRow): ReceivedRequestSummary => ({
  id: r.id,
  workspaceId: r.workspace_id,
  inboxId: r.inbox_id,
  slug: r.slug,
  method: r.method,
  path: r.path,
  query: r.query,
  receivedAt: r.received_at,
  durationMs: r.duration_ms,
  bodySize: r.body_size,
  bodyTruncated: r.body_truncated === 1,
  responseStatus: r.response_status,
  valid: r.valid === null ? null : r.valid === 1,
  reason: r.reason as VerdictReason | null,
  duplicate: r.duplicate === 1,
  schemaStatus: r.schema_status,
  schemaVerdict: r.schema_brief === null ? null : (JSON.parse(r.schema_brief) as SchemaVerdictBrief),
});

export const toStored = (r: Row): StoredRequest => {
  const headers = JSON.parse(r.headers) as [string, string][];
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    inboxId: r.inbox_id,
    method: r.method,
    path: r.path,
    query: r.query,
    headers,
    headerCount: r.header_count ?? headers.length,
    headersTruncated: r.headers_truncated === 1,
    receivedSize: r.received_size ?? r.body_size,
    body: r.body ?? Buffer.alloc(0),
    bodySize: r.body_size,
    bodyTruncated: r.body_truncated === 1,
    remoteAddress: r.remote_address,
    receivedAt: r.received_at,
    durationMs: r.duration_ms,
    responseStatus: r.response_status,
    responseHeaders: JSON.parse(r.response_headers),
    responseBody: r.response_body,
    verdict: r.verdict === null ? null : (JSON.parse(r.verdict) as Verdict),
    valid: r.valid === null ? null : r.valid === 1,
    reason: r.reason as VerdictReason | null,
    dedupeKey: r.dedupe_key,
    // Rows from before migration 008 without a key read the column default: no key, no way.
    dedupeVia: r.dedupe_key === null ? null : r.dedupe_via,
    duplicate: r.duplicate === 1,
    forward: r.forward === null ? null : (JSON.parse(r.forward) as ForwardResult),
    // Rows from before migration 010, and requests not checked, have none.
    schemaStatus: r.schema_status,
    schemaVerdict:
      r.schema_verdict === null ? null : schemaVerdictDetail(JSON.parse(r.schema_verdict) as SchemaVerdict),
  };
};

export interface RequestListQuery {
  workspaceId?: string;
  inboxId?: string;
  limit: number;
  /** A request id: list only requests older than it. */
  before?: string;
}

/**
 * The columns {@link RequestsRepo.writeBatch} writes, and each one's value. `duplicate` is
 * decided by the INSERT itself (below), so that it sees every row stored before it, in this
 * batch or earlier ones, whichever connection runs the batch.
 */
const WRITTEN: [keyof Row, (s: StoredRequest) => WriteParam][] = [
  ['id', (s) => s.id],
  ['workspace_id', (s) => s.workspaceId],
  ['inbox_id', (s) => s.inboxId],
  ['method', (s) => s.method],
  ['path', (s) => s.path],
  ['query', (s) => s.query],
  ['headers', (s) => JSON.stringify(s.headers)],
  ['header_count', (s) => s.headerCount],
  ['headers_truncated', (s) => (s.headersTruncated ? 1 : 0)],
  ['received_size', (s) => s.receivedSize],
  ['body', (s) => s.body],
  ['body_size', (s) => s.bodySize],
  ['body_truncated', (s) => (s.bodyTruncated ? 1 : 0)],
  ['remote_address', (s) => s.remoteAddress],
  ['received_at', (s) => s.receivedAt],
  ['duration_ms', (s) => s.durationMs],
  ['response_status', (s) => s.responseStatus],
  ['response_headers', (s) => JSON.stringify(s.responseHeaders)],
  ['response_body', (s) => s.responseBody],
  ['verdict', (s) => (s.verdict === null ? null : JSON.stringify(s.verdict))],
  ['valid', (s) => (s.valid === null ? null : s.valid ? 1 : 0)],
  ['reason', (s) => s.reason],
  ['dedupe_key', (s) => s.dedupeKey],
  ['dedupe_via', (s) => s.dedupeVia],
  ['forward', (s) => (s.forward === null ? null : JSON.stringify(s.forward))],
  ['schema_verdict', (s) => schemaVerdictJson(s.schemaVerdict)],
  ['schema_status', (s) => s.schemaStatus],
];
/** The columns' values, then the inbox and message id again for the duplicate check (better-sqlite3 binds only anonymous `?` by position). */
const values = (s: StoredRequest): WriteParam[] => [
  ...WRITTEN.map(([, value]) => value(s)),
  s.inboxId,
  s.dedupeKey,
  s.dedupeVia,
];

/**
 * The row, `duplicate` decided from what is stored before it: an earlier request of the inbox
 * that carried the same message id the same way (header or verified body; an id claimed by an
 * unverified body has no way, and `=` never matches NULL); then its place in the text index's queue.
 */
const INSERT = writeStatement(`INSERT INTO requests (${WRITTEN.map(([c]) => c).join(', ')}, duplicate)
  SELECT ${WRITTEN.map(() => '?').join(', ')},
    EXISTS (SELECT 1 FROM requests WHERE inbox_id = ? AND dedupe_key = ? AND dedupe_via = ?)
  RETURNING duplicate`);
const SET_FORWARD = writeStatement('UPDATE requests SET forward = ? WHERE id = ?');
const SET_NO_ANSWER = writeStatement(
  `UPDATE requests SET response_status = NULL, response_headers = '{}', response_body = '' WHERE id = ?`,
);

export class RequestsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Stores one request now, `duplicate` decided from the requests already stored (tools and
   * tests; the receiver writes through the store's writer). Returns what was stored.
   */
  insert(request: StoredRequest): StoredRequest {
    const b = new WriteBatchBuilder();
    RequestsRepo.write(b, request);
    return RequestsRepo.stored(request, runBatch(this.db, b.build()));
  }

  /** Adds the runs that store `request` to a batch: one READ result, its `duplicate` (see {@link stored}). */
  static write(b: WriteBatchBuilder, request: StoredRequest): void {
    b.read(INSERT, values(request));
    queueForSearch(b, 'requests_fts');
  }

  /** The forward's result of a stored request (written when the forward settles). */
  static writeForward(b: WriteBatchBuilder, id: string, forward: ForwardResult): void {
    b.run(SET_FORWARD, [JSON.stringify(forward), id]);
  }

  /** A stored request whose client left before its answer could be sent: no response. */
  static writeNoAnswer(b: WriteBatchBuilder, id: string): void {
    b.run(SET_NO_ANSWER, [id]);
  }

  /** `duplicate` of the stored request with this id; undefined when there is none. */
  storedDuplicate(id: string): boolean | undefined {
    const row = this.db.prepare('SELECT duplicate FROM requests WHERE id = ?').pluck().get(id) as number | undefined;
    return row === undefined ? undefined : row === 1;
  }

  /** The request as stored, given its write's results. */
  static stored(request: StoredRequest, results: readonly unknown[]): StoredRequest {
    const duplicate = Boolean(results[0]);
    return duplicate === request.duplicate ? request : { ...request, duplicate };
  }

  get(id: string): StoredRequest | undefined {
    const row = this.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Row | undefined;
    return row && toStored(row);
  }

  /**
   * The latest valid request of an inbox carrying message id `dedupeKey`, received no later than
   * `receivedAt` and other than `exceptId` (diff.explain's counterpart); on requests_by_dedupe_key.
   */
  latestValidWithKey(
    inboxId: string,
    dedupeKey: string,
    receivedAt: number,
    exceptId: string,
  ): StoredRequest | undefined {
    const row = this.db
      .prepare(
        'SELECT * FROM requests WHERE inbox_id = ? AND dedupe_key = ? AND valid = 1 AND id <> ? AND received_at <= ? ORDER BY received_at DESC, id DESC LIMIT 1',
      )
      .get(inboxId, dedupeKey, exceptId, receivedAt) as Row | undefined;
    return row && toStored(row);
  }

  summary(id: string): ReceivedRequestSummary | undefined {
    const row = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM requests r LEFT JOIN inboxes i ON i.id = r.inbox_id WHERE r.id = ?`)
      .get(id) as SummaryRow | undefined;
    return row && toSummary(row);
  }

  /** Newest first; `before` pages on (received_at, id). */
  list(q: RequestListQuery): ReceivedRequestSummary[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.workspaceId !== undefined) {
      where.push('r.workspace_id = ?');
      params.push(q.workspaceId);
    }
    if (q.inboxId !== undefined) {
      where.push('r.inbox_id = ?');
      params.push(q.inboxId);
    }
    if (q.before !== undefined) {
      const cursor = this.db.prepare('SELECT received_at FROM requests WHERE id = ?').get(q.before) as
        { received_at: number } | undefined;
      if (cursor === undefined) return [];
      where.push('(r.received_at, r.id) < (?, ?)');
      params.push(cursor.received_at, q.before);
    }
    const sql =
      `SELECT ${SUMMARY_COLUMNS} FROM requests r LEFT JOIN inboxes i ON i.id = r.inbox_id` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY r.received_at DESC, r.id DESC LIMIT ?';
    return (this.db.prepare(sql).all(...params, q.limit) as SummaryRow[]).map(toSummary);
  }

  /**
   * Retention: removes requests received before `cutoffMs`; returns how many. Per workspace, on
   * requests_by_workspace (every request's workspace exists: it cascades), so inserts need no
   * index on received_at alone.
   */
  deleteOlderThan(cutoffMs: number): number {
    return this.db
      .prepare('DELETE FROM requests WHERE workspace_id IN (SELECT id FROM workspaces) AND received_at < ?')
      .run(cutoffMs).changes;
  }
}

/** The list/event view of a stored request. */
export function summarize(s: StoredRequest, slug: string | null): ReceivedRequestSummary {
  return {
    id: s.id,
    workspaceId: s.workspaceId,
    inboxId: s.inboxId,
    slug,
    method: s.method,
    path: s.path,
    query: s.query,
    receivedAt: s.receivedAt,
    durationMs: s.durationMs,
    bodySize: s.bodySize,
    bodyTruncated: s.bodyTruncated,
    responseStatus: s.responseStatus,
    valid: s.valid,
    reason: s.reason,
    duplicate: s.duplicate,
    schemaStatus: s.schemaStatus,
    schemaVerdict: schemaVerdictBrief(s.schemaVerdict),
  };
}

/** The feed's view of a schema verdict (the same as the list's SQL makes). */
export function schemaVerdictBrief(v: SchemaVerdict | null): SchemaVerdictBrief | null {
  if (v === null) return null;
  return {
    catalog: v.catalog,
    type: v.type,
    status: v.status,
    issueCount: v.issues.length,
    firstIssue: v.issues[0] ?? null,
  };
}

/** A verdict as a request's detail carries it: every issue, and the brief's fields. */
export function schemaVerdictDetail(v: SchemaVerdict | null): SchemaVerdictDetail | null {
  return v === null ? null : { ...schemaVerdictBrief(v)!, issues: v.issues };
}

/** The stored JSON: the verdict itself (the brief's fields are derived when read). */
function schemaVerdictJson(v: SchemaVerdict | null): string | null {
  return v === null ? null : JSON.stringify({ catalog: v.catalog, type: v.type, status: v.status, issues: v.issues });
}
