/**
 * Domain schemas: the one source for names, enums and input shapes. Isomorphic (zod only),
 * so the engine, the contract, the preload and the renderer all import the same definitions.
 */
import { z } from 'zod';
import { normalizeHeaderNames } from './credentials';
import { HookbenchError } from './errors';
import { plainIssueMessage, quoted } from './plainErrors';
import {
  DEFAULT_RECEIVER_HOST,
  DEFAULT_RECEIVER_PORT,
  receiverHostSchema,
  receiverPortSchema,
} from './receiverAddress';
import { SCHEME_NAMES, type SchemeName } from './schemes';
import { secretProblem } from './secretFormat';

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
  .regex(/^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/i, 'a subscription is an event type, a prefix ending in .* or *');

export const eventTypeNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i, 'an event type looks like category.action');

/** Longest URL accepted (many servers and proxies refuse longer request lines). */
export const MAX_URL_LENGTH = 8192;

/**
 * The URL a person most likely meant when they left out the scheme (`localhost:3000/hooks` →
 * `http://localhost:3000/hooks`; a public host gets https), or null when it is not host[:port]/….
 * The contract's message and the forms' one-click fix both use it.
 */
export function suggestedUrl(value: string): string | null {
  const v = value.trim();
  // Has a scheme already, or holds what no URL may (then that is the error to report).
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(v) || firstInvalidChar(v, /[\s\p{Cc}]/u)) return null;
  const m = /^(localhost|\[[\da-f:.]+\]|[\w-]+(?:\.[\w-]+)+)(:\d{1,5})?([/?#]|$)/i.exec(v);
  if (!m) return null;
  const local = /^(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0$|\[::1\]$)|\.(localhost|local|test|internal)$/i.test(
    m[1]!,
  );
  return `${local ? 'http' : 'https'}://${v}`;
}

const withoutScheme = (value: string, suggestion: string) =>
  `${quoted(value)} has no http:// or https:// in front: did you mean ${suggestion}?`;

export const httpUrlSchema = z
  .string({ error: 'url is required' })
  .trim()
  .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const suggestion = suggestedUrl(value);
    if (suggestion) return void ctx.addIssue({ code: 'custom', message: withoutScheme(value, suggestion) });
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid URL` });
      return;
    }
    // The URL parser drops tabs and line breaks silently; refuse them instead of sending another URL.
    const bad = firstInvalidChar(value, /[\s\p{Cc}]/u);
    if (bad)
      return void ctx.addIssue({
        code: 'custom',
        message: `url contains ${bad}; URLs cannot contain spaces, line breaks or control characters (encode them as %20 etc.)`,
      });
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `url must be http or https, not ${url.protocol.replace(':', '')}` });
    } else if (!/^https?:\/\//i.test(value)) {
      // `https:user:pw@host` and `https:\\host` parse too, but are read as something else elsewhere: ask for scheme://.
      ctx.addIssue({ code: 'custom', message: 'write the URL as http://host/… or https://host/… (with //)' });
    }
  });

/** A readable description of the first character matching `re` (or lone surrogate), or null. */
export function firstInvalidChar(value: string, re: RegExp): string | null {
  if (!value.isWellFormed()) return 'a broken Unicode character (a lone surrogate)';
  const m = re.exec(value);
  if (!m) return null;
  const c = m[0];
  const named: Record<string, string> = {
    '\r': 'a line break (CR)',
    '\n': 'a line break (LF)',
    '\t': 'a tab',
    ' ': 'a space',
    '\u0000': 'a NUL character',
  };
  return named[c] ?? `the character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A name or short text a person typed: trimmed, no control characters (descriptions may have
 * line breaks and tabs) and no broken Unicode, which some faces and exports cannot carry.
 */
export function textSchema(field: string, opts: { max: number; min?: number; multiline?: boolean }) {
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  const control = opts.multiline ? /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/ : /\p{Cc}/u;
  let s = z.string({ error: `${field} must be text` }).trim();
  if (opts.min) s = s.min(opts.min, `${field} is required`);
  return s.max(opts.max, `${field} must be at most ${opts.max} characters`).superRefine((value, ctx) => {
    const bad = firstInvalidChar(value, control);
    if (bad) ctx.addIssue({ code: 'custom', message: `${field} contains ${bad}` });
  });
}

/** Set per request by the HTTP client or the signer's transport; an extra header cannot replace them. */
export const RESERVED_HEADER_NAMES = [
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'upgrade',
  'expect',
  'content-length',
] as const;
export const MAX_EXTRA_HEADERS = 50;
export const MAX_HEADER_VALUE_BYTES = 8192;
/** All extra headers together (names and values): servers commonly refuse more than 16 KiB of headers. */
export const MAX_EXTRA_HEADERS_BYTES = 16 * 1024;

/** RFC 9110 token (`1*tchar`): what a header name and a method are. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** RFC 9110 field-value characters: visible ASCII, space, tab and obs-text (Latin-1); no CR, LF or NUL. */
const HEADER_VALUE_BAD = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Headers a person sets (a webhook's extra headers, an inbox's response headers): names are HTTP
 * tokens, values one line each, bounded in number and size; `reserved` names are refused with `why`.
 */
export const headersSchema = (reserved: readonly string[], why: (name: string) => string) =>
  z.record(z.string(), z.string({ error: 'a header value must be text' })).superRefine((headers, ctx) => {
    const entries = Object.entries(headers);
    if (entries.length > MAX_EXTRA_HEADERS)
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_EXTRA_HEADERS} headers (got ${entries.length})` });
    let total = 0;
    for (const [name, value] of entries) {
      total += name.length + value.length + 4;
      if (!HTTP_TOKEN.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: headerNameProblem(name) });
      else if (reserved.includes(name.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: [name], message: why(name) });
      }
      const badValue = firstInvalidChar(value, HEADER_VALUE_BAD);
      if (badValue)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `the value of ${name} contains ${badValue}; header values are one line of Latin-1 text`,
        });
      else if (value.length > MAX_HEADER_VALUE_BYTES)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `the value of ${name} is longer than ${MAX_HEADER_VALUE_BYTES} characters`,
        });
    }
    if (total > MAX_EXTRA_HEADERS_BYTES)
      ctx.addIssue({ code: 'custom', message: `headers total ${total} bytes; at most ${MAX_EXTRA_HEADERS_BYTES}` });
  });

/** Why `name` is not a header name, in words: what it contains that a name cannot. */
function headerNameProblem(name: string): string {
  if (name === '') return 'a header name is required';
  if (/[ :]/.test(name))
    return `${quoted(name)}: header names cannot contain spaces or ‘:’ (use letters, digits and -)`;
  const bad = firstInvalidChar(name, /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/) ?? 'that character';
  return `${quoted(name)}: header names cannot contain ${bad} (use letters, digits and -)`;
}

/** Extra headers sent with every delivery. */
export const extraHeadersSchema = headersSchema(
  RESERVED_HEADER_NAMES,
  (name) => `${name} is set by Hookbench for each request and cannot be an extra header`,
);

/** Extra header names the user marks secret (beside CREDENTIAL_HEADERS, credentials.ts): stored lower case, each once. */
export const secretHeadersSchema = z
  .array(z.string().regex(HTTP_TOKEN, 'a secret header name is an HTTP header name (letters, digits and -)'))
  .max(MAX_EXTRA_HEADERS, `at most ${MAX_EXTRA_HEADERS} secret header names`)
  .transform(normalizeHeaderNames);

/** A webhook's or inbox's name. */
export const nameSchema = textSchema('name', { min: 1, max: 200 });

export const idSchema = z.string().min(1, 'id is required').max(100);

/**
 * A webhook's secret checked against its scheme beside every other field, even when others fail
 * (`when`), so one answer names them all. An update without a scheme is checked by the engine
 * against the stored one.
 */
function secretFitsScheme(defaultScheme?: SchemeName) {
  const problem = (input: unknown): string | undefined => {
    const { secret, scheme = defaultScheme } = (input ?? {}) as { secret?: unknown; scheme?: unknown };
    if (typeof secret !== 'string' || secret === '' || !SCHEME_NAMES.includes(scheme as SchemeName)) return undefined;
    return secretProblem(scheme as SchemeName, secret);
  };
  return [
    (w: object) => problem(w) === undefined,
    {
      path: ['secret'],
      when: (payload) => problem(payload.value) !== undefined,
      error: (iss) => problem(iss.input),
    },
  ] as const satisfies [unknown, z.core.$ZodCustomParams];
}

export const webhookCreateSchema = z
  .strictObject({
    workspaceId: idSchema.optional(),
    name: nameSchema.optional(),
    description: textSchema('description', { max: 2000, multiline: true }).default(''),
    url: httpUrlSchema,
    subscriptions: z.array(subscriptionSchema).min(1, 'subscribe to at least one event type (or *)'),
    enabled: z.boolean().default(true),
    scheme: schemeSchema.default('standard'),
    secret: z.string().min(1).max(512).optional(),
    headers: extraHeadersSchema.default({}),
    secretHeaders: secretHeadersSchema.default([]),
    timeoutSec: z
      .number()
      .int('timeout must be whole seconds')
      .min(1, 'timeout must be at least 1 s')
      .max(120, 'timeout must be at most 120 s')
      .default(30),
    retryPolicy: retryPolicySchema.optional(),
  })
  .refine(...secretFitsScheme('standard'));
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema.optional(),
    description: textSchema('description', { max: 2000, multiline: true }).optional(),
    url: httpUrlSchema.optional(),
    subscriptions: z.array(subscriptionSchema).min(1, 'subscribe to at least one event type (or *)').optional(),
    enabled: z.boolean().optional(),
    scheme: schemeSchema.optional(),
    secret: z.string().min(1).max(512).optional(),
    headers: extraHeadersSchema.optional(),
    secretHeaders: secretHeadersSchema.optional(),
    timeoutSec: z
      .number()
      .int('timeout must be whole seconds')
      .min(1, 'timeout must be at least 1 s')
      .max(120, 'timeout must be at most 120 s')
      .optional(),
    retryPolicy: retryPolicySchema.optional(),
  })
  .refine(...secretFitsScheme());
export type WebhookUpdateInput = z.input<typeof webhookUpdateSchema>;

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export const fireEventSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  type: eventTypeNameSchema,
  /** The event's data object; the sample payload when omitted. */
  data: z.record(z.string(), z.unknown(), { error: 'data must be a JSON object' }).optional(),
  /** Only deliver to these webhooks (still subject to workspace and subscription). */
  webhookIds: z.array(idSchema).optional(),
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
