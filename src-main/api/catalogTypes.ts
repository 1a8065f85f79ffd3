/**
 * Event catalogs as contracts: which catalogs exist, what an event type carries (its JSON
 * Schema beside its sample), and the schema verdict a payload or a received request gets.
 * Isomorphic: zod and types only.
 */
import { z } from 'zod';

/**
 * `hookbench`: the built-in types plus the workspace's own (custom and imported). The others
 * are providers: their types are sent as the provider sends them when the webhook's scheme is
 * the provider's.
 */
export const CATALOG_IDS = ['hookbench', 'github', 'stripe', 'shopify', 'slack'] as const;
export type CatalogId = (typeof CATALOG_IDS)[number];
export type ProviderId = Exclude<CatalogId, 'hookbench'>;
export const PROVIDER_IDS = CATALOG_IDS.filter((c): c is ProviderId => c !== 'hookbench');

export const catalogIdSchema = z.enum(CATALOG_IDS, {
  error: `a catalog is one of ${CATALOG_IDS.join(', ')}`,
});

/**
 * What a type's sample and schema describe. `envelope`: the `data` member of Hookbench's
 * `{ id, type, timestamp, data }` (built-in and custom types). `raw`: the whole body, sent as
 * it is (provider and imported types).
 */
export type PayloadForm = 'envelope' | 'raw';

/** Where a type came from. */
export type TypeOrigin = 'builtin' | 'custom' | 'imported' | 'provider';

/** Where the type's schema came from: its catalog, or the workspace (saved, imported or inferred). */
export type SchemaOrigin = 'catalog' | 'workspace';

export type JsonSchema = Record<string, unknown>;

/** A type as listed: no sample or schema (GitHub's run to megabytes); `catalogs.type` gives them. */
export interface CatalogTypeSummary {
  catalog: CatalogId;
  type: string;
  /** The type's prefix before the first `.` (or `/`), e.g. `pull_request`. */
  category: string;
  description: string;
  /** Where its schema comes from; null: it has none. */
  schemaOrigin: SchemaOrigin | null;
  form: PayloadForm;
  origin: TypeOrigin;
}

export interface CatalogEventType extends CatalogTypeSummary {
  sample: Record<string, unknown>;
  schema: JsonSchema | null;
}

export interface CatalogSummary {
  id: CatalogId;
  title: string;
  /** The signing scheme a webhook needs for this catalog's events to go out as the provider sends them. */
  scheme: string | null;
  /** Where the samples and schemas come from (README wording). */
  source: string;
  typeCount: number;
  categories: string[];
}

/** One place a payload breaks its schema. */
export interface SchemaIssue {
  /** JSON Pointer into the checked payload (`''` is the payload itself), e.g. `/pull_request/number`. */
  path: string;
  message: string;
  /** What the schema wants there, e.g. `integer`, `one of "open", "closed"`, `property "id"`. */
  expected?: string;
  /** What the payload has there, e.g. `string "12"`, `missing`. */
  found?: string;
}

/** Issues kept per check: a payload of the wrong shape entirely says enough in 20 (a count of 20 means "20 or more"). */
export const MAX_SCHEMA_ISSUES = 20;

export type SchemaVerdictStatus = 'valid' | 'invalid' | 'unknown_type' | 'no_schema' | 'not_json';

/** A received request's (or a fired payload's) contract check, beside its signature verdict. */
export interface SchemaVerdict {
  catalog: CatalogId;
  /** The catalog type the request was matched to (null when it names none). */
  type: string | null;
  status: SchemaVerdictStatus;
  issues: SchemaIssue[];
}

export const SCHEMA_VERDICT_STATUSES: readonly SchemaVerdictStatus[] = [
  'valid',
  'invalid',
  'unknown_type',
  'no_schema',
  'not_json',
];

/** A JSON Schema given by a person: an object (or boolean schema `true`), checked by compiling it. */
export const jsonSchemaInputSchema = z.record(z.string(), z.unknown(), { error: 'a JSON Schema is a JSON object' });

/** One change an import would make (or made). */
export interface ImportChange {
  type: string;
  change: 'add' | 'update' | 'unchanged';
  /** For `update`: which of description, sample, schema, form differ. */
  fields: string[];
}

export interface ImportPlan {
  format: 'openapi-3.1' | 'asyncapi-2' | 'asyncapi-3' | 'hookbench-openapi';
  title: string;
  changes: ImportChange[];
  /** False for a dry run. */
  applied: boolean;
}

export interface DriftRow {
  type: string;
  /** Requests of this type checked (the latest ones kept). */
  checked: number;
  invalid: number;
  lastSeenAt: number | null;
  /** The first issue of the latest invalid request. */
  example: SchemaIssue | null;
}

export interface InferredSchema {
  type: string | null;
  schema: JsonSchema;
  /** Payloads the schema was learnt from. */
  sampleCount: number;
}
