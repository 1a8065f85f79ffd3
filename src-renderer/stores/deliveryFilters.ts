/** The deliveries filter bar's state and its HTTP status box; what each filter matches is `api/logFilters.ts`. */
import { httpStatusFilterSchema, type DeliveryFilters } from '../../src-main/api/logSchemas';

export type DeliveryFilterState = Omit<DeliveryFilters, 'workspaceId'>;

/**
 * Parses the HTTP status filter box — `404`, `5xx`, `0` (no response) — with the API's own
 * schema, so the box accepts exactly what a search accepts; undefined when empty or bad.
 */
export function parseHttpStatusFilter(text: string): number | string | undefined {
  const t = text.trim().toLowerCase();
  const parsed = httpStatusFilterSchema.safeParse(/^\d+$/.test(t) ? Number(t) : t);
  return parsed.success ? parsed.data : undefined;
}
