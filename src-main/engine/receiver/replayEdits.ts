/**
 * Replay with edits: a received request or a delivery attempt sent again with its method, URL,
 * headers and body changed, either keeping the signature headers as they are (to see a change
 * break it) or signed afresh with a scheme and secret.
 *
 * Credentials: an attempt records its credential headers as [redacted]. A replay never fills
 * them in from the webhook — the URL may point anywhere — so such a value is refused with a
 * field error and the person types the real one (or removes the header).
 */
import type { Agent } from 'undici';
import { splitUserinfo, wireTarget } from '../../api/credentials';
import { conflict, HookbenchError, notFound } from '../../api/errors';
import { headerPairsSchema, type ReplayEditedArgs } from '../../api/receiverSchemas';
import type { EditedReplayResult, ReplaySigning, ReplaySource, SentRequest } from '../../api/receiverTypes';
import { parseInput } from '../../api/schemas';
import type { DeliveryDetail } from '../../api/types';
import { z } from 'zod';
import { newId } from '../ids';
import { DETECT_HEADERS, getScheme } from '../signing/registry';
import { SCHEME_HEADERS } from '../diff/schemeHeaders';
import type { StoredRequest } from '../store/requestsRepo';
import { jsonType } from './eventType';
import { outgoingHeaders, resend } from './forwarder';

/** What an edited replay starts from. */
export interface ReplayOrigin {
  source: ReplaySource;
  method: string;
  headers: [string, string][];
  body: Buffer;
  /** Why the body cannot be sent as is (cut at the limit), or null. */
  bodyIncomplete: string | null;
  /** The event type to sign with when neither the input nor the headers name one. */
  eventType: string;
}

export function originOfRequest(stored: StoredRequest): ReplayOrigin {
  return {
    source: { kind: 'request', id: stored.id },
    method: stored.method,
    headers: stored.headers,
    body: stored.body,
    bodyIncomplete: stored.bodyTruncated
      ? `request ${stored.id} was cut at the body limit, so its body is incomplete; give the body to send`
      : null,
    eventType: jsonType(stored.body) ?? 'webhook.replayed',
  };
}

export function originOfAttempt(delivery: DeliveryDetail, number: number): ReplayOrigin {
  const attempt = delivery.attempts.find((a) => a.number === number);
  if (!attempt) throw notFound('attempt', `${number} of delivery ${delivery.id}`, 'source.attempt');
  return {
    source: { kind: 'attempt', deliveryId: delivery.id, attempt: number },
    method: attempt.request.method,
    headers: Object.entries(attempt.request.headers),
    body: Buffer.from(delivery.body, 'utf8'),
    bodyIncomplete: null,
    eventType: delivery.eventType,
  };
}

const headersField = z.strictObject({ headers: headerPairsSchema });

/**
 * Applies the edits and the signing choice and sends the request. Every check runs before
 * anything is sent: a bad edit is a field error and nothing goes out. Never throws for a
 * network failure: that comes back as `response.error`.
 */
/** Finds the request an own inbox stored for a replay (replayArrival.ts); given by whoever knows the receiver. */
export type ArrivalFinder = (sent: SentRequest, sentAt: number) => Promise<string | null>;

export async function replayEdited(
  p: ReplayEditedArgs,
  origin: ReplayOrigin,
  agent: Agent,
  arrival: ArrivalFinder,
  now = Date.now(),
): Promise<EditedReplayResult> {
  if (p.body === undefined && origin.bodyIncomplete) throw conflict(origin.bodyIncomplete, 'body');
  const body =
    p.body === undefined ? origin.body : Buffer.from(p.body, p.bodyEncoding === 'base64' ? 'base64' : 'utf8');
  // Headers taken from the source are checked like edited ones (a recorded [redacted] included).
  const edited = p.headers ?? parseInput(headersField, { headers: pairsOf(outgoingHeaders(origin.headers)) }).headers;
  const { url, headers: withAuth } = wireUrl(p.url, edited);
  const { headers, signing } =
    p.signing.mode === 'resign'
      ? resign(withAuth, body, p.signing, origin.eventType, now)
      : { headers: withAuth, signing: { mode: 'keep' } as const };

  const method = p.method ?? origin.method;
  const sent: SentRequest = {
    method,
    url,
    headers: pairsOf(outgoingHeaders(headers)),
    bodyBase64: body.toString('base64'),
    bodyText: utf8OrNull(body),
  };
  const r = await resend({ url, method, headers: sent.headers, body, timeoutMs: p.timeoutSec * 1000, agent });
  return {
    source: origin.source,
    sentAt: now,
    request: sent,
    signing,
    response: {
      url: r.url,
      status: r.status,
      headers: r.headers,
      body: r.body,
      truncated: r.truncated,
      durationMs: r.durationMs,
      error: r.error,
    },
    arrivedRequestId: r.status === null ? null : await arrival(sent, now),
  };
}

