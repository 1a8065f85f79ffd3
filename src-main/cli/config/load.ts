/**
 * Reads `hookbench.config.json`: the JSON, then the contract's config schema, then each
 * `{ "env": "VAR" }` replaced by the variable's value and checked again by the same schema.
 * Every problem is a UsageError naming the file and the field (`inboxes[1].secrets[0]`).
 */
import { readFile } from 'node:fs/promises';
import { configFileSchema, isEnvRef, type EnvRef, type HookbenchConfig } from '../../api/configFile';
import { isHookbenchError } from '../../api/errors';
import { parseInput } from '../../api/schemas';
import { UsageError } from '../context';
import { unreadableReason } from '../readBody';

export async function loadConfigFile(path: string, env: NodeJS.ProcessEnv): Promise<HookbenchConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${path}: cannot read the config file (${unreadableReason(e)})`);
  }
  const json = parseJson(path, text.replace(/^\uFEFF/, ''));
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(
      `${path}: a config file holds one JSON object ({ "inboxes": […], "webhooks": […] }), not ${json === null ? 'null' : Array.isArray(json) ? 'a list' : `a ${typeof json}`}`,
    );
  const written = checked(path, json);
  const sources = new Map<string, EnvSource>();
  const missing: string[] = [];
  const read = (ref: EnvRef, at: string): string => {
    const value = env[ref.env];
    if (value === undefined || value === '')
      missing.push(`${path}: ${at}: environment variable ${ref.env} is ${value === undefined ? 'not set' : 'empty'}`);
    sources.set(at, { env: ref.env, value: value ?? '' });
    return value ?? '';
  };
  const resolved = resolveEnv(written, read);
  if (missing.length > 0) throw new UsageError(missing.join('\n'));
  return checked(path, resolved, sources) as HookbenchConfig;
}

/** The parsed JSON; a syntax error names its line and column. */
function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const position = /at position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(text, position ? Number(position[1]) : text.length);
    // V8 words it as "… in JSON at position 42 (line 3 column 5)"; the place is said once, first.
    const what = message
      .replace(/\s*in JSON at position \d+.*$/s, '')
      .replace(/^Unexpected end of JSON input$/, 'the file ends before the JSON does');
    throw new UsageError(`${path}: line ${line}, column ${column}: not valid JSON: ${what}`);
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Checked with the config schema; a problem names the field as written (and the variable its value came from). */
/** Where a field's value came from: the variable, and what it held. */
interface EnvSource {
  env: string;
  value: string;
}

function checked(path: string, value: unknown, sources = new Map<string, EnvSource>()): ReturnType<typeof parse> {
  try {
    return parse(value);
  } catch (e) {
    if (!isHookbenchError(e) || e.code !== 'validation') throw e;
    const issues = e.issues ?? [{ field: e.field ?? 'input', message: e.message }];
    const lines = issues.map(({ field, message }) => {
      const at = configPath(field);
      const from = sources.get(at);
      // A value from the environment may be a secret: the message names the variable, never quotes the value.
      return `${path}: ${at}${from ? ` (from ${from.env})` : ''}: ${from ? withoutValue(message, from.value) : message}`;
    });
    throw new UsageError(lines.join('\n'));
  }
}

/** The message without the value (quoted or within a suggestion), so a value read from the environment is never shown. */
const withoutValue = (message: string, value: string) =>
  [value, value.trim()]
    .filter((v) => v !== '')
    .reduce((m, v) => m.split(v).join('…'), message)
    .replace(/“[^”]*”|"[^"]*"/g, 'the value');

const parse = (value: unknown) => parseInput(configFileSchema, value);

/** `inboxes.1.secrets.0` → `inboxes[1].secrets[0]`. */
export function configPath(field: string): string {
  return field === 'input' ? '(the file)' : field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

type Parsed = ReturnType<typeof parse>;

/** The places a config may take a value from the environment (configFile.ts), each replaced by `read`. */
function resolveEnv(c: Parsed, read: (ref: EnvRef, at: string) => string): unknown {
  const value = <T>(v: T | EnvRef, at: string): T | string => (isEnvRef(v) ? read(v, at) : v);
  return {
    ...c,
    inboxes: c.inboxes.map((inbox, i) => ({
      ...inbox,
      ...(inbox.secrets && { secrets: inbox.secrets.map((s, j) => value(s, `inboxes[${i}].secrets[${j}]`)) }),
      forwardTo: inbox.forwardTo === null ? null : value(inbox.forwardTo, `inboxes[${i}].forwardTo`),
      forwardRoutes: inbox.forwardRoutes.map((r, j) => ({
        ...r,
        url: value(r.url, `inboxes[${i}].forwardRoutes[${j}].url`),
      })),
    })),
    webhooks: c.webhooks.map((w, i) => ({
      ...w,
      url: value(w.url, `webhooks[${i}].url`),
      ...(w.secret !== undefined && { secret: value(w.secret, `webhooks[${i}].secret`) }),
      headers: Object.fromEntries(
        Object.entries(w.headers).map(([name, v]) => [name, value(v, `webhooks[${i}].headers.${name}`)]),
      ),
    })),
  };
}
