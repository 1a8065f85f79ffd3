/** The deliveries filter bar's state and its HTTP status box; what each filter matches is `api/logFilters.ts`. */
import type { DeliveryFilters } from '../../src-main/api/logSchemas';

export type DeliveryFilterState = Omit<DeliveryFilters, 'workspaceId'>;

/** Parses the HTTP status filter box: `404`, `5xx`, `0` (network error); undefined when empty or bad. */
export function parseHttpStatusFilter(text: string): number | string | undefined {
  const t = text.trim().toLowerCase();
  if (/^[1-5]xx$/.test(t)) return t;
  if (/^\d{1,3}$/.test(t)) return Number(t);
  return undefined;
}
