/**
 * Domain schemas: the one source for names, enums and input shapes. Isomorphic (zod only),
 * so the engine, the contract, the preload and the renderer all import the same definitions.
 */
import { z } from 'zod';
import { HookbenchError } from './errors';

export const SCHEME_NAMES = ['standard', 'hmac-sha256', 'stripe', 'github', 'slack', 'shopify', 'none'] as const;
export type SchemeName = (typeof SCHEME_NAMES)[number];
export const schemeSchema = z.enum(SCHEME_NAMES, { error: `scheme must be one of ${SCHEME_NAMES.join(', ')}` });

/** Delays in seconds after each failed attempt (PRODUCT.md). */
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

/** Why a signature check failed (shared by the signer's verify and the receiver's verdicts). */
export const VERIFY_FAILURE_REASONS = ['bad_signature', 'stale', 'future', 'missing_header', 'malformed_header', 'no_secret'] as const;
export type VerifyFailureReason = (typeof VERIFY_FAILURE_REASONS)[number];

export const ERROR_CLASSES = ['timeout', 'refused', 'dns', 'tls', 'reset', 'redirect', 'http', 'other'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export const retryPolicySchema = z
  .object({
    preset: z.enum(RETRY_PRESET_NAMES as [RetryPresetName, ...RetryPresetName[]]).optional(),
    /** Custom delays in seconds; used when given (overrides the preset). */
    delays: z.array(z.number().min(0, 'delays must be ≥ 0 s').max(7 * 24 * 3600, 'delays must be ≤ 7 days')).max(20).optional(),
    jitter: z.boolean().default(true),
  })
  .refine((p) => p.preset !== undefined || p.delays !== undefined, { message: 'give a preset or a list of delays', path: ['preset'] });
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { preset: 'exponential', jitter: true };

/** `user.created`, `user.*` or `*`. */
export const subscriptionSchema = z
  .string()
  .trim()
  .regex(/^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/i, 'a subscription is an event type, a prefix ending in .* or *');

export const eventTypeNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i, 'an event type looks like category.action');

export const httpUrlSchema = z
  .string({ error: 'url is required' })
  .trim()
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid URL` });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `url must be http or https, not ${url.protocol.replace(':', '')}` });
    }
  });

const headerNameSchema = z.string().regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'not a valid header name');
export const extraHeadersSchema = z.record(headerNameSchema, z.string().max(8192));

export const idSchema = z.string().min(1, 'id is required').max(100);

export const webhookCreateSchema = z.object({
  workspaceId: idSchema.optional(),
  name: z.string().trim().min(1, 'name is required').max(200).optional(),
  description: z.string().max(2000).default(''),
  url: httpUrlSchema,
  subscriptions: z.array(subscriptionSchema).min(1, 'subscribe to at least one event type (or *)'),
  enabled: z.boolean().default(true),
  scheme: schemeSchema.default('standard'),
  secret: z.string().min(1).max(512).optional(),
  headers: extraHeadersSchema.default({}),
  timeoutSec: z.number().int('timeout must be whole seconds').min(1, 'timeout must be at least 1 s').max(120, 'timeout must be at most 120 s').default(30),
  retryPolicy: retryPolicySchema.optional(),
});
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, 'name is required').max(200).optional(),
  description: z.string().max(2000).optional(),
  url: httpUrlSchema.optional(),
  subscriptions: z.array(subscriptionSchema).min(1, 'subscribe to at least one event type (or *)').optional(),
  enabled: z.boolean().optional(),
  scheme: schemeSchema.optional(),
  secret: z.string().min(1).max(512).optional(),
  headers: extraHeadersSchema.optional(),
  timeoutSec: z.number().int('timeout must be whole seconds').min(1, 'timeout must be at least 1 s').max(120, 'timeout must be at most 120 s').optional(),
  retryPolicy: retryPolicySchema.optional(),
});
export type WebhookUpdateInput = z.input<typeof webhookUpdateSchema>;

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export const fireEventSchema = z.object({
  workspaceId: idSchema.optional(),
  type: eventTypeNameSchema,
  /** The event's data object; the sample payload when omitted. */
  data: z.record(z.string(), z.unknown(), { error: 'data must be a JSON object' }).optional(),
  /** Only deliver to these webhooks (still subject to workspace and subscription). */
  webhookIds: z.array(idSchema).optional(),
});
export type FireEventInput = z.input<typeof fireEventSchema>;

export const customEventTypeSchema = z.object({
  workspaceId: idSchema.optional(),
  type: eventTypeNameSchema,
  description: z.string().max(500).default(''),
  sample: z.record(z.string(), z.unknown(), { error: 'sample must be a JSON object' }).default({}),
});

export const workspaceCreateSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
});

export const alertThresholdsSchema = z
  .object({
    /** Consecutive failures that raise a "failing" alert. */
    alertAt: z.array(z.number().int().min(1)).min(1).max(10),
    /** Consecutive failures after which the webhook is disabled (0 = never). */
    disableAfter: z.number().int().min(0).max(1000),
  });
export type AlertThresholds = z.infer<typeof alertThresholdsSchema>;

export const retentionSchema = z.object({
  successDays: z.number().int().min(1).max(3650),
  failedDays: z.number().int().min(1).max(3650),
  requestDays: z.number().int().min(1).max(3650),
});
export type Retention = z.infer<typeof retentionSchema>;

export const settingsSchema = z.object({
  receiverPort: z.number().int().min(0).max(65535),
  receiverHost: z.string().min(1),
  retention: retentionSchema,
  defaultRetryPolicy: retryPolicySchema,
  alerts: alertThresholdsSchema,
  notifications: z.boolean(),
  theme: z.enum(['light', 'dark', 'system']),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();

export const DEFAULT_SETTINGS: Settings = {
  receiverPort: 8787,
  receiverHost: '127.0.0.1',
  retention: { successDays: 90, failedDays: 120, requestDays: 30 },
  defaultRetryPolicy: DEFAULT_RETRY_POLICY,
  alerts: { alertAt: [3, 5, 10], disableAfter: 10 },
  notifications: true,
  theme: 'system',
};

/** Parse input with a schema; a failure becomes a `validation` error naming the first field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'input', message: i.message }));
  const first = issues[0]!;
  return (() => {
    throw new HookbenchError('validation', `${first.field}: ${first.message}`, first.field, issues);
  })();
}
