/**
 * Re-sending a received request elsewhere: the inbox's forward-to target, or any URL on
 * replay. The request goes out as it came in — method, header names and values in order,
 * exact body bytes — minus what belongs to the hop it arrived on.
 */
import { request, type Agent } from 'undici';
import type { ForwardResult, Inbox } from '../../api/receiverTypes';
import { classifyError } from '../delivery/dispatcher';
import { subscriptionMatches } from '../webhooks/subscriptions';

export const RESENT_BODY_LIMIT = 10 * 1024;

/**
 * Connection-level headers (RFC 9110 §7.6.1), plus what the new hop computes itself
 * (host, content-length) and `expect`, which would make the client wait for a 100 Continue.
 */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);

/** Raw header pairs minus hop headers (and any the Connection header names), flattened for undici. */
export function outgoingHeaders(pairs: readonly [string, string][]): string[] {
  const named = new Set(
    pairs
      .filter(([n]) => n.toLowerCase() === 'connection')
      .flatMap(([, v]) => v.split(','))
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: string[] = [];
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    if (HOP_HEADERS.has(lower) || named.has(lower)) continue;
    out.push(name, value);
  }
  return out;
}

export interface Resend {
  url: string;
  method: string;
  headers: readonly [string, string][];
  body: Buffer;
  timeoutMs: number;
  agent: Agent;
  signal?: AbortSignal;
}

export type ResendResult = Omit<ForwardResult, 'pending'> & { durationMs: number };

/** Never throws: a network failure comes back as `error`. */
export async function resend(r: Resend): Promise<ResendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signals = [AbortSignal.timeout(r.timeoutMs), ...(r.signal ? [r.signal] : [])];
  try {
    const res = await request(r.url, {
      method: r.method as 'POST',
      headers: outgoingHeaders(r.headers),
      // undici rejects a body on GET/HEAD; an empty body is the same request without one.
      body: r.body.length > 0 ? r.body : undefined,
      dispatcher: r.agent,
      headersTimeout: r.timeoutMs,
      bodyTimeout: r.timeoutMs,
      signal: AbortSignal.any(signals),
    });
    const { text, truncated } = await readText(res.body, RESENT_BODY_LIMIT);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    return { url: r.url, status: res.statusCode, headers, body: text, truncated, durationMs: elapsed(), error: null };
  } catch (e) {
    const error = r.signal?.aborted
      ? 'the receiver stopped before an answer'
      : classifyError(e, r.timeoutMs).errorMessage;
    return { url: r.url, status: null, headers: null, body: null, truncated: false, durationMs: elapsed(), error };
  }
}

async function readText(body: AsyncIterable<Buffer>, limit: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true }; // leaving the loop destroys the rest
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

/**
 * Where an inbox forwards a request of `eventType`: the first route with a matching pattern (the
 * rule of webhook subscriptions; a request naming no type matches only `*`), else `forwardTo`.
 * `matched` is the pattern that chose the URL (null: forward-to). Null: not forwarded.
 */
export function forwardTargetOf(
  inbox: Pick<Inbox, 'forwardTo' | 'forwardRoutes'>,
  eventType: string | null,
): { url: string; matched: string | null } | null {
  for (const route of inbox.forwardRoutes) {
    const matched = route.events.find((p) => subscriptionMatches(p, eventType ?? ''));
    if (matched !== undefined) return { url: route.url, matched };
  }
  return inbox.forwardTo ? { url: inbox.forwardTo, matched: null } : null;
}

/**
 * Where a request to `/in/<slug><subPath>?<query>` is forwarded: the target with the sub-path
 * appended and the query merged, so one forward URL serves a whole route tree.
 */
export function forwardUrl(forwardTo: string, subPath: string, query: string): string {
  const url = new URL(forwardTo);
  if (subPath) url.pathname = url.pathname.replace(/\/$/, '') + subPath;
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  return url.toString();
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '0.0.0.0', '[::]']);

/** True when `target` is this same inbox on this receiver: forwarding there would loop for ever. */
export function forwardsToItself(target: string, selfPort: number | null, slug: string): boolean {
  if (selfPort === null) return false;
  const url = new URL(target);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (port !== selfPort || !LOOPBACK.has(url.hostname)) return false;
  return url.pathname === `/in/${slug}` || url.pathname.startsWith(`/in/${slug}/`);
}
