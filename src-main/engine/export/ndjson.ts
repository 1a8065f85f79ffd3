/** NDJSON: one JSON object per line, times in epoch ms like the API. */
import type { FormatWriter } from './format';
import type { AttemptRecord, RequestRecord } from './records';

export function attemptObject({ delivery: d, attempt: a, body }: AttemptRecord) {
  return {
    kind: 'attempt',
    deliveryId: d.id,
    deliveryStatus: d.status,
    workspaceId: d.workspaceId,
    webhookId: d.webhookId,
    eventType: d.eventType,
    eventId: d.eventId,
    attempt: a.number,
    trigger: a.trigger,
    scheduledAt: a.scheduledAt,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    durationMs: a.durationMs,
    request: { method: a.request.method, url: a.request.url, headers: a.request.headers, body },
    response: a.response,
    error: a.errorClass === null && a.errorMessage === null ? null : { class: a.errorClass, message: a.errorMessage },
  };
}

export function requestObject({ request: r, slug, body }: RequestRecord) {
  return {
    kind: 'request',
    id: r.id,
    workspaceId: r.workspaceId,
    inboxId: r.inboxId,
    inboxSlug: slug,
    method: r.method,
    path: r.path,
    query: r.query,
    receivedAt: r.receivedAt,
    durationMs: r.durationMs,
    remoteAddress: r.remoteAddress,
    headers: r.headers,
    body: { encoding: body.encoding, text: body.text, size: body.size, truncated: r.bodyTruncated },
    response: { status: r.responseStatus, headers: r.responseHeaders, body: r.responseBody },
    valid: r.valid,
    reason: r.reason,
    verdict: r.verdict,
    schemaVerdict: r.schemaVerdict,
    duplicate: r.duplicate,
    dedupeKey: r.dedupeKey,
    forward: r.forward,
  };
}

export function ndjsonWriter(): FormatWriter {
  return {
    begin: () => '',
    attempt: (r) => JSON.stringify(attemptObject(r)) + '\n',
    request: (r) => JSON.stringify(requestObject(r)) + '\n',
    end: () => '',
  };
}
