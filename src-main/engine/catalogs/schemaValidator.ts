/**
 * JSON Schema checks with ajv + ajv-formats: draft 2020-12 or 2019-09 when a schema's `$schema`
 * says so, else draft-07. Each schema is compiled once and kept (by object, and by its text for
 * schemas read back from the store), so a check on the receiver's path is only the compiled
 * function — one that stops at the first failure; the one that lists every issue is compiled
 * and run only for a payload that fails. Ajv is loaded on first use (`loadSchemaValidator`), so nothing that never checks a
 * payload pays for it.
 */
import type { ErrorObject } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import { MAX_SCHEMA_ISSUES, type JsonSchema, type SchemaIssue } from '../../api/catalogTypes';
import { HookbenchError } from '../../api/errors';

export type Draft = '2020-12' | '2019-09' | 'draft-07';

const DRAFTS: { draft: Draft; pattern: RegExp }[] = [
  { draft: '2020-12', pattern: /\/draft\/2020-12\/schema#?$/ },
  { draft: '2019-09', pattern: /\/draft\/2019-09\/schema#?$/ },
  { draft: 'draft-07', pattern: /\/draft-07\/schema#?$/ },
];

type Validate = ReturnType<AjvCore['compile']>;

/** The draft a schema is checked by; a `validation` error when its `$schema` names one we do not check. */
export function draftOf(schema: JsonSchema): Draft {
  const declared = schema.$schema;
  if (declared === undefined) return 'draft-07';
  const found = typeof declared === 'string' ? DRAFTS.find((d) => d.pattern.test(declared)) : undefined;
  if (!found)
    throw new HookbenchError(
      'validation',
      `$schema ${JSON.stringify(declared)} is not supported; use draft-07 (http://json-schema.org/draft-07/schema#) ` +
        'or 2020-12 (https://json-schema.org/draft/2020-12/schema)',
      'schema',
    );
  return found.draft;
}

/** A schema's checks: the fast one stops at the first failure; the full one (compiled on first failure) finds them all. */
interface Compiled {
  fast: Validate;
  full?: Validate;
}

export class SchemaValidator {
  private readonly byObject = new WeakMap<object, Compiled>();
  private readonly byText = new Map<string, Compiled>();

  constructor(
    /** allErrors off: a valid payload (the usual case) is checked at the least cost. */
    private readonly fast: Record<Draft, AjvCore>,
    /** allErrors on: every issue of a payload the fast check refused. */
    private readonly full: Record<Draft, AjvCore>,
  ) {}

  /**
   * The compiled check for a schema (compiled on first use). Throws a `validation` error on
   * field `schema` when it is not a usable JSON Schema.
   */
  compile(schema: JsonSchema, text?: string): Validate {
    return this.compiled(schema, text).fast;
  }

  /** Whether `value` meets `schema` (the fast check only). */
  matches(schema: JsonSchema, value: unknown, text?: string): boolean {
    try {
      return this.compiled(schema, text).fast(value) as boolean;
    } catch (e) {
      if (e instanceof RangeError) return false;
      throw e;
    }
  }

  /** Every place `value` breaks `schema` (at most MAX_SCHEMA_ISSUES); empty when it conforms. */
  check(schema: JsonSchema, value: unknown, text?: string): SchemaIssue[] {
    const compiled = this.compiled(schema, text);
    try {
      if (compiled.fast(value)) return [];
    } catch (e) {
      // A payload nested deeper than the stack allows, against a recursive schema.
      if (e instanceof RangeError) return [{ path: '', message: 'is nested too deeply to check' }];
      throw e;
    }
    const full = (compiled.full ??= compileWith(this.full, schema));
    try {
      full(value);
    } catch (e) {
      if (e instanceof RangeError) return [{ path: '', message: 'is nested too deeply to check' }];
      throw e;
    }
    return (full.errors ?? compiled.fast.errors ?? []).slice(0, MAX_SCHEMA_ISSUES).map((e) => issueOf(e, value));
  }

  private compiled(schema: JsonSchema, text?: string): Compiled {
    const known = this.byObject.get(schema) ?? (text !== undefined ? this.byText.get(text) : undefined);
    if (known) return known;
    const compiled: Compiled = { fast: compileWith(this.fast, schema) };
    this.byObject.set(schema, compiled);
    if (text !== undefined) {
      if (this.byText.size >= 2000) this.byText.clear();
      this.byText.set(text, compiled);
    }
    return compiled;
  }
}

/**
 * Compiles `schema` and tries it once: ajv's code for a schema of some thousands of members
 * overflows the stack when it runs, so such a schema is refused here, not at every check. The
 * compiled function is kept by the caller; ajv's own cache lets go of it (it would grow with
 * every import otherwise), and of its `$id`, so a schema with one compiles again (a re-import).
 */
function compileWith(ajv: Record<Draft, AjvCore>, schema: JsonSchema): Validate {
  const instance = ajv[draftOf(schema)];
  try {
    const validate = instance.compile(schema);
    validate({});
    return validate;
  } catch (e) {
    if (e instanceof HookbenchError) throw e;
    if (e instanceof RangeError) throw tooLarge();
    throw new HookbenchError('validation', `not a valid JSON Schema: ${(e as Error).message}`, 'schema');
  } finally {
    instance.removeSchema(schema);
  }
}

const tooLarge = () =>
  new HookbenchError(
    'validation',
    'this schema is too large to check (split it into smaller schemas with $defs)',
    'schema',
  );

let loading: Promise<SchemaValidator> | null = null;

/** The one validator of this process (ajv loaded on the first call). */
export function loadSchemaValidator(): Promise<SchemaValidator> {
  loading ??= (async () => {
    const [{ default: Ajv07 }, { default: Ajv2019 }, { default: Ajv2020 }, { default: addFormats }] = await Promise.all(
      [import('ajv'), import('ajv/dist/2019'), import('ajv/dist/2020'), import('ajv-formats')],
    );
    // Formats in ajv-formats' fast mode: the same forms, checked by simpler patterns (a fifth of the cost on GitHub's payloads).
    const make = (A: new (o: object) => AjvCore, allErrors: boolean) => {
      const ajv = new A({ strict: false, allErrors, logger: false });
      addFormats(ajv as Parameters<typeof addFormats>[0], { mode: 'fast' });
      return ajv;
    };
    const set = (allErrors: boolean): Record<Draft, AjvCore> => ({
      'draft-07': make(Ajv07, allErrors),
      '2019-09': make(Ajv2019, allErrors),
      '2020-12': make(Ajv2020, allErrors),
    });
    return new SchemaValidator(set(false), set(true));
  })();
  return loading;
}

/** ajv's error as a person reads it: where, what the schema wants there, what is there. */
export function issueOf(e: ErrorObject, root: unknown): SchemaIssue {
  const params = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const path = `${at}/${escapePointer(String(params.missingProperty))}`;
      return { path, message: `${String(params.missingProperty)} is required`, expected: 'present', found: 'missing' };
    }
    case 'additionalProperties': {
      const path = `${at}/${escapePointer(String(params.additionalProperty))}`;
      return {
        path,
        message: 'is not allowed here',
        expected: 'no such property',
        found: describe(valueAt(root, path)),
      };
    }
    case 'type':
      return {
        path: at,
        message: e.message ?? 'has the wrong type',
        expected: String(params.type),
        found: describe(valueAt(root, at)),
      };
    case 'enum':
      return {
        path: at,
        message: 'is not one of the allowed values',
        expected: `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        found: describe(valueAt(root, at)),
      };
    case 'const':
      return {
        path: at,
        message: 'is not the required value',
        expected: JSON.stringify(params.allowedValue),
        found: describe(valueAt(root, at)),
      };
    case 'format':
      return {
        path: at,
        message: `is not a valid ${String(params.format)}`,
        expected: String(params.format),
        found: describe(valueAt(root, at)),
      };
    default:
      return { path: at, message: e.message ?? 'does not match the schema', found: describe(valueAt(root, at)) };
  }
}

/** `/data/amount: must be integer (found string "12")` — one line, for logs and the CLI. */
export function issueText(i: SchemaIssue): string {
  const where = i.path === '' ? '(the payload)' : i.path;
  const detail = [i.expected && `expected ${i.expected}`, i.found && `found ${i.found}`].filter(Boolean).join(', ');
  return `${where}: ${i.message}${detail ? ` (${detail})` : ''}`;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return MISSING;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const MISSING = Symbol('missing');

/** `string "12"`, `number 3`, `null`, `object`, `array of 2`, `missing`. */
export function describe(v: unknown): string {
  if (v === MISSING || v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'object';
  return `${typeof v} ${String(v)}`;
}
