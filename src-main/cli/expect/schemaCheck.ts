/**
 * JSON Schema checks for `listen --expect`: each expectation's schema (inline, or a .json file)
 * compiled once with ajv — draft 2020-12 or 2019-09 when its `$schema` says so, else draft-07 —
 * with ajv-formats. Ajv is loaded only when some expectation has a schema, so `listen` starts fast.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import { UsageError } from '../context';
import { unreadableReason } from '../readBody';
import type { BodyCheck } from './tracker';

export interface SchemaSource {
  /** Inline, or a path to a .json file (relative to `baseDir`). */
  schema: Record<string, unknown> | string;
  baseDir: string;
  /** Where it was given, for errors: `--expect-schema invoice.paid`, `expect.events[0].schema in hookbench.config.json`. */
  origin: string;
}

type Draft = '2020-12' | '2019-09' | 'draft-07';

const DRAFTS: { draft: Draft; pattern: RegExp }[] = [
  { draft: '2020-12', pattern: /\/draft\/2020-12\/schema#?$/ },
  { draft: '2019-09', pattern: /\/draft\/2019-09\/schema#?$/ },
  { draft: 'draft-07', pattern: /\/draft-07\/schema#?$/ },
];

async function newAjv(draft: Draft): Promise<AjvCore> {
  const options = { strict: false, allErrors: false };
  const Ajv =
    draft === '2020-12'
      ? (await import('ajv/dist/2020')).default
      : draft === '2019-09'
        ? (await import('ajv/dist/2019')).default
        : (await import('ajv')).default;
  const ajv = new Ajv(options);
  const { default: addFormats } = await import('ajv-formats');
  addFormats(ajv as Parameters<typeof addFormats>[0]);
  return ajv;
}

/** One check per source (undefined where an expectation has no schema); usage errors name the origin. */
export async function compileBodyChecks(sources: (SchemaSource | undefined)[]): Promise<(BodyCheck | undefined)[]> {
  const instances = new Map<Draft, Promise<AjvCore>>();
  const compiled = new Map<unknown, BodyCheck>();
  const checks: (BodyCheck | undefined)[] = [];
  for (const source of sources) {
    if (!source) {
      checks.push(undefined);
      continue;
    }
    const key = typeof source.schema === 'string' ? resolve(source.baseDir, source.schema) : source.schema;
    let check = compiled.get(key);
    if (!check) {
      const schema =
        typeof source.schema === 'string' ? await readSchemaFile(key as string, source.origin) : source.schema;
      const draft = draftOf(schema, source.origin);
      if (!instances.has(draft)) instances.set(draft, newAjv(draft));
      check = compile(await instances.get(draft)!, schema, source.origin);
      compiled.set(key, check);
    }
    checks.push(check);
  }
  return checks;
}

async function readSchemaFile(path: string, origin: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${origin}: cannot read ${path}: ${unreadableReason(e)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${origin}: ${path} is not JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`${origin}: ${path} must hold a JSON Schema object`);
  return parsed as Record<string, unknown>;
}

function draftOf(schema: Record<string, unknown>, origin: string): Draft {
  const declared = schema.$schema;
  if (declared === undefined) return 'draft-07';
  const found = typeof declared === 'string' ? DRAFTS.find((d) => d.pattern.test(declared)) : undefined;
  if (!found)
    throw new UsageError(
      `${origin}: $schema ${JSON.stringify(declared)} is not supported; use draft-07 (http://json-schema.org/draft-07/schema#) ` +
        'or 2020-12 (https://json-schema.org/draft/2020-12/schema)',
    );
  return found.draft;
}

function compile(ajv: AjvCore, schema: Record<string, unknown>, origin: string): BodyCheck {
  let validate: ReturnType<AjvCore['compile']>;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    throw new UsageError(`${origin}: not a valid JSON Schema: ${(e as Error).message}`);
  }
  return (body) => (validate(body) ? null : errorText(validate.errors?.[0]));
}

/** `/data/object/amount: must be integer`. */
export function errorText(e: ErrorObject | undefined): string {
  if (!e) return 'does not match';
  const at = e.instancePath === '' ? '(the body)' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String(params.additionalProperty)})`
      : e.keyword === 'enum'
        ? `: ${JSON.stringify(params.allowedValues)}`
        : e.keyword === 'const'
          ? `: ${JSON.stringify(params.allowedValue)}`
          : '';
  return `${at}: ${e.message ?? 'does not match'}${extra}`;
}
