/**
 * A payload that conforms to a schema, built from a hint: what the hint has that fits is kept
 * (in its order), what the schema requires and the hint lacks is filled with a plain value of
 * the right type, enum or format, and what the schema forbids is dropped. Used for provider
 * types whose published example predates fields the provider's schema now requires, and for
 * types with no published example at all (the hint is then a sibling example). A hint that
 * already conforms comes back equal.
 */
import type { JsonSchema } from '../../../api/catalogTypes';
import { refTarget, type Definitions } from './schemaClosure';

type Obj = Record<string, unknown>;

const MAX_DEPTH = 40;

/** Plain values for strings with a format, shaped like what the providers send. */
const FORMAT_VALUES: Record<string, string> = {
  'date-time': '2024-06-20T12:00:00Z',
  date: '2024-06-20',
  uri: 'https://github.com/octo-org/octo-repo',
  'uri-template': 'https://api.github.com/repos/octo-org/octo-repo{/path}',
  email: 'octocat@github.com',
};

/** Close to ajv-formats' full-mode checks for the formats provider schemas use. */
const FORMAT_CHECKS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[tT ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}:?\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  'uri-template': /^[^\s]*$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
};

export class SampleFitter {
  constructor(private readonly defs: Definitions) {}

  fit(schema: JsonSchema | boolean, hint: unknown): unknown {
    return this.value(schema, hint, 0);
  }

  private resolve(schema: JsonSchema | boolean): JsonSchema | boolean {
    let s = schema;
    for (let hops = 0; typeof s === 'object' && s.$ref !== undefined && hops < 50; hops++) {
      const target = refTarget(s.$ref);
      if (target === null || !(target in this.defs)) return true;
      const { $ref: _ignored, ...siblings } = s;
      s = Object.keys(siblings).length > 0 ? { allOf: [this.defs[target], siblings] } : this.defs[target];
    }
    return s;
  }

  private value(raw: JsonSchema | boolean, hint: unknown, depth: number): unknown {
    const schema = this.flatten(this.resolve(raw));
    if (schema === true) return hint === undefined ? null : hint;
    if (schema === false || depth > MAX_DEPTH) return null;
    if ('const' in schema) return schema.const;
    const branches = (schema.oneOf ?? schema.anyOf) as (JsonSchema | boolean)[] | undefined;
    if (branches) {
      const { oneOf: _o, anyOf: _a, ...rest } = schema;
      return this.value(this.bestBranch(branches, rest, hint), hint, depth + 1);
    }
    if (Array.isArray(schema.enum)) return schema.enum.some((v) => sameJson(v, hint)) ? hint : schema.enum[0];
    switch (this.typeFor(schema, hint)) {
      case 'object':
        return this.object(schema, hint, depth);
      case 'array': {
        const items = (schema.items ?? true) as JsonSchema | boolean;
        if (Array.isArray(hint)) return hint.map((item) => this.value(items, item, depth + 1));
        const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
        return Array.from({ length: min }, () => this.value(items, undefined, depth + 1));
      }
      case 'string': {
        const format = typeof schema.format === 'string' ? schema.format : undefined;
        if (typeof hint === 'string' && (!format || !FORMAT_CHECKS[format] || FORMAT_CHECKS[format].test(hint)))
          return hint;
        return (format && FORMAT_VALUES[format]) ?? '';
      }
      case 'integer':
        return Number.isInteger(hint) ? hint : 1;
      case 'number':
        return typeof hint === 'number' ? hint : 1;
      case 'boolean':
        return typeof hint === 'boolean' ? hint : false;
      case 'null':
        return null;
      default:
        return hint === undefined ? null : hint;
    }
  }

  /** `allOf` folded into one schema: properties meet, required lists join. */
  private flatten(schema: JsonSchema | boolean): JsonSchema | boolean {
    if (typeof schema !== 'object' || !Array.isArray(schema.allOf)) return schema;
    const { allOf, ...own } = schema;
    let out: JsonSchema = {};
    for (const part of [...(allOf as (JsonSchema | boolean)[]), own]) {
      const p = this.flatten(this.resolve(part));
      if (p === false) return false;
      if (p === true) continue;
      out = mergeSchemas(out, p);
    }
    return out;
  }

  private typeFor(schema: JsonSchema, hint: unknown): string | undefined {
    const declared = schema.type;
    const types = Array.isArray(declared) ? (declared as string[]) : typeof declared === 'string' ? [declared] : [];
    if (types.length === 0) return schema.properties || schema.required ? 'object' : jsonType(hint);
    const found = jsonType(hint);
    if (found !== undefined && types.includes(found)) return found;
    if (found === 'integer' && types.includes('number')) return 'number';
    return hint === null && types.includes('null') ? 'null' : (types.find((t) => t !== 'null') ?? types[0]);
  }

