/**
 * Query strings as operation input, typed by the operation's own zod schema: a key whose
 * field is an array collects repeated keys and `a,b` lists; each value is tried as the string
 * it is, then as a number, a boolean, null or JSON, and the first the field accepts is kept.
 * A value no reading fits is passed on as its most likely type, so the schema's error names
 * the field.
 */
import type { z } from 'zod';

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string } };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function def(schema: unknown): ZodInternals['_zod']['def'] {
  return (schema as ZodInternals)._zod.def;
}

/** The schema under optional/default/nullable/pipe wrappers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = def(s);
    if (WRAPPERS.has(d.type)) s = d.innerType as z.ZodType;
    else if (d.type === 'pipe') s = d.in as z.ZodType;
    else if (d.type === 'lazy') s = (d.getter as () => z.ZodType)();
    else break;
  }
  return s;
}

/** The fields of an object-like input schema (objects, intersections and unions of objects). */
export function objectFields(schema: z.ZodType): Record<string, z.ZodType> {
  const s = unwrapSchema(schema);
  const d = def(s);
  if (d.type === 'object') return { ...(d.shape as Record<string, z.ZodType>) };
  if (d.type === 'intersection') return { ...objectFields(d.left as z.ZodType), ...objectFields(d.right as z.ZodType) };
  if (d.type === 'union') {
    const out: Record<string, z.ZodType> = {};
    for (const option of d.options as z.ZodType[]) {
      for (const [k, v] of Object.entries(objectFields(option))) out[k] ??= v;
    }
    return out;
  }
  return {};
}

function isArraySchema(schema: z.ZodType): z.ZodType | null {
  const d = def(unwrapSchema(schema));
  return d.type === 'array' ? (d.element as z.ZodType) : null;
}

function readings(raw: string): unknown[] {
  const out: unknown[] = [raw];
  const trimmed = raw.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) out.push(Number(trimmed));
  if (trimmed === 'true' || trimmed === '1' || trimmed === 'yes') out.push(true);
  if (trimmed === 'false' || trimmed === '0' || trimmed === 'no') out.push(false);
  if (trimmed === 'null') out.push(null);
  if (/^[[{"]/.test(trimmed)) {
    try {
      out.push(JSON.parse(trimmed));
    } catch {
      // not JSON: the string reading stays
    }
  }
  return out;
}

/** The reading of `raw` that `schema` accepts; else the most specific one, so the error names the field. */
function coerceScalar(raw: string, schema: z.ZodType | undefined): unknown {
  const options = readings(raw);
  if (!schema) return raw;
  for (const value of options) if (schema.safeParse(value).success) return value;
  const kind = def(unwrapSchema(schema)).type;
  if (kind === 'number' || kind === 'int' || kind === 'bigint')
    return options.find((v) => typeof v === 'number') ?? raw;
  if (kind === 'boolean') return options.find((v) => typeof v === 'boolean') ?? raw;
  if (kind === 'object' || kind === 'record') return options.find((v) => typeof v === 'object' && v !== null) ?? raw;
  return raw;
}

/** One field's values (every occurrence of its key) as that field's input. */
export function coerceField(values: string[], schema: z.ZodType | undefined): unknown {
  const element = schema ? isArraySchema(schema) : null;
  if (element) {
    const parts = values.flatMap((v) => {
      const t = v.trim();
      if (t.startsWith('[')) {
        try {
          const parsed = JSON.parse(t) as unknown;
          if (Array.isArray(parsed)) return parsed.map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
        } catch {
          // a plain comma list
        }
      }
      return t === '' ? [] : t.split(',');
    });
    return parts.map((p) => coerceScalar(p.trim(), element));
  }
  return coerceScalar(values[values.length - 1] ?? '', schema);
}

/** A query string (minus `skip` keys) as input for `schema`. */
export function queryToInput(
  params: URLSearchParams,
  schema: z.ZodType,
  skip: readonly string[] = [],
): Record<string, unknown> {
  const fields = objectFields(schema);
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    if (skip.includes(key)) continue;
    out[key] = coerceField(params.getAll(key), fields[key]);
  }
  return out;
}
