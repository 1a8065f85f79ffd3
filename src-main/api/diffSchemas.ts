/** Input of the diff operations, and the subject ref syntax (`req_…`, `dlv_…`, `dlv_…#2`). Isomorphic. */
import { z } from 'zod';
import { validationError } from './errors';
import { idSchema } from './schemas';

/** A received request, or a delivery's attempt (null = its latest). */
export type ParsedSubjectRef =
  { kind: 'request'; id: string } | { kind: 'attempt'; deliveryId: string; attempt: number | null };

const ID = '[A-Za-z0-9_-]{1,96}';
const REF = new RegExp(`^(?:(req_${ID})|(dlv_${ID})(?:#([1-9][0-9]{0,5}))?)$`);
const REF_HINT = 'a request id (req_…), a delivery id (dlv_…, its latest attempt) or a delivery attempt (dlv_…#2)';

/** Null when `ref` is not a subject ref. */
export function tryParseSubjectRef(ref: string): ParsedSubjectRef | null {
  const m = REF.exec(ref.trim());
  if (!m) return null;
  if (m[1]) return { kind: 'request', id: m[1] };
  return { kind: 'attempt', deliveryId: m[2]!, attempt: m[3] ? Number(m[3]) : null };
}

/** The parsed ref; a `validation` error naming `field` when it is not one. */
export function parseSubjectRef(ref: string, field: string): ParsedSubjectRef {
  const parsed = tryParseSubjectRef(ref);
  if (!parsed) throw validationError(field, `${field} must be ${REF_HINT}, got "${ref.slice(0, 120)}"`);
  return parsed;
}

export const subjectRefSchema = z
  .string()
  .trim()
  .min(1, 'a request or delivery id is required')
  .max(120)
  .refine((s) => tryParseSubjectRef(s) !== null, { error: `must be ${REF_HINT}` });

export const diffCompareSchema = z.strictObject({
  /** The reference side (what was sent, or the earlier request). */
  left: subjectRefSchema,
  right: subjectRefSchema,
});
export type DiffCompareInput = z.output<typeof diffCompareSchema>;

export const diffExplainSchema = z.strictObject({
  /** The received request to explain (usually one that failed verification). */
  requestId: idSchema.regex(/^req_/, 'requestId must be a received request id (req_…)'),
  /** What to compare it with; found by the request's signature id when omitted. */
  against: subjectRefSchema.optional(),
});
export type DiffExplainInput = z.output<typeof diffExplainSchema>;
