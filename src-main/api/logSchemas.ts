/**
 * Inputs of the logs: search queries, statistics and export. Isomorphic (zod only). Lenient about
 * extra fields, since the engine passes its own (`sending`, …) to the searches; the contract's
 * operations take them `.strict()`, so a caller's unknown field is refused.
 */
import { z } from 'zod';
import { SCHEMA_VERDICT_STATUSES, type SchemaVerdictStatus } from './catalogTypes';
import { DELIVERY_STATUSES, idSchema } from './schemas';
import { EXPORT_FORMATS } from './exportFormats';

const timeMs = z.number().int().min(0);
const limitSchema = z.number().int().min(1, 'limit must be 1–500').max(500, 'limit must be 1–500').default(100);
/** Opaque; from a previous page's `nextCursor`. */
const cursorSchema = z.string().max(200).optional();

/** An exact status (`404`) or a class (`4xx`); `0` matches network errors (no response). */
export const httpStatusFilterSchema = z.union([
  z.number().int().min(0).max(599),
  z.string().regex(/^[1-5]xx$/, 'http status filter is a code like 404 or a class like 5xx'),
]);

export const deliveryFiltersSchema = z.object({
  workspaceId: idSchema.optional(),
  status: z.array(z.enum(DELIVERY_STATUSES)).optional(),
  webhookId: idSchema.optional(),
  eventType: z.string().max(200).optional(),
  httpStatus: httpStatusFilterSchema.optional(),
  from: timeMs.optional(),
  to: timeMs.optional(),
  /** Free text over payloads (words, prefix match). */
  q: z.string().max(200).optional(),
});
export type DeliveryFilters = z.input<typeof deliveryFiltersSchema>;

export const deliveryQuerySchema = deliveryFiltersSchema.extend({ cursor: cursorSchema, limit: limitSchema });
export type DeliveryQuery = z.input<typeof deliveryQuerySchema>;

/** The feed's schema filter: a schema verdict's status, or `unchecked` (no verdict: unbound inbox, cut body, unrouted). */
export const SCHEMA_FILTERS = [
  ...(SCHEMA_VERDICT_STATUSES as [SchemaVerdictStatus, ...SchemaVerdictStatus[]]),
  'unchecked',
] as const;
export type SchemaFilter = (typeof SCHEMA_FILTERS)[number];

export const requestFiltersSchema = z.object({
  workspaceId: idSchema.optional(),
  /** An inbox id, or `unrouted` for requests that matched no inbox. */
  inboxId: idSchema.optional(),
  /** true: verified; false: failed verification. */
  valid: z.boolean().optional(),
  /** The schema verdict's status, or `unchecked`. */
  schema: z.enum(SCHEMA_FILTERS, { error: `schema is one of ${SCHEMA_FILTERS.join(', ')}` }).optional(),
  method: z.string().max(20).optional(),
  httpStatus: httpStatusFilterSchema.optional(),
  from: timeMs.optional(),
  to: timeMs.optional(),
  q: z.string().max(200).optional(),
});
export type RequestFilters = z.input<typeof requestFiltersSchema>;

export const requestQuerySchema = requestFiltersSchema.extend({ cursor: cursorSchema, limit: limitSchema });
export type RequestQuery = z.input<typeof requestQuerySchema>;

export const BUCKETS = ['hour', 'day'] as const;
export const statsQuerySchema = z.object({
  workspaceId: idSchema.optional(),
  webhookId: idSchema.optional(),
  from: timeMs.optional(),
  to: timeMs.optional(),
  bucket: z.enum(BUCKETS).default('hour'),
});
export type StatsQuery = z.input<typeof statsQuerySchema>;

// The formats' one table (extension, MIME type, label, dialog filter, file name) is exportFormats.ts.
export { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportKind } from './exportFormats';

export const exportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('deliveries'),
    format: z.enum(EXPORT_FORMATS),
    filters: deliveryFiltersSchema.default({}),
  }),
  z.object({ kind: z.literal('requests'), format: z.enum(EXPORT_FORMATS), filters: requestFiltersSchema.default({}) }),
]);
export type ExportInput = z.input<typeof exportSchema>;
