/** The starting point of "Replay with edits…": a received request or a delivery attempt as an editable request. */
import type { ReceivedRequest, ReplaySource } from '../../../src-main/api/receiverTypes';
import { RESERVED_HEADER_NAMES, type SchemeName } from '../../../src-main/api/schemas';
import type { Attempt, DeliveryDetail } from '../../../src-main/api/types';
import type { HeaderRows } from '../../components/HeadersEditor';

export interface ReplayDraft {
  source: ReplaySource;
  /** The diff ref of the original (`req_…`, `dlv_…#2`). */
  ref: string;
  /** "request req_…", "delivery dlv_… attempt 2". */
  label: string;
  method: string;
  url: string;
  /** The original's headers minus those the HTTP client sets per request (Host, Content-Length, …). */
  headers: HeaderRows;
  /** The body as text, or as base64 when it is not UTF-8. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  /** The scheme the original was signed with, offered when re-signing. */
  scheme: SchemeName | null;
  /** The receiver cut the original's body at its size limit: what the editor holds is incomplete. */
  bodyCut: boolean;
}

const reserved = new Set<string>(RESERVED_HEADER_NAMES);
const editable = (headers: [string, string][]): HeaderRows => headers.filter(([n]) => !reserved.has(n.toLowerCase()));

export function draftOfRequest(r: ReceivedRequest, receiverUrl: string): ReplayDraft {
  return {
    source: { kind: 'request', id: r.id },
    ref: r.id,
    label: `request ${r.id}`,
    method: r.method,
    url: `${receiverUrl}${r.path}${r.query ? `?${r.query}` : ''}`,
    headers: editable(r.headers),
    body: r.bodyText ?? r.bodyBase64,
    bodyEncoding: r.bodyText === null ? 'base64' : 'utf8',
    scheme: r.verdict && r.verdict.scheme !== 'none' ? r.verdict.scheme : null,
    bodyCut: r.bodyTruncated,
  };
}

export function draftOfAttempt(d: DeliveryDetail, a: Attempt, scheme: SchemeName | null): ReplayDraft {
  return {
    source: { kind: 'attempt', deliveryId: d.id, attempt: a.number },
    ref: `${d.id}#${a.number}`,
    label: `delivery ${d.id} attempt ${a.number}`,
    method: a.request.method,
    url: a.request.url,
    headers: editable(Object.entries(a.request.headers)),
    body: d.body,
    bodyEncoding: 'utf8',
    scheme: scheme === 'none' ? null : scheme,
    bodyCut: false,
  };
}
