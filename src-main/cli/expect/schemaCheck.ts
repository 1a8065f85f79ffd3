/**
 * JSON Schema checks for `listen --expect`: each expectation's schema (inline, or a .json file)
 * compiled once by the engine's validator (ajv + ajv-formats, the draft its `$schema` names —
 * the same checks as the catalogs'). It is loaded only when some expectation has a schema, so
 * `listen` starts fast.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isHookbenchError } from '../../api/errors';
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

/** One check per source (undefined where an expectation has no schema); usage errors name the origin. */
export async function compileBodyChecks(sources: (SchemaSource | undefined)[]): Promise<(BodyCheck | undefined)[]> {
  if (sources.every((s) => !s)) return sources.map(() => undefined);
  const { loadSchemaValidator, issueText } = await import('../../engine/catalogs/schemaValidator');
  const validator = await loadSchemaValidator();
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
      try {
        validator.compile(schema);
      } catch (e) {
        if (isHookbenchError(e)) throw new UsageError(`${source.origin}: ${e.message}`);
        throw e;
      }
      check = (body) => {
        const first = validator.check(schema, body)[0];
        return first ? issueText(first) : null;
      };
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
