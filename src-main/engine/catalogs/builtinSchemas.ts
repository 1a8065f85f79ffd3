/**
 * The built-in types' schemas, derived from their samples (the one source): each member the
 * sample has keeps its type and format wherever it is sent (`amount` a whole number, `email` an
 * email address, `created_at` a date-time), members that are null in the sample may hold
 * anything (`cancelled_at` is a date once cancelled), and none is required — the samples are
 * examples, so a payload of a few chosen fields still fires. A workspace that wants members
 * required saves its own schema (inferred from traffic, or written). Derived once per type.
 */
import type { JsonSchema } from '../../api/catalogTypes';
import type { CatalogEntry } from '../events/catalog';
import { inferSchema } from './inferSchema';

const derived = new Map<string, JsonSchema>();

export function builtinSchemaOf(entry: CatalogEntry): JsonSchema {
  let schema = derived.get(entry.type);
  if (!schema) {
    schema = openNulls(inferSchema([entry.sample])) as JsonSchema;
    derived.set(entry.type, schema);
  }
  return schema;
}

/** `{ type: 'null' }` anywhere → `{}` (any value); no `required` anywhere. */
function openNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openNulls);
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (o.type === 'null' && Object.keys(o).length === 1) return {};
  return Object.fromEntries(
    Object.entries(o).flatMap(([k, v]) => (k === 'required' && Array.isArray(v) ? [] : [[k, openNulls(v)]])),
  );
}
