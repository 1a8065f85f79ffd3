/**
 * Domain schemas: the one source for names, enums and input shapes. Isomorphic (zod only),
 * so the engine, the contract, the preload and the renderer all import the same definitions.
 */
import { z } from 'zod';
import { HookbenchError } from './errors';
import { plainIssueMessage } from './plainErrors';
import {
  DEFAULT_RECEIVER_HOST,
  DEFAULT_RECEIVER_PORT,
  receiverHostSchema,
  receiverPortSchema,
} from './receiverAddress';
import { SCHEME_NAMES } from './schemes';
import { extraHeadersSchema, httpUrlSchema, secretHeadersSchema, textSchema } from './httpFields';
import { ALWAYS, checkSecretsFor } from './secretFields';
import { catalogIdSchema } from './catalogTypes';

export * from './httpFields';

/** The names come from the scheme descriptor table (schemes.ts). */
export { SCHEME_NAMES, type SchemeName } from './schemes';
export const schemeSchema = z.enum(SCHEME_NAMES, { error: `scheme must be one of ${SCHEME_NAMES.join(', ')}` });

/** Delays in seconds after each failed attempt, per preset (the README's "Sending" section lists them). */
export const RETRY_PRESETS = {
  exponential: [60, 120, 240, 480],
  standard: [60, 300, 900, 3600, 14400],
  'svix-like': [5, 300, 1800, 7200, 18000, 36000, 36000],
  fast: [1, 2, 4, 8],
} as const satisfies Record<string, readonly number[]>;
export type RetryPresetName = keyof typeof RETRY_PRESETS;
export const RETRY_PRESET_NAMES = Object.keys(RETRY_PRESETS) as RetryPresetName[];

