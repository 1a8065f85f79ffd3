/**
 * An edited replay sent to one of this receiver's own inboxes arrives as a stored request; its
 * id lets a face diff the original against what actually arrived (`diff.compare`).
 */
import type { SentRequest } from '../../api/receiverTypes';
import type { Receiver } from './receiver';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0', '[::]']);
/** Requests looked at: the replay's is among the newest of its inbox unless traffic is heavy. */
const SCAN = 20;
/** Requests already matched to a replay (the newest few hundred): two identical replays get one each. */
const claimed = new Set<string>();
const CLAIMED_KEPT = 500;

function claim(id: string): string {
  claimed.add(id);
  if (claimed.size > CLAIMED_KEPT) claimed.delete(claimed.values().next().value!);
  return id;
}

/** The id of the request the inbox stored for `sent`, or null when it went elsewhere (or cannot be told apart). */
export async function findArrival(receiver: Receiver, sent: SentRequest, sentAt: number): Promise<string | null> {
  const slug = ownInboxSlug(receiver, sent.url);
  if (slug === null) return null;
  await receiver.idle(); // an inbox stores a request after answering it
  let inbox;
  try {
    inbox = receiver.inboxes.getBySlug(slug);
  } catch {
    return null;
  }
  const candidates = receiver.requests
    .list({ workspaceId: inbox.workspaceId, inboxId: inbox.id, limit: SCAN })
    .filter((r) => r.receivedAt >= sentAt && r.method === sent.method && !claimed.has(r.id))
    .reverse(); // oldest first: the first match is the one this replay sent
  for (const c of candidates) {
    const r = receiver.requests.get(c.id);
    // (The server trims a header value's surrounding spaces.)
    if (
      r.bodyBase64 === sent.bodyBase64 &&
      sent.headers.every(([n, v]) => r.headers.some(([rn, rv]) => rn === n && rv === v.trim()))
    )
      return claim(r.id);
  }
  return null;
}

function ownInboxSlug(receiver: Receiver, target: string): string | null {
  const port = receiver.status().port;
  if (port === null) return null;
  const url = new URL(target);
  if (!LOOPBACK.has(url.hostname) || Number(url.port || 80) !== port || url.protocol !== 'http:') return null;
  const m = /^\/in\/([^/]+)/.exec(url.pathname);
  return m ? decodeURIComponent(m[1]!) : null;
}
