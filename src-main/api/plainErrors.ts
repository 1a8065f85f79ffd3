/**
 * Plain words for zod's generic issues — the ones a schema does not word itself — so every face
 * (the forms, REST, the CLI) says what is wrong the way a person would: "“x” is not a number",
 * not "Invalid input: expected number, received string". Isomorphic (types from zod only).
 * parseInput (schemas.ts) passes it to every parse; the field is named by the issue's path.
 */
import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

/** A value quoted as typed. */
export const quoted = (v: unknown): string => `“${String(v)}”`;

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object { … }',
  record: 'an object { … }',
  null: 'null',
};

/** What a value is, in words. */
function described(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'nothing (null)';
  if (typeof v === 'string')
    return v.trim() === '' ? 'empty text' : `the text ${quoted(v.length > 60 ? `${v.slice(0, 60)}…` : v)}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'not a number' : String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${n === 1 || n === 1n ? one : many}`;

function invalidType(iss: Extract<RawIssue, { code: 'invalid_type' }>): string {
  const v = iss.input;
  const numeric = iss.expected === 'number' || iss.expected === 'int';
  if (v === undefined) return 'this field is required';
  if (numeric && (isEmpty(v) || (typeof v === 'string' && v.trim() === ''))) return 'a number is required';
  if (numeric && typeof v === 'string') return `${quoted(v)} is not a number`;
  if (iss.expected === 'int' && typeof v === 'number') return `${v} is not a whole number`;
  if (iss.expected === 'string' && v === null) return 'this field is required';
  return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${described(v)}`;
}

function tooSmall(iss: Extract<RawIssue, { code: 'too_small' }>): string {
  const { minimum: min, inclusive, input: v } = iss;
  switch (iss.origin) {
    case 'string':
      return min === 1 && inclusive ? 'this field is required' : `must be at least ${plural(min, 'character')}`;
    case 'array':
    case 'set':
      return min === 1 && inclusive ? 'give at least one' : `give at least ${min}`;
    default:
      if (min === 0 && inclusive) return `cannot be negative; was ${String(v)}`;
      return `must be ${inclusive ? 'at least' : 'more than'} ${min}; was ${String(v)}`;
  }
}

function tooBig(iss: Extract<RawIssue, { code: 'too_big' }>): string {
  const { maximum: max, inclusive, input: v } = iss;
  switch (iss.origin) {
    case 'string':
      return `must be at most ${plural(max, 'character')} (this is ${String(v).length})`;
    case 'array':
    case 'set':
      return `at most ${max} allowed (got ${Array.isArray(v) ? v.length : 'more'})`;
    default:
      return `must be ${inclusive ? 'at most' : 'less than'} ${max}; was ${String(v)}`;
  }
}

/** The message for an issue its schema did not word itself; undefined keeps zod's (never reached in practice). */
export function plainIssueMessage(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return invalidType(iss);
    case 'too_small':
      return tooSmall(iss);
    case 'too_big':
      return tooBig(iss);
    case 'invalid_value':
      return `${described(iss.input)} is not one of: ${iss.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `${quoted(iss.input)} is not ${iss.format === 'regex' ? 'in the expected form' : `a valid ${iss.format}`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${iss.divisor}; was ${String(iss.input)}`;
    case 'invalid_key':
      return `${quoted(iss.input)} is not allowed as a name here`;
    case 'invalid_element':
      return `${described(iss.input)} is not allowed here`;
    case 'invalid_union':
      return `${described(iss.input)} is not one of the accepted forms`;
    case 'unrecognized_keys':
      return `unknown field${iss.keys.length === 1 ? '' : 's'} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `${described(iss.input)} is not valid here`;
  }
}
