/** Input schemas of the local receiver (inboxes, replay, send-to-local-inbox). Isomorphic (zod only). */
import { z } from 'zod';
import { headersSchema, httpUrlSchema, idSchema, nameSchema, retryPolicySchema, SCHEME_NAMES, schemeSchema, subscriptionSchema } from './schemas';

export const INBOX_SCHEMES = [...SCHEME_NAMES, 'auto'] as const;
export const inboxSchemeSchema = z.enum(INBOX_SCHEMES, { error: `scheme must be one of ${INBOX_SCHEMES.join(', ')}` });

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const slugSchema = z
  .string()
  .trim()
  .regex(SLUG_PATTERN, 'a slug is 1–64 lower-case letters, digits and dashes, not starting or ending with a dash');

export const DEFAULT_TOLERANCE_SEC = 300;
export const MAX_INBOX_SECRETS = 10;

/** Headers the server manages itself; a rule setting them would corrupt the response framing. */
const RESERVED_RESPONSE_HEADERS = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te'];

const responseHeadersSchema = headersSchema(RESERVED_RESPONSE_HEADERS, (name) => `${name} is set by the server and cannot be part of a response rule`);

const ruleFields = {
  status: z.number().int('status must be a whole number').min(200, 'status must be 200–599').max(599, 'status must be 200–599'),
  headers: responseHeadersSchema,
  body: z.string().max(1024 * 1024, 'body must be at most 1 MiB'),
  delayMs: z.number().int('delay must be whole milliseconds').min(0, 'delay must be ≥ 0 ms').max(120_000, 'delay must be at most 120 s'),
  failurePercent: z.number().min(0, 'failure percentage must be 0–100').max(100, 'failure percentage must be 0–100'),
  failFirst: z.number().int('failFirst must be a whole number').min(0, 'failFirst must be ≥ 0').max(10_000, 'failFirst must be at most 10000'),
  failStatus: z.number().int('failStatus must be a whole number').min(300, 'failStatus must be 300–599').max(599, 'failStatus must be 300–599'),
};

/** A partial rule is completed with the defaults (200, no headers, empty body, no delay, no failures). */
export const responseRuleSchema = z.strictObject({
  status: ruleFields.status.default(200),
  headers: ruleFields.headers.default({}),
  body: ruleFields.body.default(''),
  delayMs: ruleFields.delayMs.default(0),
  failurePercent: ruleFields.failurePercent.default(0),
  failFirst: ruleFields.failFirst.default(0),
  failStatus: ruleFields.failStatus.default(500),
});
export type ResponseRuleInput = z.input<typeof responseRuleSchema>;

const secretsSchema = z
  .array(z.string().min(1, 'a secret must not be empty').max(512, 'a secret must be at most 512 characters'))
  .max(MAX_INBOX_SECRETS, `at most ${MAX_INBOX_SECRETS} secrets`);

const toleranceSchema = z
  .number()
  .int('tolerance must be whole seconds')
  .min(0, 'tolerance must be ≥ 0 s')
  .max(7 * 24 * 3600, 'tolerance must be at most 7 days');

export const inboxCreateSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  name: nameSchema.optional(),
  /** Generated from the name when omitted. */
  slug: slugSchema.optional(),
  scheme: inboxSchemeSchema.default('standard'),
  /** Generated (one) when omitted and the scheme signs. */
  secrets: secretsSchema.optional(),
  toleranceSec: toleranceSchema.default(DEFAULT_TOLERANCE_SEC),
  responseRule: responseRuleSchema.default(responseRuleSchema.parse({})),
  forwardTo: httpUrlSchema.nullable().default(null),
});
export type InboxCreateInput = z.input<typeof inboxCreateSchema>;

export const inboxUpdateSchema = z.strictObject({
  id: idSchema,
  name: nameSchema.optional(),
  slug: slugSchema.optional(),
  scheme: inboxSchemeSchema.optional(),
  /** Replaces the list (add one to rotate, drop the old one when done). */
  secrets: secretsSchema.optional(),
  toleranceSec: toleranceSchema.optional(),
  /** Replaces the rule (missing fields take the defaults) and restarts the fail-first count. */
  responseRule: responseRuleSchema.optional(),
  /** null stops forwarding. */
  forwardTo: httpUrlSchema.nullable().optional(),
});
export type InboxUpdateInput = z.input<typeof inboxUpdateSchema>;

export const requestListSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  inboxId: idSchema.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Cursor: a request id; only older requests are listed. */
  before: idSchema.optional(),
});
export type RequestListInput = z.input<typeof requestListSchema>;

export const replaySchema = z.strictObject({
  id: idSchema,
  url: httpUrlSchema,
  timeoutSec: z.number().int().min(1, 'timeout must be at least 1 s').max(120, 'timeout must be at most 120 s').default(30),
});
export type ReplayInput = z.input<typeof replaySchema>;

export const localInboxSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  name: nameSchema.optional(),
  scheme: schemeSchema.default('standard'),
  subscriptions: z.array(subscriptionSchema).min(1, 'subscribe to at least one event type (or *)').default(['*']),
  retryPolicy: retryPolicySchema.optional(),
  responseRule: responseRuleSchema.optional(),
});
export type LocalInboxInput = z.input<typeof localInboxSchema>;
