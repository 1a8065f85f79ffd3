/** Client-side twin of the deliveries query filters, to place live rows without a round trip. */
import type { DeliveryFilters } from '../../src-main/api/logSchemas';
import type { Delivery } from '../../src-main/api/types';

export type DeliveryFilterState = Omit<DeliveryFilters, 'workspaceId'>;

export function matchesHttpStatus(code: number | null, filter: number | string): boolean {
  if (typeof filter === 'number') return filter === 0 ? code === null : code === filter;
  const cls = Number(filter[0]);
  return code !== null && Math.floor(code / 100) === cls;
}

export function matchesEventType(type: string, filter: string): boolean {
  if (filter === '*' || filter === '') return true;
  return filter.endsWith('.*') ? type.startsWith(filter.slice(0, -1)) : type === filter;
}

/**
 * Whether a delivery belongs in the table under these filters. Free text searches payloads the
 * client does not hold, so with `q` set the answer is "unknown" (null).
 */
export function matchesDeliveryFilters(d: Delivery, f: DeliveryFilterState): boolean | null {
  if (f.status?.length && !f.status.includes(d.status)) return false;
  if (f.webhookId && d.webhookId !== f.webhookId) return false;
  if (f.eventType && !matchesEventType(d.eventType, f.eventType)) return false;
  if (f.httpStatus !== undefined && !matchesHttpStatus(d.lastStatusCode, f.httpStatus)) return false;
  if (f.from !== undefined && d.createdAt < f.from) return false;
  if (f.to !== undefined && d.createdAt > f.to) return false;
  if (f.q) return null;
  return true;
}

/** Parses the HTTP status filter box: `404`, `5xx`, `0` (network error); undefined when empty or bad. */
export function parseHttpStatusFilter(text: string): number | string | undefined {
  const t = text.trim().toLowerCase();
  if (/^[1-5]xx$/.test(t)) return t;
  if (/^\d{1,3}$/.test(t)) return Number(t);
  return undefined;
}

export const newestFirst = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
