/**
 * Secrets checked against their scheme in the same answer as every other field (webhooks,
 * inboxes, replays). Zod skips refinements once another field has a type error unless they ask
 * to run (`ALWAYS`); the values may then be anything, hence the checks on what arrives.
 */
import type { z } from 'zod';
import { secretProblem } from './secretFormat';
import { SCHEME_NAMES, type SchemeName } from './schemes';

/** Refinement parameters: run even when another field of the object failed. */
export const ALWAYS = { when: () => true } as const;

/** What an ALWAYS refinement got, as fields to read: it may be null or not an object at all (a list's bad entry). */
export const fieldsOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** Each secret of a `secrets` list, by its path; nothing when it is not a list. */
export const listedSecrets = (secrets: unknown): [(string | number)[], unknown][] =>
  Array.isArray(secrets) ? secrets.map((s: unknown, i) => [['secrets', i], s]) : [];

/**
 * Each given secret checked against `scheme`, each issue on its own path. A secret its own field
 * schema (`field`) refuses is left to that message, and an unknown scheme to the scheme's.
 */
export function checkSecretsFor(
  scheme: unknown,
  given: [path: (string | number)[], secret: unknown][],
  field: z.ZodType<string>,
  ctx: z.RefinementCtx,
): void {
  if (scheme !== 'auto' && !SCHEME_NAMES.includes(scheme as SchemeName)) return;
  for (const [path, secret] of given) {
    if (!field.safeParse(secret).success) continue;
    const problem = secretProblem(scheme as SchemeName | 'auto', secret as string);
    if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
  }
}
