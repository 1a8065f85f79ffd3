/** What `listen --expect` needs to know of a received request: its event type, signature verdict and JSON body. */
import type { ReceivedRequest } from '../../api/receiverTypes';
import { requestEventType } from '../../api/requestEventType';

export interface Arrival {
  /** Null: the request names no event type. */
  eventType: string | null;
  /** Null: it reached no inbox (unrouted). */
  valid: boolean | null;
  /** Why the signature did not verify, as the request log words it. */
  reason: string | null;
  /** An id seen before, carried the same way: a resend of a message already counted. */
  duplicate: boolean;
  /** The parsed JSON body; `NOT_JSON` when the body is not JSON. */
  body: unknown;
}

export const NOT_JSON: unique symbol = Symbol('not JSON');

export function arrivalOf(
  r: Pick<ReceivedRequest, 'headers' | 'bodyText' | 'verdict' | 'valid' | 'reason' | 'duplicate'>,
): Arrival {
  const body = parseJson(r.bodyText);
  return {
    eventType: eventTypeOf(r, body),
    valid: r.valid,
    reason: r.reason,
    duplicate: r.duplicate,
    body,
  };
}

function eventTypeOf(r: Pick<ReceivedRequest, 'headers' | 'verdict'>, body: unknown): string | null {
  return requestEventType(
    r.verdict?.scheme ?? null,
    (name) => r.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1],
    () => (body && typeof body === 'object' ? (body as { type?: unknown }).type : undefined),
  );
}

function parseJson(text: string | null): unknown {
  if (text === null || text.trim() === '') return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** A request to a path that is no inbox. */
export const UNROUTED_ARRIVAL: Arrival = {
  eventType: null,
  valid: null,
  reason: null,
  duplicate: false,
  body: NOT_JSON,
};
