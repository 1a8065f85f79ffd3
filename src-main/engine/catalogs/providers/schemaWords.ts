/**
 * Words for writing the draft 2020-12 schemas of the providers whose schemas Hookbench writes
 * itself (Stripe, Shopify, Slack): each object kind is written once as a shared definition and
 * each type's schema refers to it, so a field is described in one place.
 */
import type { JsonSchema } from '../../../api/catalogTypes';
import type { ProviderType } from './provider';
import { refTo, SchemaClosure, type Definitions } from './schemaClosure';

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export const string = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra });
export const integer = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra });
export const number = (): JsonSchema => ({ type: 'number' });
export const boolean = (): JsonSchema => ({ type: 'boolean' });
export const nullType = (): JsonSchema => ({ type: 'null' });
export const dateTime = (): JsonSchema => string({ format: 'date-time' });
export const uri = (): JsonSchema => string({ format: 'uri' });
export const email = (): JsonSchema => string({ format: 'email' });
export const oneOfValues = (...values: unknown[]): JsonSchema => ({ enum: values });
export const constant = (value: unknown): JsonSchema => ({ const: value });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
/** Any JSON object; `values` constrains the values (Stripe's metadata: strings). */
export const map = (values?: JsonSchema): JsonSchema => ({
  type: 'object',
  ...(values ? { additionalProperties: values } : {}),
});
export const ref = (name: string): JsonSchema => ({ $ref: refTo('$defs', name) });

/** The schema, or null. A plain `type` gains `null`; anything else becomes `anyOf`. */
export function nullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...schema.enum, null] };
  if (typeof schema.type === 'string' && !('$ref' in schema)) return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, nullType()] };
}

/** An object whose `required` members are always present (maybe null) and `optional` ones sometimes. Other members are allowed: providers add fields over time. */
export function object(required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', required: Object.keys(required), properties: { ...required, ...optional } };
}

/** `schema` with more said about some of its members (`{ status: constant('paid') }`). */
export function narrowed(schema: JsonSchema, members: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { allOf: [schema, { type: 'object', properties: members, ...(required.length ? { required } : {}) }] };
}

/** A catalog type as written: its schema refers to the shared definitions. */
export interface WrittenType {
  type: string;
  description: string;
  sample: Record<string, unknown>;
  schema: JsonSchema;
}

/** The types with each schema made to stand alone (carrying only the definitions it reaches). */
export function standaloneTypes(defs: Definitions, written: readonly WrittenType[]): ProviderType[] {
  const closure = new SchemaClosure(defs, '$defs', DRAFT_2020_12);
  return written.map((w) => ({ ...w, schema: closure.standalone({ title: w.type, ...w.schema }) }));
}

/** The first value of `body` at `key` when it is a string. */
export function stringAt(body: unknown, ...path: string[]): string | null {
  let node = body;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node : null;
}
