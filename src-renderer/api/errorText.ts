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

/**
 * Every error of a field and of anything below it (`retryPolicy` also takes `retryPolicy.delays.2`),
 * one sentence each, so a list with three bad items shows all three at once.
 */
export function errorFor(errors: Record<string, string>, field: string): string | undefined {
  const messages = Object.keys(errors)
    .filter((k) => k === field || k.startsWith(`${field}.`))
    .map((k) => errors[k]!);
  return messages.length ? [...new Set(messages)].join(' · ') : undefined;
}

/** The errors without those of `field` and anything below it (the person is editing it). */
export function withoutField(errors: Record<string, string>, field: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k !== field && !k.startsWith(`${field}.`)));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The message above a form: point at the fields when the error named some, else say what went wrong. */
export function formErrorText(e: unknown, fields: Record<string, string>): string {
  return Object.keys(fields).length ? 'Fix the highlighted fields.' : errorText(e);
}
