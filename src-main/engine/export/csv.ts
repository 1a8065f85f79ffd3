/** CSV (RFC 4180): a header row, then one row per attempt or request; CRLF line ends; times in ISO 8601 UTC. */
import { issueText } from '../catalogs/schemaValidator';
import type { ExportKind, FormatWriter } from './format';
import type { AttemptRecord, RequestRecord } from './records';

type Cell = string | number | boolean | null | undefined;

export const ATTEMPT_COLUMNS = [
  'started_at',
  'delivery_id',
  'delivery_status',
  'webhook_id',
  'event_type',
  'event_id',
  'attempt',
  'trigger',
  'scheduled_at',
  'finished_at',
  'duration_ms',
  'request_method',
  'request_url',
  'request_headers',
  'request_body',
  'response_status',
  'response_headers',
  'response_body',
  'response_truncated',
  'error_class',
  'error_message',
] as const;

export const REQUEST_COLUMNS = [
  'received_at',
  'id',
  'inbox_id',
  'inbox_slug',
  'method',
  'path',
  'query',
  'remote_address',
  'headers',
  'body',
  'body_encoding',
  'body_size',
  'body_truncated',
  'response_status',
  'response_headers',
  'response_body',
  'duration_ms',
  'valid',
  'reason',
  'verdict_message',
  'schema_status',
  'schema_type',
  'schema_issue',
  'duplicate',
  'forward_url',
  'forward_status',
] as const;

/** A field, quoted when it holds a quote, a comma or a line break (quotes doubled). */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const line = (cells: readonly Cell[]) => cells.map(csvField).join(',') + '\r\n';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function attemptRow({ delivery: d, attempt: a, body }: AttemptRecord): Cell[] {
  return [
    iso(a.startedAt),
    d.id,
    d.status,
    d.webhookId,
    d.eventType,
    d.eventId,
    a.number,
    a.trigger,
    iso(a.scheduledAt),
    iso(a.finishedAt),
    a.durationMs,
    a.request.method,
    a.request.url,
    JSON.stringify(a.request.headers),
    body,
    a.response?.status,
    a.response ? JSON.stringify(a.response.headers) : null,
    a.response?.body,
    a.response?.truncated,
    a.errorClass,
    a.errorMessage,
  ];
}

function requestRow({ request: r, slug, body }: RequestRecord): Cell[] {
  return [
    iso(r.receivedAt),
    r.id,
    r.inboxId,
    slug,
    r.method,
    r.path,
    r.query,
    r.remoteAddress,
    JSON.stringify(r.headers),
    body.text,
    body.encoding,
    body.size,
    r.bodyTruncated,
    r.responseStatus,
    JSON.stringify(r.responseHeaders),
    r.responseBody,
    r.durationMs,
    r.valid,
    r.reason,
    r.verdict?.message,
    r.schemaStatus,
    r.schemaVerdict?.type,
    // The first issue, as one line; NDJSON and HAR carry them all.
    r.schemaVerdict?.issues[0] && issueText(r.schemaVerdict.issues[0]),
    r.duplicate,
    r.forward?.url,
    r.forward?.status,
  ];
}

export function csvWriter(kind: ExportKind): FormatWriter {
  return {
    begin: () => line(kind === 'deliveries' ? ATTEMPT_COLUMNS : REQUEST_COLUMNS),
    attempt: (r) => line(attemptRow(r)),
    request: (r) => line(requestRow(r)),
    end: () => '',
  };
}