export const DELIVERY_STATUSES = ['pending', 'sending', 'success', 'retrying', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** What counts as a delivered webhook: any 2xx answer. */
export const isSuccessStatus = (status: number | null | undefined): boolean =>
  typeof status === 'number' && status >= 200 && status < 300;
/** The statuses "retry now" takes: the delivery gets one more attempt. */
export const RETRYABLE_STATUSES: readonly DeliveryStatus[] = ['failed', 'retrying', 'cancelled'];
/** The statuses "cancel" takes: nothing more is sent. */
export const CANCELLABLE_STATUSES: readonly DeliveryStatus[] = ['pending', 'retrying'];

/** Why a signature check failed (shared by the signer's verify and the receiver's verdicts). */
export const VERIFY_FAILURE_REASONS = [
  'bad_signature',
  'stale',
  'future',
  'missing_header',
  'malformed_header',
  'no_secret',
] as const;
export type VerifyFailureReason = (typeof VERIFY_FAILURE_REASONS)[number];

export const ERROR_CLASSES = ['timeout', 'refused', 'dns', 'tls', 'reset', 'redirect', 'http', 'other'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export const retryPolicySchema = z
  .object({
    preset: z.enum(RETRY_PRESET_NAMES as [RetryPresetName, ...RetryPresetName[]]).optional(),
    /** Custom delays in seconds; used when given (overrides the preset). */
    delays: z
      .array(
        z
          .number()
          .min(0, { error: (iss) => `${String(iss.input)}: a delay cannot be negative` })
          .max(7 * 24 * 3600, { error: (iss) => `${String(iss.input)}: a delay can be at most 7 days (604800 s)` }),
        { error: (iss) => (iss.code === 'invalid_type' ? 'delays are a list of seconds, e.g. 1, 5, 30' : undefined) },
      )
      .max(20, 'at most 20 delays')
      .optional(),
    jitter: z.boolean().default(true),
  })
  .refine((p) => p.preset !== undefined || p.delays !== undefined, {
    message: 'give a preset or a list of delays',
    path: ['preset'],
  });
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { preset: 'exponential', jitter: true };

/** `user.created`, `user.*` or `*`. */
export const subscriptionSchema = z
  .string()
  .trim()
  .regex(
    /^(\*|[a-z0-9_]+([./][a-z0-9_]+)*([./]\*)?)$/i,
    'a subscription is an event type, a prefix ending in .* (or /* for topics like orders/*) or *',
  );

export const eventTypeNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i, 'an event type looks like category.action');

/** A type in any catalog: Hookbench's `category.action`, GitHub's `push` and `pull_request.opened`, Shopify's `orders/create`. */
export const catalogTypeNameSchema = z
  .string()
  .trim()
  .max(200, 'an event type is at most 200 characters')
  .regex(/^[a-z0-9_]+([./][a-z0-9_]+)*$/i, 'an event type is a name like user.created, push or orders/create');

/** A webhook's or inbox's name. */
export const nameSchema = textSchema('name', { min: 1, max: 200 });

export const idSchema = z.string().min(1, 'id is required').max(100);

/** A webhook's secret: checked against its scheme beside the other fields (secretFields.ts). */
const webhookSecretSchema = z.string().min(1).max(512);
const descriptionSchema = textSchema('description', { max: 2000, multiline: true });
const subscriptionsSchema = z.array(subscriptionSchema).min(1, 'subscribe to at least one event type (or *)');
const timeoutSecSchema = z
  .number()
  .int('timeout must be whole seconds')
  .min(1, 'timeout must be at least 1 s')
  .max(120, 'timeout must be at most 120 s');

export const webhookCreateSchema = z
  .strictObject({
    workspaceId: idSchema.optional(),
    name: nameSchema.optional(),
    description: descriptionSchema.default(''),
    url: httpUrlSchema,
    subscriptions: subscriptionsSchema,
    enabled: z.boolean().default(true),
    scheme: schemeSchema.default('standard'),
    secret: webhookSecretSchema.optional(),
    headers: extraHeadersSchema.default({}),
    secretHeaders: secretHeadersSchema.default([]),
    timeoutSec: timeoutSecSchema.default(30),
    retryPolicy: retryPolicySchema.optional(),
  })
  .superRefine(
    (w, ctx) => checkSecretsFor(w.scheme ?? 'standard', [[['secret'], w.secret]], webhookSecretSchema, ctx),
    ALWAYS,
  );
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema.optional(),
    description: descriptionSchema.optional(),
    url: httpUrlSchema.optional(),
    subscriptions: subscriptionsSchema.optional(),
    enabled: z.boolean().optional(),
    scheme: schemeSchema.optional(),
    secret: webhookSecretSchema.optional(),
    headers: extraHeadersSchema.optional(),
    secretHeaders: secretHeadersSchema.optional(),
    timeoutSec: timeoutSecSchema.optional(),
    retryPolicy: retryPolicySchema.optional(),
  })
  // Without a scheme the engine checks the secret against the stored one.
  .superRefine((w, ctx) => checkSecretsFor(w.scheme, [[['secret'], w.secret]], webhookSecretSchema, ctx), ALWAYS);
export type WebhookUpdateInput = z.input<typeof webhookUpdateSchema>;

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export const fireEventSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  /** The catalog the type is from (default `hookbench`: built-in and the workspace's own types). */
  catalog: catalogIdSchema.optional(),
  type: catalogTypeNameSchema,
  /** The event's data object; the sample payload when omitted. */
  data: z.record(z.string(), z.unknown(), { error: 'data must be a JSON object' }).optional(),
  /** Only deliver to these webhooks (still subject to workspace and subscription). */
  webhookIds: z.array(idSchema).optional(),
  /** Send even when the payload breaks the type's schema (to test a receiver with bad data). */
  sendAnyway: z.boolean().optional(),
});
export type FireEventInput = z.input<typeof fireEventSchema>;

export const customEventTypeSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  type: eventTypeNameSchema,
  description: textSchema('description', { max: 500, multiline: true }).default(''),
  sample: z.record(z.string(), z.unknown(), { error: 'sample must be a JSON object' }).default({}),
});

