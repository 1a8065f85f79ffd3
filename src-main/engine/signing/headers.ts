/**
 * Header lookup for verification. Senders, proxies and frameworks disagree on header-name
 * case and on whether a repeated header arrives as an array, so every lookup here is
 * case-insensitive and flattens string[] values.
 */
import type { HeaderMap } from './types';

/** Maps whose keys are all lower case (built by {@link lowerCaseHeaderMap}): looked up directly. */
const lowerCaseMaps = new WeakSet<HeaderMap>();

/** Raw header pairs as a map with lower-case names, repeated headers kept as arrays (the receiver's form). */
export function lowerCaseHeaderMap(pairs: readonly [string, string][]): HeaderMap {
  // No prototype: a header named `constructor` or `__proto__` is a header like any other.
  const map = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of pairs) (map[name.toLowerCase()] ??= []).push(value);
  lowerCaseMaps.add(map);
  return map;
}

/** Every value of `name` (any case), in order; repeated keys and array values are flattened. */
export function headerValues(headers: HeaderMap, name: string): string[] {
  const wanted = name.toLowerCase();
  if (lowerCaseMaps.has(headers)) {
    const value = headers[wanted];
    return value === undefined || value === null ? [] : Array.isArray(value) ? value.slice() : [value];
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string') out.push(v);
    } else if (typeof value === 'string') {
      out.push(value);
    }
  }
  return out;
}

/** The first value of `name`, trimmed; undefined when the header is absent. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  return headerValues(headers, name)[0]?.trim();
}

/**
 * Items of a comma-separated header list. Node joins a repeated header with ", ", so a
 * header sent twice and a header sent once with a list read the same way here.
 */
export function commaList(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
