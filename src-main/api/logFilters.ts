/**
 * What the log filters mean, once. Each filter becomes clauses on the fields of a row of the API
 * (`Delivery`, `ReceivedRequestSummary`); the renderer evaluates them on live rows
 * (`matchesDeliveryFilters`) and the engine writes the same clauses as SQL
 * (`engine/logs/clauseSql.ts`), so a live row is placed exactly where the next query would put it.
 * Isomorphic: imports types and constants only.
 */
import type { DeliveryFilters, RequestFilters } from './logSchemas';
import type { ReceivedRequestSummary } from './receiverTypes';
import { DELIVERY_STATUSES } from './schemas';
import type { Delivery } from './types';

/** `inboxId` value that selects requests no inbox matched. */
export const UNROUTED = 'unrouted';

/** One condition on one field. A field that is null satisfies only `isNull`, as in SQL. */
export type Clause<F extends string> =
  | { field: F; op: 'eq'; value: string | number | boolean }
  | { field: F; op: 'oneOf'; values: readonly string[] }
  /** `from`: inclusive. */
  | { field: F; op: 'atLeast'; value: number }
  /** `to`: exclusive. */
  | { field: F; op: 'below'; value: number }
  | { field: F; op: 'prefix'; value: string }
  /** lo ≤ value < hi (an HTTP status class). */
  | { field: F; op: 'range'; lo: number; hi: number }
  | { field: F; op: 'isNull' }
  | { field: F; op: 'notNull' };

export type DeliveryClause = Clause<keyof Delivery & string>;
export type RequestClause = Clause<keyof ReceivedRequestSummary & string>;

export function clauseHolds(value: unknown, c: Clause<string>): boolean {
  if (c.op === 'isNull') return value === null || value === undefined;
  if (value === null || value === undefined) return false;
  switch (c.op) {
    case 'notNull':
      return true;
    case 'eq':
      return value === c.value;
    case 'oneOf':
      return c.values.includes(value as string);
    case 'atLeast':
      return (value as number) >= c.value;
    case 'below':
      return (value as number) < c.value;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(c.value);
    case 'range':
      return (value as number) >= c.lo && (value as number) < c.hi;
  }
}

/**
 * An event-type pattern, for filters and subscriptions alike: a trailing `*` makes the rest a
 * prefix (`user.*` matches `user.created` and `user.profile.updated`; `*` alone matches every
 * type); anything else is the exact type. Null when it matches everything.
 */
export function eventTypeClause(pattern: string): DeliveryClause | null {
  if (!pattern.endsWith('*')) return { field: 'eventType', op: 'eq', value: pattern };
  const prefix = pattern.slice(0, -1);
  return prefix === '' ? null : { field: 'eventType', op: 'prefix', value: prefix };
}

export function eventTypeMatches(pattern: string, type: string): boolean {
  const c = eventTypeClause(pattern);
  return c === null || clauseHolds(type, c);
}

/** `4xx` → [400, 500). */
export function httpStatusClassRange(c: string): [number, number] {
  const first = Number(c[0]) * 100;
  return [first, first + 100];
}

/**
 * An HTTP status filter on `field`: a code, a class (`5xx`), or `0` — no response, which is
 * `noResponse` (for a delivery that also takes an error: a fresh pending one has neither).
 */
function httpStatusClauses<F extends string>(
  filter: number | string | undefined,
  field: F,
  noResponse: Clause<F>[],
): Clause<F>[] {
  if (filter === undefined) return [];
  if (filter === 0) return noResponse;
  if (typeof filter === 'number') return [{ field, op: 'eq', value: filter }];
  const [lo, hi] = httpStatusClassRange(filter);
  return [{ field, op: 'range', lo, hi }];
}

/** The time range [from, to). */
function timeClauses<F extends string>(field: F, from: number | undefined, to: number | undefined): Clause<F>[] {
  return [
    ...(from === undefined ? [] : [{ field, op: 'atLeast', value: from } as const]),
    ...(to === undefined ? [] : [{ field, op: 'below', value: to } as const]),
  ];
}

/** The deliveries filters except free text (`q`), ANDed. */
export function deliveryClauses(f: Omit<DeliveryFilters, 'workspaceId'>): DeliveryClause[] {
  const clauses: DeliveryClause[] = timeClauses('createdAt', f.from, f.to);
  if (f.webhookId !== undefined) clauses.push({ field: 'webhookId', op: 'eq', value: f.webhookId });
  // Nothing ticked, or everything, is no status filter.
  const statuses = [...new Set(f.status ?? [])];
  if (statuses.length > 0 && statuses.length < DELIVERY_STATUSES.length)
    clauses.push({ field: 'status', op: 'oneOf', values: statuses });
  const eventType = f.eventType === undefined ? null : eventTypeClause(f.eventType);
  if (eventType) clauses.push(eventType);
  clauses.push(
    ...httpStatusClauses(f.httpStatus, 'lastStatusCode', [
      { field: 'lastStatusCode', op: 'isNull' },
      { field: 'lastError', op: 'notNull' },
    ]),
  );
  return clauses;
}

/** The received-requests filters except free text (`q`), ANDed. */
export function requestClauses(f: Omit<RequestFilters, 'workspaceId'>): RequestClause[] {
  const clauses: RequestClause[] = timeClauses('receivedAt', f.from, f.to);
  if (f.inboxId === UNROUTED) clauses.push({ field: 'inboxId', op: 'isNull' });
  else if (f.inboxId !== undefined) clauses.push({ field: 'inboxId', op: 'eq', value: f.inboxId });
  if (f.valid !== undefined) clauses.push({ field: 'valid', op: 'eq', value: f.valid });
  if (f.schema === 'unchecked') clauses.push({ field: 'schemaStatus', op: 'isNull' });
  else if (f.schema !== undefined) clauses.push({ field: 'schemaStatus', op: 'eq', value: f.schema });
  if (f.method !== undefined) clauses.push({ field: 'method', op: 'eq', value: f.method.toUpperCase() });
  // No answer: the client went away first.
  clauses.push(...httpStatusClauses(f.httpStatus, 'responseStatus', [{ field: 'responseStatus', op: 'isNull' }]));
  return clauses;
}

/**
 * Whether a row belongs in a list under these filters. Free text searches what the client does
 * not hold, so with `q` set a row that passes the rest is "unknown" (null).
 */
function matchesClauses<T extends object>(
  row: T,
  clauses: Clause<keyof T & string>[],
  q: string | undefined,
): boolean | null {
  if (!clauses.every((c) => clauseHolds(row[c.field], c))) return false;
  return q ? null : true;
}

export const matchesDeliveryFilters = (d: Delivery, f: Omit<DeliveryFilters, 'workspaceId'>): boolean | null =>
  matchesClauses(d, deliveryClauses(f), f.q);

export const matchesRequestFilters = (
  r: ReceivedRequestSummary,
  f: Omit<RequestFilters, 'workspaceId'>,
): boolean | null => matchesClauses(r, requestClauses(f), f.q);
