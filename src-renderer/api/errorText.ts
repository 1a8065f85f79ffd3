import { HookbenchError } from '../../src-main/api/errors';

/** A readable message for anything thrown by a call. */
export function errorText(e: unknown): string {
  if (e instanceof HookbenchError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * Field errors of a rejected call, keyed by field path (`url`, `subscriptions.0`, `retryPolicy.delays`).
 * The first message per field wins.
 */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof HookbenchError)) return out;
  for (const issue of e.issues ?? []) out[issue.field] ??= issue.message;
  if (e.field && !out[e.field]) out[e.field] = e.message.replace(new RegExp(`^${escapeRe(e.field)}: `), '');
  return out;
}

/** The error for a field or anything below it (`subscriptions` also takes `subscriptions.2`). */
export function errorFor(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((k) => k.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The message above a form: point at the fields when the error named some, else say what went wrong. */
export function formErrorText(e: unknown, fields: Record<string, string>): string {
  return Object.keys(fields).length ? 'Fix the highlighted fields.' : errorText(e);
}
