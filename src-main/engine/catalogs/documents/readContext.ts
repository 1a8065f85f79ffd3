/** What every format's reader is given, and the steps they share: a schema out, a sample out. */
import type { JsonSchema } from '../../../api/catalogTypes';
import { HookbenchError } from '../../../api/errors';
import { isPlainObject } from './localRefs';
import { plainCopy, selfContainedSchema } from './selfContained';
import type { SourceDocument } from './sourceDocument';
import type { DocPath } from './types';

export interface ReadContext {
  /** The document with its `$ref`s resolved (schema-local ones still hidden). */
  doc: Record<string, unknown>;
  /** The document as written (for the names `$ref`s give, e.g. a message's key). */
  raw: Record<string, unknown>;
  source: SourceDocument;
}

export interface SchemaOptions {
  /** `$schema` given to a schema that declares none (the dialect the format says it is in). */
  dialect: string;
  /** Take the schema exactly as written (a Hookbench export): no `$schema` added. */
  exact: boolean;
}

/** The schema at `at` as self-contained JSON; null when there is none. */
export function schemaOut(ctx: ReadContext, value: unknown, at: DocPath, opts: SchemaOptions): JsonSchema | null {
  if (value === undefined || value === null) return null;
  let schema: unknown;
  try {
    schema = selfContainedSchema(value, ctx.doc, /2020-12|2019-09/.test(opts.dialect) ? '$defs' : 'definitions');
  } catch (e) {
    if (e instanceof HookbenchError) throw ctx.source.fail(at, e.message);
    throw e;
  }
  if (!isPlainObject(schema)) throw ctx.source.fail(at, 'a schema here must be a JSON object');
  if (opts.exact || typeof schema.$schema === 'string') return schema;
  return { $schema: opts.dialect, ...schema };
}

/** The example at `at` as a sample (a JSON object); null when there is none. */
export function sampleOut(ctx: ReadContext, value: unknown, at: DocPath): Record<string, unknown> | null {
  if (value === undefined) return null;
  if (!isPlainObject(value))
    throw ctx.source.fail(at, 'an example must be a JSON object (a sample is the whole payload)');
  try {
    return plainCopy(value) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof HookbenchError) throw ctx.source.fail(at, e.message);
    throw e;
  }
}

/** The first of a schema's own `examples` (or its `example`), with where it is. */
export function schemaExample(schema: unknown, at: DocPath): { value: unknown; at: DocPath } | null {
  if (!isPlainObject(schema)) return null;
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    return { value: schema.examples[0], at: [...at, 'examples', 0] };
  if (schema.example !== undefined) return { value: schema.example, at: [...at, 'example'] };
  return null;
}

/** A text member, or undefined. */
export function textOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function objectOf(v: unknown): Record<string, unknown> | undefined {
  return isPlainObject(v) ? v : undefined;
}
