/**
 * The signing test vectors file (vectors/signing-vectors.json, `hookbench vectors`, `hookbench
 * verify --vectors`): its shape, and the one parse that turns any input into it or into a
 * validation error naming the field (`vectors[3].scheme: unknown scheme "foo"`). Isomorphic (zod only).
 */
import { z } from 'zod';
import { HookbenchError } from './errors';
import { plainIssueMessage } from './plainErrors';
import { VERIFY_FAILURE_REASONS } from './schemas';
import { SIGNING_SCHEMES, type SchemeName } from './schemes';

/** The file format version this Hookbench reads and writes. */
export const SIGNING_VECTORS_VERSION = 1;

const wholeSeconds = (what: string) =>
  z
    .number({ error: `${what} is unix seconds (a number)` })
    .int(`${what} is whole unix seconds`)
    .nonnegative();

export const signingVectorSchema = z
  .strictObject({
    /** Unique in the file: `<scheme>/<case>`. */
    name: z.string().min(1),
    scheme: z.enum(SIGNING_SCHEMES as [SchemeName, ...SchemeName[]], {
      error: (iss) => `unknown scheme ${JSON.stringify(iss.input)}; use one of ${SIGNING_SCHEMES.join(', ')}`,
    }),
    /** What the vector shows, in a sentence. */
    description: z.string().optional(),
    /** Where a provider's own library concludes otherwise, and why. */
    note: z.string().optional(),
    /** The secrets the receiver verifies with, newest first. */
    secrets: z.array(z.string().min(1)).min(1),
    /** The secrets the sender signed `headers` with (for a valid vector, signing gives exactly `headers`). */
    signedWith: z.array(z.string().min(1)).optional(),
    id: z.string().optional(),
    timestamp: wholeSeconds('timestamp').optional(),
    eventType: z.string().optional(),
    /** The request body as UTF-8 text; its UTF-8 bytes are what is signed. */
    body: z.string(),
    /** Exactly the headers sent. */
    headers: z.record(z.string(), z.string()),
    /** Unix seconds to verify at. */
    now: wholeSeconds('now'),
    toleranceSec: wholeSeconds('toleranceSec'),
    valid: z.boolean(),
    /** Why a correct verifier rejects it (invalid vectors only). */
    reason: z
      .enum(VERIFY_FAILURE_REASONS, { error: `reason must be one of ${VERIFY_FAILURE_REASONS.join(', ')}` })
      .optional(),
  })
  .check((ctx) => {
    const v = ctx.value;
    if (!v.valid && v.reason === undefined)
      ctx.issues.push({ code: 'custom', input: v, path: ['reason'], message: 'an invalid vector names its reason' });
    if (v.valid && v.reason !== undefined)
      ctx.issues.push({ code: 'custom', input: v, path: ['reason'], message: 'a valid vector has no reason' });
  });
export type SigningVector = z.infer<typeof signingVectorSchema>;

export const signingVectorFileSchema = z
  .strictObject({
    version: z.literal(SIGNING_VECTORS_VERSION, {
      error: `must be ${SIGNING_VECTORS_VERSION} (the signing vectors format this Hookbench reads)`,
    }),
    description: z.string().optional(),
    vectors: z.array(signingVectorSchema).min(1),
  })
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.vectors.forEach((v, i) => {
      if (seen.has(v.name))
        ctx.issues.push({
          code: 'custom',
          input: v.name,
          path: ['vectors', i, 'name'],
          message: `the name "${v.name}" is used twice`,
        });
      seen.add(v.name);
    });
  });
export type SigningVectorFile = z.infer<typeof signingVectorFileSchema>;

/** `vectors[3].scheme` (how the file reads), from a zod path. */
export function vectorFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** The file, or a `validation` error whose message names the first wrong field (every one is in `issues`). */
export function parseSigningVectors(input: unknown): SigningVectorFile {
  const result = signingVectorFileSchema.safeParse(input, { error: plainIssueMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ field: vectorFieldPath([...i.path, k]), message: `unknown field "${k}"` }))
      : [{ field: vectorFieldPath(i.path) || 'file', message: i.message }],
  );
  const first = issues[0]!;
  throw new HookbenchError('validation', `${first.field}: ${first.message}`, first.field, issues);
}
