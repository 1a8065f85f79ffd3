/**
 * A Hookbench type's schema describes the `data` member of the `{ id, type, timestamp, data }`
 * envelope. Exported, the schema describes the whole body: the envelope with the type's schema
 * as `data`. The pair below is exact both ways: the data schema's own references (`#/$defs/x`)
 * are re-rooted under `#/properties/data` (unless it is its own resource, with an `$id`) and its
 * `$schema` moves to the top, where a dialect is declared.
 */
import type { JsonSchema } from '../../../api/catalogTypes';
import { isPlainObject } from './localRefs';

const DATA_ROOT = '#/properties/data';

/** The example envelope's fixed members (an export is the same text every time). */
export const EXAMPLE_ENVELOPE = {
  id: 'msg_2ZvQ0EXAMPLE00000000000000',
  timestamp: '2025-01-01T00:00:00.000Z',
} as const;

/** The whole body's schema for a type whose data schema is `data` (any object when null). */
export function wrapEnvelope(type: string, data: JsonSchema | null): JsonSchema {
  const schema = data ?? { type: 'object' };
  const ownResource = typeof schema.$id === 'string';
  const { $schema, ...rest } = schema;
  const inner = ownResource ? schema : (rerootRefs(rest, '#', DATA_ROOT) as JsonSchema);
  return {
    ...($schema !== undefined ? { $schema } : {}),
    type: 'object',
    required: ['id', 'type', 'timestamp', 'data'],
    properties: {
      id: { type: 'string' },
      type: { type: 'string', const: type },
      timestamp: { type: 'string', format: 'date-time' },
      data: inner,
    },
  };
}

/** The data schema inside a body schema written by `wrapEnvelope`; null when it is not one. */
export function unwrapEnvelope(body: JsonSchema): JsonSchema | null {
  const properties = body.properties;
  const data = isPlainObject(properties) ? properties.data : undefined;
  if (!isPlainObject(data)) return null;
  if (typeof data.$id === 'string') return data;
  const inner = rerootRefs(data, DATA_ROOT, '#') as JsonSchema;
  return body.$schema !== undefined ? { $schema: body.$schema, ...inner } : inner;
}

export function envelopeExample(type: string, sample: Record<string, unknown>): Record<string, unknown> {
  return { id: EXAMPLE_ENVELOPE.id, type, timestamp: EXAMPLE_ENVELOPE.timestamp, data: sample };
}

/** A copy with every `$ref` under `from` (`from` itself, or `from/…`) moved under `to`. */
function rerootRefs(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rerootRefs(v, from, to));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const moves =
      k === '$ref' && typeof v === 'string' && (v === from || v.startsWith(from === '#' ? '#/' : `${from}/`));
    out[k] = moves ? to + (v as string).slice(from.length) : rerootRefs(v, from, to);
  }
  return out;
}
