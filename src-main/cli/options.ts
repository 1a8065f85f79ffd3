/** Option parsers shared by the commands. A bad value is commander's InvalidArgumentError (exit 2). */
import { InvalidArgumentError, Option } from 'commander';
import { HTTP_TOKEN, RETRY_PRESET_NAMES, SCHEME_NAMES, type RetryPolicy, type RetryPresetName } from '../api/schemas';

/** Repeatable option: every value in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A whole number within bounds. */
export function integer(what: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} must be a whole number, got "${value}"`);
    const n = Number(value.trim());
    if (n < min || n > max) throw new InvalidArgumentError(`${what} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

/** `Name: value` (the value may itself hold colons); repeated into a list. */
export function header(value: string, previous: [string, string][] | undefined): [string, string][] {
  const colon = value.indexOf(':');
  const name = colon === -1 ? '' : value.slice(0, colon).trim();
  if (colon === -1 || name === '' || !HTTP_TOKEN.test(name)) {
    throw new InvalidArgumentError(`a header is "Name: value", got "${value}"`);
  }
  return [...(previous ?? []), [name, value.slice(colon + 1).trim()]];
}

/** Header pairs as a verify header map; a repeated name keeps every value. */
export function headerMap(pairs: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const existing = out[key];
    out[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
}

/** `fast|standard|exponential|svix-like`, `none` (one attempt), or a comma list of delays in seconds. */
export function retryPolicy(value: string): RetryPolicy {
  const v = value.trim();
  if ((RETRY_PRESET_NAMES as string[]).includes(v)) return { preset: v as RetryPresetName, jitter: true };
  if (v === 'none') return { delays: [], jitter: true };
  const parts = v.split(',').map((p) => p.trim());
  const delays = parts.map(Number);
  if (parts.some((p) => p === '') || delays.some((d) => !Number.isFinite(d) || d < 0)) {
    throw new InvalidArgumentError(
      `use a preset (${RETRY_PRESET_NAMES.join(', ')}), none, or a comma list of delays in seconds such as 1,5,30; got "${value}"`,
    );
  }
  return { delays, jitter: true };
}

/** `--scheme` limited to the signing schemes (plus any extra names such as `auto`). */
export function schemeOption(description: string, extra: string[] = []): Option {
  return new Option('--scheme <scheme>', description).choices([...SCHEME_NAMES, ...extra]);
}
