/** Re-sending a stored request to any URL (the inspector's "replay"). */
import type { Agent } from 'undici';
import { HookbenchError } from '../../api/errors';
import type { ReplayResult } from '../../api/receiverTypes';
import type { StoredRequest } from '../store/requestsRepo';
import { resend } from './forwarder';

/**
 * Same method, the headers as they arrived (minus host, content-length and hop headers) and
 * the exact body bytes. A body cut at the size limit is refused: replaying it would send
 * something the original sender never did.
 */
export async function replayRequest(
  stored: StoredRequest,
  url: string,
  timeoutMs: number,
  agent: Agent,
): Promise<ReplayResult> {
  if (stored.bodyTruncated) {
    throw new HookbenchError(
      'conflict',
      `request ${stored.id} was cut at the body limit, so its body is incomplete and cannot be replayed`,
      'id',
    );
  }
  const r = await resend({ url, method: stored.method, headers: stored.headers, body: stored.body, timeoutMs, agent });
  return {
    url: r.url,
    status: r.status,
    headers: r.headers,
    body: r.body,
    truncated: r.truncated,
    durationMs: r.durationMs,
    error: r.error,
  };
}
