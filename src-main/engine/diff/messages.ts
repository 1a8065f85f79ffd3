/**
 * A diff subject loaded from the store as one comparable HTTP message: a received request as it
 * arrived (the requests repo), or a delivery attempt as it was sent (the deliveries repo, its
 * body the event body — the bytes every attempt sends).
 */
import type { DiffSide } from '../../api/diffTypes';
import { parseSubjectRef, type ParsedSubjectRef } from '../../api/diffSchemas';
import { HookbenchError, notFound } from '../../api/errors';
import type { Verdict } from '../../api/receiverTypes';
import type { SchemeName } from '../../api/schemas';
import type { Attempt } from '../../api/types';
import { lowerCaseHeaderMap } from '../signing/headers';
import { detectScheme } from '../signing/registry';
import type { DeliveriesRepo } from '../store/deliveriesRepo';
import type { EventsRepo } from '../store/eventsRepo';
import type { RequestsRepo, StoredRequest } from '../store/requestsRepo';
import type { Store } from '../store/store';

/** What the diff reads. */
export interface DiffSources {
  requests: RequestsRepo;
  deliveries: DeliveriesRepo;
  events: EventsRepo;
  /** An inbox's name for labels; null when unknown. */
  inboxName?: (inboxId: string) => string | null;
}

/** The sources of an open store; `inboxName` labels requests with their inbox. */
export function storeDiffSources(store: Store, inboxName?: (inboxId: string) => string | null): DiffSources {
  return { requests: store.requests, deliveries: store.deliveries, events: store.events, inboxName };
}

/** One side with its body as bytes (the engine compares bytes; the side carries base64 and text for faces). */
export interface LoadedMessage {
  side: DiffSide;
  body: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function textOf(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/** Loads `ref` (a subject ref); a `not_found` naming `field` when it is not stored. */
export function loadMessage(sources: DiffSources, ref: string, field: string): LoadedMessage {
  return loadParsed(sources, parseSubjectRef(ref, field), field);
}

export function loadParsed(sources: DiffSources, ref: ParsedSubjectRef, field: string): LoadedMessage {
  if (ref.kind === 'request') {
    const stored = sources.requests.get(ref.id);
    if (!stored) throw notFound('request', ref.id, field);
    return requestMessage(sources, stored);
  }
  return attemptMessage(sources, ref.deliveryId, ref.attempt, field);
}

export function requestMessage(sources: DiffSources, r: StoredRequest): LoadedMessage {
  const path = r.query ? `${r.path}?${r.query}` : r.path;
  const inbox = r.inboxId ? (sources.inboxName?.(r.inboxId) ?? null) : null;
  return {
    body: r.body,
    side: {
      ref: r.id,
      kind: 'request',
      id: r.id,
      attempt: null,
      label: `request ${r.id}${inbox ? ` (inbox ${inbox})` : ''}`,
      method: r.method,
      url: path,
      path,
      headers: r.headers,
      ...bodyFields(r.body),
      bodyTruncated: r.bodyTruncated,
      at: r.receivedAt,
      durationMs: r.durationMs,
      responseStatus: r.responseStatus,
      verdict: r.verdict,
      scheme: schemeOf(r.headers, r.verdict?.scheme ?? null),
      eventId: null,
      eventType: null,
    },
  };
}

function attemptMessage(sources: DiffSources, deliveryId: string, number: number | null, field: string): LoadedMessage {
  const delivery = sources.deliveries.get(deliveryId);
  if (!delivery) throw notFound('delivery', deliveryId, field);
  const attempts = sources.deliveries.attempts(deliveryId);
  if (attempts.length === 0)
    throw new HookbenchError(
      'not_found',
      `delivery ${deliveryId} has not been sent yet: it has no attempt to compare`,
      field,
    );
  const attempt: Attempt | undefined =
    number === null ? attempts[attempts.length - 1] : attempts.find((a) => a.number === number);
  if (!attempt)
    throw new HookbenchError(
      'not_found',
      `delivery ${deliveryId} has no attempt ${number} (it has ${attempts.length})`,
      field,
    );
  const body = Buffer.from(sources.events.get(delivery.eventId)?.body ?? '', 'utf8');
  const headers = Object.entries(attempt.request.headers);
  return {
    body,
    side: {
      ref: `${deliveryId}#${attempt.number}`,
      kind: 'attempt',
      id: deliveryId,
      attempt: attempt.number,
      label: `delivery ${deliveryId} attempt ${attempt.number}`,
      method: attempt.request.method,
      url: attempt.request.url,
      path: pathOf(attempt.request.url),
      headers,
      ...bodyFields(body),
      bodyTruncated: false,
      at: attempt.startedAt,
      durationMs: attempt.durationMs,
      responseStatus: attempt.response?.status ?? null,
      verdict: null,
      scheme: schemeOf(headers, null),
      eventId: delivery.eventId,
      eventType: delivery.eventType,
    },
  };
}

function bodyFields(body: Buffer): Pick<DiffSide, 'bodyBase64' | 'bodyText' | 'bodySize'> {
  return { bodyBase64: body.toString('base64'), bodyText: textOf(body), bodySize: body.length };
}

/** The verdict's scheme unless it is `none` (nothing detected); else what the headers show. */
function schemeOf(headers: [string, string][], verdictScheme: SchemeName | null): SchemeName | null {
  if (verdictScheme && verdictScheme !== 'none') return verdictScheme;
  return detectScheme(lowerCaseHeaderMap(headers)) ?? verdictScheme;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** A request that is not stored (given on the command line), as a comparable message. */
export function givenMessage(input: {
  label: string;
  method: string;
  path: string;
  headers: [string, string][];
  body: Buffer;
  verdict: Verdict | null;
  at: number;
}): LoadedMessage {
  return {
    body: input.body,
    side: {
      ref: input.label,
      kind: 'request',
      id: input.label,
      attempt: null,
      label: input.label,
      method: input.method,
      url: input.path,
      path: input.path,
      headers: input.headers,
      ...bodyFields(input.body),
      bodyTruncated: false,
      at: input.at,
      durationMs: null,
      responseStatus: null,
      verdict: input.verdict,
      scheme: schemeOf(input.headers, input.verdict?.scheme ?? null),
      eventId: null,
      eventType: null,
    },
  };
}