type Resign = Extract<ReplayEditedArgs['signing'], { mode: 'resign' }>;

/** Marks the header a scheme writes the event type into (see `resign`). */
const EVENT_TYPE_PROBE = '\u0000event-type';

/**
 * Signs `body` with one secret as the scheme does on delivery: a fresh message id and the
 * current timestamp. The scheme's headers replace the old ones in place (first occurrence
 * keeps its position, repeats go); its other signature headers (aliases) are removed.
 */
function resign(
  headers: [string, string][],
  body: Buffer,
  s: Resign,
  fallbackEventType: string,
  now: number,
): { headers: [string, string][]; signing: ReplaySigning } {
  const scheme = getScheme(s.scheme);
  try {
    scheme.checkSecret(s.secret);
  } catch (e) {
    throw e instanceof HookbenchError ? new HookbenchError(e.code, e.message, 'signing.secret') : e;
  }
  const id = newId('msg', now);
  const timestamp = Math.floor(now / 1000);
  const input = { id, timestamp, body, secrets: [s.secret] };
  // Signing with a probe shows which header carries the event type, so an edited value there is kept.
  const probe = scheme.sign({ ...input, eventType: EVENT_TYPE_PROBE });
  const eventHeader = Object.keys(probe).find((name) => probe[name] === EVENT_TYPE_PROBE);
  const eventType = s.eventType ?? (eventHeader && valueOf(headers, eventHeader)) ?? fallbackEventType;
  const signed = Object.entries(scheme.sign({ ...input, eventType }));

  const fresh = new Map(signed.map(([n, v]) => [n.toLowerCase(), v]));
  // Its other signature, id and timestamp headers (svix-id beside webhook-id) would carry the old values: they go.
  const aliases = SCHEME_HEADERS[s.scheme];
  const dropped = new Set([
    ...(s.scheme === 'none' ? [] : DETECT_HEADERS[s.scheme].map((n) => n.toLowerCase())),
    ...aliases.id,
    ...aliases.timestamp,
  ]);
  const placed = new Set<string>();
  const out: [string, string][] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (fresh.has(lower)) {
      if (!placed.has(lower)) out.push([name, fresh.get(lower)!]);
      placed.add(lower);
    } else if (!dropped.has(lower)) out.push([name, value]);
  }
  for (const [name, value] of signed) if (!placed.has(name.toLowerCase())) out.push([name, value]);
  return {
    headers: out,
    signing: { mode: 'resign', scheme: s.scheme, id, timestamp, eventType, headers: signed.map(([n]) => n) },
  };
}

/** HTTP clients do not send URL userinfo; it goes as `Authorization: Basic …` (unless one is given), as on delivery. */
function wireUrl(url: string, headers: [string, string][]): { url: string; headers: [string, string][] } {
  const { userinfo, bare } = splitUserinfo(url);
  if (userinfo === null) return { url, headers };
  if (headers.some(([n]) => n.toLowerCase() === 'authorization')) return { url: bare, headers };
  const wire = wireTarget(url, {});
  return { url: wire.url, headers: [...headers, ['authorization', wire.headers.authorization!]] };
}

function valueOf(headers: [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

function pairsOf(flat: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8OrNull(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}
