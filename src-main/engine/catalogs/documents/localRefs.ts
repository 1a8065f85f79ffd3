/**
 * Which `$ref`s belong to a schema rather than to the document. A schema's own references
 * (`#/$defs/…`, `#/definitions/…` — an OpenAPI or AsyncAPI document has no such top-level
 * member — and every reference inside an operation Hookbench exported, whose schemas are written
 * self-contained) must stay as they are: they are hidden from the document's `$ref` resolver
 * under a private key and put back once the schema is taken out of the document.
 */
import { HOOKBENCH_OPERATION_KEY } from './types';

export const LOCAL_REF_KEY = '$hookbench:localRef';

const SCHEMA_LOCAL = /^#\/(\$defs|definitions)(\/|$)/;

/** A copy of `value` with its schema-local `$ref`s hidden (key order kept). */
export function hideLocalRefs(value: unknown, insideExport = false): unknown {
  if (Array.isArray(value)) return value.map((v) => hideLocalRefs(v, insideExport));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const exported = insideExport || isPlainObject(obj[HOOKBENCH_OPERATION_KEY]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const local = k === '$ref' && typeof v === 'string' && (exported ? v.startsWith('#') : SCHEMA_LOCAL.test(v));
    out[local ? LOCAL_REF_KEY : k] = hideLocalRefs(v, exported);
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
