import { z } from 'zod';
import {
  catalogIdSchema,
  jsonSchemaInputSchema,
  type CatalogEventType,
  type CatalogSummary,
  type CatalogTypeSummary,
  type DriftRow,
  type ImportPlan,
  type InferredSchema,
  type SchemaIssue,
  type SchemaVerdictStatus,
} from '../catalogTypes';
import { catalogTypeNameSchema, idSchema } from '../schemas';
import { op, returns } from './define';

/** Largest OpenAPI / AsyncAPI document an import takes (its text). */
export const MAX_CATALOG_DOCUMENT_BYTES = 5 * 1024 * 1024;

const inWorkspace = { workspaceId: idSchema.optional() };

export const catalogOperations = {
  'catalogs.list': op({
    input: z.strictObject(inWorkspace),
    result: returns<CatalogSummary[]>(),
    rest: { method: 'GET', path: '/catalogs' },
    summary: 'The event catalogs: Hookbench (built-in and the workspace’s own types) and the providers',
    mutates: false,
  }),
  'catalogs.types': op({
    input: z.strictObject({ ...inWorkspace, catalog: catalogIdSchema }),
    result: returns<CatalogTypeSummary[]>(),
    rest: { method: 'GET', path: '/catalogs/{catalog}/types' },
    summary: 'A catalog’s event types (without samples and schemas; `catalogs.type` has them)',
    mutates: false,
  }),
  'catalogs.type': op({
    input: z.strictObject({ ...inWorkspace, catalog: catalogIdSchema, type: catalogTypeNameSchema }),
    result: returns<CatalogEventType>(),
    rest: { method: 'GET', path: '/catalogs/{catalog}/type' },
    summary: 'One event type with its sample and JSON Schema',
    mutates: false,
  }),
  'catalogs.setSchema': op({
    input: z.strictObject({
      ...inWorkspace,
      catalog: catalogIdSchema,
      type: catalogTypeNameSchema,
      /** Null: back to the catalog’s own schema (or none). */
      schema: jsonSchemaInputSchema.nullable(),
    }),
    result: returns<CatalogEventType>(),
    rest: { method: 'POST', path: '/catalogs/{catalog}/schema' },
    summary: 'Save a JSON Schema (draft-07 or 2020-12) as an event type’s schema in this workspace',
    mutates: true,
  }),
  'catalogs.check': op({
    input: z.strictObject({
      ...inWorkspace,
      catalog: catalogIdSchema,
      type: catalogTypeNameSchema,
      /** What the type’s schema describes: `data` for Hookbench types, the whole body for the others. */
      payload: z.unknown(),
    }),
    result: returns<{ status: SchemaVerdictStatus; issues: SchemaIssue[] }>(),
    rest: { method: 'POST', path: '/catalogs/{catalog}/check' },
    summary: 'Check a payload against an event type’s schema (each issue with its JSON path)',
    mutates: false,
  }),
  'catalogs.import': op({
    input: z.strictObject({
      ...inWorkspace,
      /** The document’s text: OpenAPI 3.1 (its `webhooks`), AsyncAPI 2.x or 3.x; JSON or YAML. */
      document: z
        .string()
        .min(1, 'the document is empty')
        .max(MAX_CATALOG_DOCUMENT_BYTES, 'a document is at most 5 MiB'),
      dryRun: z.boolean().default(false),
    }),
    result: returns<ImportPlan>(),
    rest: { method: 'POST', path: '/catalogs/import' },
    summary:
      'Import an OpenAPI 3.1 or AsyncAPI document’s event types into the workspace catalog (dry run lists the changes)',
    mutates: true,
  }),
  'catalogs.export': op({
    input: z.strictObject({ ...inWorkspace, catalog: catalogIdSchema.default('hookbench') }),
    result: returns<{ document: Record<string, unknown> }>(),
    rest: { method: 'GET', path: '/catalogs/{catalog}/export' },
    summary: 'A catalog as an OpenAPI 3.1 document with a `webhooks` section (the form Svix imports)',
    mutates: false,
  }),
  'catalogs.infer': op({
    input: z
      .strictObject({
        ...inWorkspace,
        /** Learn from the requests captured in this inbox… */
        inboxId: idSchema.optional(),
        /** …of this event type (with an inbox), or from the deliveries of this type (without). */
        eventType: catalogTypeNameSchema.optional(),
        limit: z
          .number()
          .int('limit must be a whole number')
          .min(1, 'limit must be at least 1')
          .max(1000, 'limit must be at most 1000')
          .default(200),
      })
      .refine((v) => v.inboxId !== undefined || v.eventType !== undefined, {
        message: 'give an inboxId, an eventType or both',
        path: ['inboxId'],
      }),
    result: returns<InferredSchema>(),
    rest: { method: 'POST', path: '/catalogs/infer' },
    summary: 'Infer a JSON Schema from captured requests or sent deliveries (for review; nothing is saved)',
    mutates: false,
  }),
  'catalogs.drift': op({
    input: z.strictObject({ ...inWorkspace, catalog: catalogIdSchema }),
    result: returns<DriftRow[]>(),
    rest: { method: 'GET', path: '/catalogs/{catalog}/drift' },
    summary: 'Types whose recent traffic no longer matches their schema',
    mutates: false,
  }),
};
