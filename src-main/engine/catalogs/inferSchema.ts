/**
 * A JSON Schema (draft 2020-12) learnt from payloads: every sample is walked into one tree of
 * what was seen at each place (types, keys and how often, strings), and the tree is written out
 * as the narrowest schema that still accepts every sample. Formats are ajv-formats' own checks,
 * so the validator that later checks traffic agrees with what was inferred.
 */
import { fullFormats } from 'ajv-formats/dist/formats';
import type { JsonSchema } from '../../api/catalogTypes';
import { HookbenchError } from '../../api/errors';

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export interface InferOptions {
  /** Most distinct string values that still make an `enum` (default 5). */
  enumMaxValues?: number;
  /** Fewest samples a string place must be seen in before it becomes an `enum` (default 3). */
  enumMinSamples?: number;
}

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
/** Output order of a union (`['string', 'null']`). */
const TYPE_ORDER: readonly JsonType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

/** Most specific first: a uuid is never called a uri, a date-time never a date. */
const FORMATS = ['date-time', 'date', 'uuid', 'email', 'ipv4', 'uri'] as const;
type FormatName = (typeof FORMATS)[number];

const FORMAT_TESTS: Record<FormatName, (s: string) => boolean> = Object.fromEntries(
  FORMATS.map((name) => [name, formatTest(fullFormats[name])]),
) as Record<FormatName, (s: string) => boolean>;

function formatTest(def: unknown): (s: string) => boolean {
  const check = def && typeof def === 'object' && 'validate' in def ? (def as { validate: unknown }).validate : def;
  if (check instanceof RegExp) return (s) => check.test(s);
  if (typeof check === 'function') return (s) => (check as (s: string) => boolean)(s);
  throw new Error('ajv-formats changed the shape of its format definitions');
}

/**
 * What a choice looks like: a short word or dotted / snake / kebab name (`opened`, `OWNER`,
 * `payment_intent.succeeded`, `orders/create`), not text, a URL or a hash.
 */
const CHOICE = /^[A-Za-z][A-Za-z0-9]*(?:[_.:/-][A-Za-z0-9]+)*$/;
const CHOICE_MAX_LENGTH = 40;

/**
 * Keys whose last word says the value names one thing (`login`, `node_id`, `head_sha`,
 * `full_name`, `html_url`): a few of them repeat in any capture from one account or repository,
 * and an enum of them would refuse the next account's traffic.
 */
const IDENTITY_WORDS = new Set(
  'id ids uuid guid sha hash login user username name email url uri href key token secret title description body text message ref slug path color label'.split(
    ' ',
  ),
);

function namesOneThing(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-\s]+/);
  return IDENTITY_WORDS.has(words[words.length - 1] ?? '');
}

/** What was seen at one place of the payloads. */
interface Seen {
  /** The key this place is under (an array's key for its elements); '' for the payload itself. */
  key: string;
  types: Set<JsonType>;
  /** Objects seen here, and per key how many of them had it. */
  objects: number;
  keys: Map<string, { count: number; seen: Seen }>;
  /** Every element of every array seen here. */
  items: Seen | null;
  /** Strings: the formats every one so far matches, the distinct values (until too many), how many. */
  formats: FormatName[];
  values: Map<string, number> | null;
  strings: number;
  /** Samples (by index) that had a string here, counted once each. */
  stringSamples: number;
  lastStringSample: number;
}

const seenNothing = (key: string): Seen => ({
  key,
  types: new Set(),
  objects: 0,
  keys: new Map(),
  items: null,
  formats: [...FORMATS],
  values: new Map(),
  strings: 0,
  stringSamples: 0,
  lastStringSample: -1,
});

/**
 * The schema every sample conforms to: `required` lists the keys present every time, types are
 * unioned, integers stay `integer` only while every number is whole, strings get a `format` when
 * every value has it and an `enum` when a few values repeat. Objects stay open to other keys.
 */
