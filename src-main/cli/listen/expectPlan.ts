/**
 * What a `hookbench listen` run waits for: --expect (with --expect-schema) and the --config
 * file's `expect` block, for --within (or the block's `within`), with their schemas compiled.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import {
  DEFAULT_WITHIN,
  parseDuration,
  parseExpectation,
  type ExpectBlock,
  type Expectation,
} from '../../api/expectations';
import { UsageError } from '../context';
import { compileBodyChecks, type SchemaSource } from '../expect/schemaCheck';
import type { TrackedExpectation } from '../expect/tracker';

export interface Within {
  /** As written (`30s`). */
  text: string;
  ms: number;
}

export interface ExpectOptions {
  expect?: Expectation[];
  within?: Within;
  /** [type, file] pairs. */
  expectSchema?: [string, string][];
  junit?: string;
}

export interface ExpectPlan {
  items: TrackedExpectation[];
  within: Within;
  junit: string | undefined;
}

/** The expect block of a loaded config file, and where the file is (schema paths are relative to it). */
export interface ConfigExpect {
  block: ExpectBlock | undefined;
  path: string;
}

/** commander parsers: a bad value is an InvalidArgumentError, reported naming the option (exit 2). */
export function expectArg(value: string, previous: Expectation[] | undefined): Expectation[] {
  return [...(previous ?? []), rethrow(() => parseExpectation(value))];
}

export function withinArg(value: string): Within {
  return { text: value.trim(), ms: rethrow(() => parseDuration(value)) };
}

export function expectSchemaArg(value: string, previous: [string, string][] | undefined): [string, string][] {
  const eq = value.indexOf('=');
  const type = eq === -1 ? '' : value.slice(0, eq).trim();
  const file = eq === -1 ? '' : value.slice(eq + 1).trim();
  if (type === '' || file === '')
    throw new InvalidArgumentError('give <type>=<file.json>, such as invoice.paid=schemas/invoice.json');
  return [...(previous ?? []), [type, file]];
}

function rethrow<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** The expectations to wait for, or null when there are none (then --within, --junit and --expect-schema are usage errors). */
export async function planExpectations(opts: ExpectOptions, config?: ConfigExpect): Promise<ExpectPlan | null> {
  const fromConfig = (config?.block?.events ?? []).map((e, i) => ({
    expectation: e,
    source: e.schema
      ? {
          schema: e.schema,
          baseDir: dirname(config!.path),
          origin: `expect.events[${i}].schema in ${basename(config!.path)}`,
        }
      : undefined,
  }));
  const fromOptions = (opts.expect ?? []).map((e) => ({
    expectation: e,
    source: undefined as SchemaSource | undefined,
  }));
  for (const [type, file] of opts.expectSchema ?? []) {
    const targets = fromOptions.filter((o) => o.expectation.type === type);
    if (targets.length === 0) throw new UsageError(`--expect-schema ${type}: no --expect names ${type}`);
    if (targets.some((t) => t.source)) throw new UsageError(`--expect-schema ${type}: given twice`);
    for (const t of targets) t.source = { schema: file, baseDir: process.cwd(), origin: `--expect-schema ${type}` };
  }
  const all = [...fromConfig, ...fromOptions];
  if (all.length === 0) {
    const stray = [opts.within && '--within', opts.junit !== undefined && '--junit'].filter(Boolean);
    if (stray.length > 0)
      throw new UsageError(
        `${stray.join(' and ')} need expectations: give --expect (or a config with an expect block)`,
      );
    return null;
  }
  const withinText = config?.block?.within ?? DEFAULT_WITHIN;
  const within = opts.within ?? { text: withinText, ms: parseDuration(withinText) };
  const checks = await compileBodyChecks(all.map((a) => a.source));
  return {
    items: all.map((a, i) => ({ expectation: a.expectation, check: checks[i] })),
    within,
    junit: opts.junit === undefined ? undefined : junitTarget(opts.junit),
  };
}

/**
 * The --junit file as an absolute path, checked before anything is listened on: a report that
 * cannot be written must not turn up only after the whole wait. Nothing is created here; a
 * missing folder is made when the report is written, so the nearest folder that exists must let
 * us write.
 */
function junitTarget(path: string): string {
  const file = resolve(path);
  let folder = dirname(file);
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`--junit ${path}: is a folder; give a file name, such as ${join(path, 'webhooks.xml')}`);
    while (!existsSync(folder)) folder = dirname(folder);
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(folder, constants.W_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? `no permission to write in ${folder}`
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'part of that path is not a folder'
          : (e as Error).message;
    throw new UsageError(`--junit ${path}: cannot write there (${why})`);
  }
  return file;
}