  private object(schema: JsonSchema, hint: unknown, depth: number): Obj {
    const given = hint !== null && typeof hint === 'object' && !Array.isArray(hint) ? (hint as Obj) : {};
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema | boolean>;
    const additional = (schema.additionalProperties ?? true) as JsonSchema | boolean;
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const out: Obj = {};
    for (const [key, value] of Object.entries(given)) {
      if (key in properties) out[key] = this.value(properties[key], value, depth + 1);
      else if (additional !== false) out[key] = additional === true ? value : this.value(additional, value, depth + 1);
    }
    for (const key of required) {
      if (key in out) continue;
      out[key] = this.value(properties[key] ?? additional, undefined, depth + 1);
    }
    return out;
  }

  /**
   * The branch (met with the schema beside the `oneOf`) the hint is most like: its type, then
   * its constants, then its required fields. Branches that contradict the rest are skipped.
   */
  private bestBranch(branches: (JsonSchema | boolean)[], rest: JsonSchema, hint: unknown): JsonSchema | boolean {
    let best: JsonSchema | boolean = false;
    let bestScore = -Infinity;
    for (const branch of branches) {
      const met = this.flatten(this.resolve(Object.keys(rest).length > 0 ? { allOf: [rest, branch] } : branch));
      if (met === false || (typeof met === 'object' && Array.isArray(met.type) && met.type.length === 0)) continue;
      const score = this.likeness(met, hint);
      if (score > bestScore) [best, bestScore] = [met, score];
    }
    return best;
  }

  private likeness(schema: JsonSchema | boolean, hint: unknown): number {
    if (typeof schema === 'boolean') return schema ? 0 : -100;
    if (hint === undefined) return schema.type === 'null' ? -1 : 0;
    const type = this.typeFor(schema, hint);
    const found = jsonType(hint);
    if (found !== type && !(found === 'integer' && type === 'number')) return -10;
    if ('const' in schema) return sameJson(schema.const, hint) ? 10 : -10;
    if (Array.isArray(schema.enum)) return schema.enum.some((v) => sameJson(v, hint)) ? 10 : -5;
    if (type !== 'object') return 1;
    const given = hint as Obj;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema | boolean>;
    let score = 1;
    for (const [key, sub] of Object.entries(properties)) {
      const s = this.resolve(sub);
      if (typeof s !== 'object' || !(key in given)) continue;
      if ('const' in s) score += sameJson(s.const, given[key]) ? 5 : -20;
      else if (Array.isArray(s.enum)) score += s.enum.some((v) => sameJson(v, given[key])) ? 2 : -20;
    }
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    for (const key of required) score += key in given ? 0.1 : -1;
    if (schema.additionalProperties === false)
      for (const key of Object.keys(given)) if (!(key in properties)) score -= 1;
    return score;
  }
}

function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...a, ...b };
  if (a.properties && b.properties) {
    const pa = a.properties as Obj;
    const pb = b.properties as Obj;
    const props: Obj = { ...pa };
    for (const [k, v] of Object.entries(pb)) props[k] = k in pa ? { allOf: [pa[k], v] } : v;
    out.properties = props;
  }
  if (Array.isArray(a.required) || Array.isArray(b.required))
    out.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  if (a.additionalProperties === false || b.additionalProperties === false) out.additionalProperties = false;
  if (a.type !== undefined && b.type !== undefined) out.type = meetTypes(a.type, b.type);
  if (Array.isArray(a.enum) && Array.isArray(b.enum))
    out.enum = a.enum.filter((v) => (b.enum as unknown[]).some((w) => sameJson(v, w)));
  if (Array.isArray(out.enum) && out.type !== undefined) {
    const types = Array.isArray(out.type) ? (out.type as string[]) : [out.type as string];
    out.enum = out.enum.filter((v) =>
      types.some((t) => t === jsonType(v) || (t === 'number' && jsonType(v) === 'integer')),
    );
  }
  return out;
}

function meetTypes(a: unknown, b: unknown): unknown {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  const both = as.flatMap((t) => (bs.includes(t) ? [t] : t === 'number' && bs.includes('integer') ? ['integer'] : []));
  if (as.includes('integer') && bs.includes('number') && !both.includes('integer')) both.push('integer');
  // An empty list: the two cannot both hold (a branch that contradicts its context).
  return both.length === 1 ? both[0] : both;
}

function jsonType(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