/** Retry every failed delivery of one webhook (or of every enabled webhook) created in a time range. */
export const recoverSchema = z
  .strictObject({
    workspaceId: idSchema.optional(),
    /** One webhook; every enabled webhook of the workspace when omitted. */
    webhookId: idSchema.optional(),
    /** Epoch milliseconds: deliveries created at or after this time. */
    since: z.number({ error: 'since is required: a time in epoch milliseconds' }).int().min(0),
    /** Epoch milliseconds (exclusive); now when omitted. */
    until: z.number().int().min(0).optional(),
  })
  .refine((r) => r.until === undefined || r.until > r.since, { message: 'until must be after since', path: ['until'] });
export type RecoverInput = z.input<typeof recoverSchema>;

export const workspaceCreateSchema = z.strictObject({
  name: textSchema('name', { min: 1, max: 100 }),
});

export const alertThresholdsSchema = z.object({
  /** Consecutive failures that raise a "failing" alert. */
  alertAt: z
    .array(
      z
        .number()
        .int({ error: (iss) => `${String(iss.input)}: a threshold is a whole number of failures` })
        .min(1, { error: (iss) => `${String(iss.input)}: a threshold is at least 1 failure` }),
      {
        error: (iss) =>
          iss.code === 'invalid_type' ? 'thresholds are a list of failure counts, e.g. 3, 5, 10' : undefined,
      },
    )
    .min(1, 'give at least one threshold')
    .max(10, 'at most 10 thresholds'),
  /** Consecutive failures after which the webhook is disabled (0 = never). */
  disableAfter: z.number().int().min(0).max(1000),
  /** …and only once the failure streak has lasted this long (0 = the count alone disables). */
  disableAfterMinutes: z
    .number({ error: 'disableAfterMinutes must be a number of minutes' })
    .int('whole minutes')
    .min(0)
    .max(7 * 24 * 60, 'at most 7 days (10080 min)')
    .default(5),
});
export type AlertThresholds = z.infer<typeof alertThresholdsSchema>;

export const retentionSchema = z.strictObject({
  successDays: z.number().int().min(1).max(3650),
  failedDays: z.number().int().min(1).max(3650),
  requestDays: z.number().int().min(1).max(3650),
});
export type Retention = z.infer<typeof retentionSchema>;

export const settingsSchema = z.strictObject({
  receiverPort: receiverPortSchema,
  receiverHost: receiverHostSchema,
  retention: retentionSchema,
  defaultRetryPolicy: retryPolicySchema,
  alerts: alertThresholdsSchema,
  notifications: z.boolean(),
  theme: z.enum(['light', 'dark', 'system']),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();

export const DEFAULT_SETTINGS: Settings = {
  receiverPort: DEFAULT_RECEIVER_PORT,
  receiverHost: DEFAULT_RECEIVER_HOST,
  retention: { successDays: 90, failedDays: 120, requestDays: 30 },
  defaultRetryPolicy: DEFAULT_RETRY_POLICY,
  alerts: { alertAt: [3, 5, 10], disableAfter: 10, disableAfterMinutes: 5 },
  notifications: true,
  theme: 'system',
};

/**
 * Parse input with a schema; a failure becomes a `validation` error listing every field's
 * problem (`issues`), its message naming the first. Issues the schema does not word itself get
 * plain words (plainErrors.ts).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {}, { error: plainIssueMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((i) =>
    // A typo is refused, not ignored: each unknown field is named.
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ field: [...i.path, k].map(String).join('.'), message: `unknown field "${k}"` }))
      : [{ field: i.path.map(String).join('.') || 'input', message: i.message }],
  );
  const first = issues[0]!;
  return (() => {
    throw new HookbenchError('validation', `${first.field}: ${first.message}`, first.field, issues);
  })();
}