export function inferSchema(samples: unknown[], opts: InferOptions = {}): JsonSchema {
  if (samples.length === 0)
    throw new HookbenchError('validation', 'there are no payloads to learn a schema from', 'samples');
  const limits = { enumMaxValues: opts.enumMaxValues ?? 5, enumMinSamples: opts.enumMinSamples ?? 3 };
  const root = seenNothing('');
  samples.forEach((sample, i) => observe(root, sample, i, limits.enumMaxValues));
  return { $schema: DRAFT_2020_12, ...schemaOf(root, limits) };
}

/** Nesting below this is typed but not described (a payload nested 50,000 deep parses, and must not overflow the stack). */
const MAX_DEPTH = 64;

function observe(at: Seen, value: unknown, sample: number, enumMax: number, depth = 0): void {
  if (value === null) return void at.types.add('null');
  if (Array.isArray(value)) {
    at.types.add('array');
    if (depth >= MAX_DEPTH) return;
    at.items ??= seenNothing(at.key);
    for (const element of value) observe(at.items, element, sample, enumMax, depth + 1);
    return;
  }
  switch (typeof value) {
    case 'string':
      at.types.add('string');
      at.strings++;
      if (at.lastStringSample !== sample) {
        at.lastStringSample = sample;
        at.stringSamples++;
      }
      at.formats = at.formats.filter((f) => FORMAT_TESTS[f](value));
      if (at.values) {
        at.values.set(value, (at.values.get(value) ?? 0) + 1);
        if (at.values.size > enumMax || value.length > CHOICE_MAX_LENGTH || !CHOICE.test(value)) at.values = null;
      }
      return;
    case 'number':
      at.types.add(Number.isInteger(value) ? 'integer' : 'number');
      return;
    case 'boolean':
      at.types.add('boolean');
      return;
    case 'object': {
      at.types.add('object');
      at.objects++;
      if (depth >= MAX_DEPTH) return;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        let entry = at.keys.get(key);
        if (!entry) at.keys.set(key, (entry = { count: 0, seen: seenNothing(key) }));
        entry.count++;
        observe(entry.seen, v, sample, enumMax, depth + 1);
      }
      return;
    }
    default:
      throw new HookbenchError('validation', `a payload holds a ${typeof value}, which JSON cannot`, 'samples');
  }
}

function schemaOf(at: Seen, limits: Required<InferOptions>): JsonSchema {
  // A whole number and a fraction at one place: it is a number (integer is its subset).
  if (at.types.has('number')) at.types.delete('integer');
  const types = TYPE_ORDER.filter((t) => at.types.has(t));
  const out: JsonSchema = {};
  if (types.length === 1) out.type = types[0];
  else if (types.length > 1) out.type = types;

  if (at.types.has('string')) {
    const format = at.formats[0];
    if (format) out.format = format;
    const choices = enumOf(at, types, limits, format !== undefined);
    if (choices) out.enum = choices;
  }
  if (at.types.has('object')) {
    const keys = [...at.keys.keys()].sort();
    if (keys.length > 0)
      out.properties = Object.fromEntries(keys.map((k) => [k, schemaOf(at.keys.get(k)!.seen, limits)]));
    const required = keys.filter((k) => at.keys.get(k)!.count === at.objects);
    if (required.length > 0) out.required = required;
  }
  // Arrays that were always empty say nothing about their elements.
  if (at.items && at.items.types.size > 0) out.items = schemaOf(at.items, limits);
  return out;
}

/**
 * The values of a string place, when they look like a set of choices: few (but more than one: a
 * single value seen is as likely a constant of this capture as of the contract), repeating,
 * seen in enough samples, word-like, under a key that does not name one thing, and with no
 * format. `enum` binds every type, so a place that is also null lists null; one that also holds
 * numbers or objects gets none.
 */
function enumOf(at: Seen, types: JsonType[], limits: Required<InferOptions>, hasFormat: boolean): unknown[] | null {
  if (!at.values || hasFormat || at.values.size < 2 || namesOneThing(at.key)) return null;
  if (types.some((t) => t !== 'string' && t !== 'null')) return null;
  if (at.stringSamples < limits.enumMinSamples || at.values.size > limits.enumMaxValues) return null;
  if (at.values.size >= at.strings) return null;
  const values: unknown[] = [...at.values.keys()].sort();
  if (at.types.has('null')) values.push(null);
  return values;
}
