/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), streamed entry by entry: the
 * `log` head, then each entry, then the closing brackets. One entry per attempt (the request
 * Hookbench sent, the response it got) or per received request (the request that arrived, the
 * response the inbox gave). Extra fields start with `_` as the spec allows. A network error
 * has status 0 and the error as statusText (as browsers export failed requests).
 */
import { STATUS_CODES } from 'node:http';
import pkg from '../../../package.json' with { type: 'json' };
import type { FormatWriter } from './format';
import { headerValue, type AttemptRecord, type RequestRecord } from './records';

export const HAR_CREATOR = { name: 'Hookbench', version: pkg.version };
const HTTP_1_1 = 'HTTP/1.1';

interface NameValue {
  name: string;
  value: string;
}

const nameValues = (headers: Record<string, string> | [string, string][]): NameValue[] =>
  (Array.isArray(headers) ? headers : Object.entries(headers)).map(([name, value]) => ({ name, value: String(value) }));

function queryString(search: string): NameValue[] {
  return [...new URLSearchParams(search)].map(([name, value]) => ({ name, value }));
}

function searchOf(url: string): string {
  try {
    return new URL(url).search;
  } catch {
    return '';
  }
}

const ms = (n: number | null) => Math.max(0, n ?? 0);

function noResponse(statusText: string) {
  return {
    status: 0,
    statusText,
    httpVersion: '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
  };
}

function response(status: number, headers: Record<string, string>, body: string) {
  const size = Buffer.byteLength(body);
  return {
    status,
    statusText: STATUS_CODES[status] ?? '',
    httpVersion: HTTP_1_1,
    cookies: [],
    headers: nameValues(headers),
    content: { size, mimeType: headerValue(headers, 'content-type') ?? 'x-unknown', text: body },
    redirectURL: headerValue(headers, 'location') ?? '',
    headersSize: -1,
    bodySize: size,
  };
}

export function attemptEntry({ delivery: d, attempt: a, body }: AttemptRecord) {
  const time = ms(a.durationMs);
  const noAnswer =
    a.finishedAt === null ? 'no response yet (in flight)' : (a.errorMessage ?? a.errorClass ?? 'no response');
  return {
    startedDateTime: new Date(a.startedAt).toISOString(),
    time,
    request: {
      method: a.request.method,
      url: a.request.url,
      httpVersion: HTTP_1_1,
      cookies: [],
      headers: nameValues(a.request.headers),
      queryString: queryString(searchOf(a.request.url)),
      postData: { mimeType: headerValue(a.request.headers, 'content-type') ?? 'application/json', text: body },
      headersSize: -1,
      bodySize: Buffer.byteLength(body),
    },
    response: a.response ? response(a.response.status, a.response.headers, a.response.body) : noResponse(noAnswer),
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    _deliveryId: d.id,
    _deliveryStatus: d.status,
    _webhookId: d.webhookId,
    _eventType: d.eventType,
    _eventId: d.eventId,
    _attempt: a.number,
    _trigger: a.trigger,
    _scheduledDateTime: new Date(a.scheduledAt).toISOString(),
    _errorClass: a.errorClass,
    _errorMessage: a.errorMessage,
    _responseTruncated: a.response?.truncated ?? false,
  };
}

export function requestEntry({ request: r, slug, body }: RequestRecord) {
  const time = ms(r.durationMs);
  const host = headerValue(r.headers, 'host') ?? 'localhost';
  const contentType = headerValue(r.headers, 'content-type');
  return {
    startedDateTime: new Date(r.receivedAt).toISOString(),
    time,
    request: {
      method: r.method,
      url: `http://${host}${r.path}${r.query ? `?${r.query}` : ''}`,
      httpVersion: HTTP_1_1,
      cookies: [],
      headers: nameValues(r.headers),
      queryString: queryString(r.query),
      ...(body.size === 0
        ? {}
        : {
            postData: {
              mimeType: contentType ?? (body.encoding === 'utf8' ? 'text/plain' : 'application/octet-stream'),
              text: body.text,
              ...(body.encoding === 'base64' ? { _encoding: 'base64' } : {}),
            },
          }),
      headersSize: -1,
      bodySize: body.size,
    },
    response:
      r.responseStatus === null
        ? noResponse('no response: the client went away first')
        : response(r.responseStatus, r.responseHeaders, r.responseBody),
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    _requestId: r.id,
    _inboxId: r.inboxId,
    _inboxSlug: slug,
    _remoteAddress: r.remoteAddress,
    _bodyTruncated: r.bodyTruncated,
    _valid: r.valid,
    _reason: r.reason,
    _verdict: r.verdict,
    _schemaVerdict: r.schemaVerdict,
    _duplicate: r.duplicate,
    _forward: r.forward,
  };
}

export function harWriter(): FormatWriter {
  let first = true;
  const entry = (e: unknown) => {
    const sep = first ? '\n' : ',\n';
    first = false;
    return sep + JSON.stringify(e);
  };
  return {
    begin: () => `{"log":{"version":"1.2","creator":${JSON.stringify(HAR_CREATOR)},"pages":[],"entries":[`,
    attempt: (r) => entry(attemptEntry(r)),
    request: (r) => entry(requestEntry(r)),
    end: () => '\n]}}\n',
  };
}
