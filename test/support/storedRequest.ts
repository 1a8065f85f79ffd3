/** A received request as the store keeps it, with plain defaults: tests override what they are about. */
import { newId } from '../../src-main/engine/ids';
import type { StoredRequest } from '../../src-main/engine/store/requestsRepo';

export function storedRequest(over: Partial<StoredRequest> = {}): StoredRequest {
  const receivedAt = over.receivedAt ?? Date.now();
  return {
    id: newId('req', receivedAt),
    workspaceId: 'ws_default',
    inboxId: null,
    method: 'POST',
    path: '/x',
    query: '',
    headers: [['Content-Type', 'text/plain']],
    headerCount: 1,
    headersTruncated: false,
    receivedSize: 2,
    body: Buffer.from('hi'),
    bodySize: 2,
    bodyTruncated: false,
    remoteAddress: '127.0.0.1',
    receivedAt,
    durationMs: 1,
    responseStatus: 200,
    responseHeaders: {},
    responseBody: '',
    verdict: null,
    valid: null,
    reason: null,
    dedupeKey: null,
    dedupeVia: over.dedupeKey ? 'header' : null,
    duplicate: false,
    forward: null,
    schemaVerdict: null,
    schemaStatus: over.schemaVerdict?.status ?? null,
    ...over,
  };
}
