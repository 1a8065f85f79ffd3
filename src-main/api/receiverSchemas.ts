/** Input schemas of the local receiver (inboxes, replay, send-to-local-inbox). Isomorphic (zod only). */
import { z } from 'zod';
import { catalogIdSchema } from './catalogTypes';
import { receivedEventPatternSchema } from './eventPatterns';
import { REDACTED, splitUserinfo } from './credentials';
import {
  headersSchema,
  HTTP_TOKEN,
  httpUrlSchema,
  idSchema,
  MAX_EXTRA_HEADERS_BYTES,
  nameSchema,
  RESERVED_HEADER_NAMES,
  retryPolicySchema,
  SCHEME_NAMES,
  schemeSchema,
  subscriptionSchema,
  textSchema,
} from './schemas';
import { ALWAYS, checkSecretsFor, listedSecrets } from './secretFields';

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
const RESERVED_RESPONSE_HEADERS = [
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'trailer',
  'te',
];

const responseHeadersSchema = headersSchema(
  RESERVED_RESPONSE_HEADERS,
  (name) => `${name} is set by the server and cannot be part of a response rule`,
);

const ruleFields = {
  status: z
    .number()
    .int('status must be a whole number')
    .min(200, { error: (iss) => `status must be 200–599; was ${String(iss.input)}` })
    .max(599, { error: (iss) => `status must be 200–599; was ${String(iss.input)}` }),
  headers: responseHeadersSchema,
  body: z.string().max(1024 * 1024, 'body must be at most 1 MiB'),
  delayMs: z
    .number()
    .int('delay must be whole milliseconds')
    .min(0, 'delay must be ≥ 0 ms')
    .max(120_000, 'delay must be at most 120 s'),
  failurePercent: z.number().min(0, 'failure percentage must be 0–100').max(100, 'failure percentage must be 0–100'),
  failFirst: z
    .number()
    .int('failFirst must be a whole number')
    .min(0, 'failFirst must be ≥ 0')
    .max(10_000, 'failFirst must be at most 10000'),
  failStatus: z
    .number()
    .int('failStatus must be a whole number')
    .min(300, 'failStatus must be 300–599')
    .max(599, 'failStatus must be 300–599'),
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

const secretItemSchema = z
  .string()
  .min(1, 'a secret must not be empty')
  .max(512, 'a secret must be at most 512 characters');
const secretsSchema = z.array(secretItemSchema).max(MAX_INBOX_SECRETS, `at most ${MAX_INBOX_SECRETS} secrets`);

const toleranceSchema = z
  .number()
  .int('tolerance must be whole seconds')
  .min(0, { error: (iss) => `tolerance must be 0–604800 s (7 days); was ${String(iss.input)}` })
  .max(7 * 24 * 3600, { error: (iss) => `tolerance must be 0–604800 s (7 days); was ${String(iss.input)}` });

export const DEFAULT_REJECT_STATUS = 401;
const REJECT_STATUS_RANGE =
  'the status for invalid signatures must be 400–599 (an error the sender sees; 401 is usual)';

/** Answer invalid signatures with `status` (default 401) instead of the response rule; null: never. */
export const rejectInvalidSchema = z
  .strictObject(
    {
      status: z
        .number({ error: 'the status for invalid signatures must be a number, e.g. 401' })
        .int('the status for invalid signatures must be a whole number, e.g. 401')
        .min(400, REJECT_STATUS_RANGE)
        .max(599, REJECT_STATUS_RANGE)
        .default(DEFAULT_REJECT_STATUS),
    },
    { error: 'rejectInvalid is { "status": 401 } (or null to answer every request by the rule)' },
  )
  .nullable();
export type RejectInvalidInput = z.input<typeof rejectInvalidSchema>;

export const MAX_FORWARD_ROUTES = 20;
const MAX_ROUTE_EVENTS = 50;

/** Forward per event type: the first route with a pattern matching a request's event type forwards it to its URL. */
export const forwardRouteSchema = z.strictObject(
  {
    events: z
      .array(receivedEventPatternSchema, { error: 'events are a list of event types, e.g. ["payment_intent.*"]' })
      .min(1, 'a route needs at least one event type (e.g. payment_intent.*, or * for every type)')
      .max(MAX_ROUTE_EVENTS, `at most ${MAX_ROUTE_EVENTS} event types per route`),
    url: httpUrlSchema,
  },
  { error: 'a route is { "events": ["payment_intent.*"], "url": "http://localhost:3000/…" }' },
);
/** A list of routes (the config file's routes may carry their URL as an env reference). */
export const routeListOf = <R extends z.ZodType>(route: R) =>
  z
    .array(route, { error: 'forwardRoutes is a list of { events, url } routes' })
    .max(MAX_FORWARD_ROUTES, `at most ${MAX_FORWARD_ROUTES} routes`);
export const forwardRoutesSchema = routeListOf(forwardRouteSchema);

/** The provider's signing secret as pasted (surrounding spaces dropped); empty is the same as none given. */
const pastedSecretSchema = z
  .string({ error: 'the secret must be text' })
  .trim()
  .transform((s) => (s === '' ? undefined : s));

const anyText = z.string();

export const inboxCreateSchema = z
  .strictObject({
    workspaceId: idSchema.optional(),
    name: nameSchema.optional(),
    /** Generated from the name when omitted. */
    slug: slugSchema.optional(),
    scheme: inboxSchemeSchema.default('standard'),
    /** The provider's signing secret (Stripe `whsec_…`, GitHub, Shopify); the same as `secrets: [secret]`. */
    secret: pastedSecretSchema.optional(),
    /** Generated (one) when neither this nor `secret` is given and the scheme signs. */
    secrets: secretsSchema.optional(),
    toleranceSec: toleranceSchema.default(DEFAULT_TOLERANCE_SEC),
    responseRule: responseRuleSchema.default(responseRuleSchema.parse({})),
    forwardTo: httpUrlSchema.nullable().default(null),
    /** Checked in order before `forwardTo`. */
    forwardRoutes: forwardRoutesSchema.default([]),
    rejectInvalid: rejectInvalidSchema.default(null),
    /** Check every request against this catalog's schemas (a second verdict beside the signature's); null: no check. */
    catalog: catalogIdSchema.nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.secret !== undefined && p.secrets !== undefined)
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'give secret or secrets, not both' });
    checkSecretsFor(p.scheme, [[['secret'], p.secret]], anyText, ctx);
    checkSecretsFor(p.scheme, listedSecrets(p.secrets), secretItemSchema, ctx);
  }, ALWAYS);
export type InboxCreateInput = z.input<typeof inboxCreateSchema>;

export const inboxUpdateSchema = z
  .strictObject({
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
    /** Replaces the list ([] forwards every request to `forwardTo` again). */
    forwardRoutes: forwardRoutesSchema.optional(),
    /** null answers every request by the rule again. */
    rejectInvalid: rejectInvalidSchema.optional(),
    /** null stops checking requests against a catalog. */
    catalog: catalogIdSchema.nullable().optional(),
  })
  .superRefine((p, ctx) => checkSecretsFor(p.scheme, listedSecrets(p.secrets), secretItemSchema, ctx), ALWAYS);
export type InboxUpdateInput = z.input<typeof inboxUpdateSchema>;

export const requestListSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  inboxId: idSchema.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Cursor: a request id; only older requests are listed. */
  before: idSchema.optional(),
});
export type RequestListInput = z.input<typeof requestListSchema>;

const replayTimeoutSchema = z
  .number()
  .int()
  .min(1, 'timeout must be at least 1 s')
  .max(120, 'timeout must be at most 120 s')
  .default(30);

export const replaySchema = z.strictObject({
  id: idSchema,
  url: httpUrlSchema,
  timeoutSec: replayTimeoutSchema,
});
export type ReplayInput = z.input<typeof replaySchema>;

/** RFC 9110 token (the same characters as a header name in schemas.ts). */

/** An HTTP method: any RFC 9110 token, case kept (methods are case-sensitive). */
export const httpMethodSchema = z
  .string({ error: 'method must be text' })
  .max(32, 'method must be at most 32 characters')
  .regex(HTTP_TOKEN, "a method is an HTTP token: letters, digits and !#$%&'*+-.^_`|~ only (e.g. POST)")
  .refine((m) => m.toUpperCase() !== 'CONNECT', 'CONNECT opens a tunnel; it is not a request that can be replayed');

/** More than a person's extra headers: a replay carries every header the original arrived with. */
export const MAX_REPLAY_HEADERS = 100;
/** The receiver keeps bodies up to 5 MiB, so a replay can send one back. */
export const MAX_REPLAY_BODY_CHARS = 8 * 1024 * 1024;

const replayHeaderRules = headersSchema(
  RESERVED_HEADER_NAMES,
  (name) => `${name} is set for each request when it is sent (from the URL and the body) and cannot be edited`,
);

/**
 * Headers of an edited replay: [name, value] pairs in the order they go out, repeats allowed,
 * each checked with the same rules as a webhook's extra headers. A value recorded as
 * [redacted] is refused: it is the mask, not the credential (see replayEdits.ts).
 */
export const headerPairsSchema = z
  .array(
    z.tuple([z.string({ error: 'a header name must be text' }), z.string({ error: 'a header value must be text' })]),
    { error: 'headers are a list of [name, value] pairs' },
  )
  .max(MAX_REPLAY_HEADERS, `at most ${MAX_REPLAY_HEADERS} headers`)
  .superRefine((pairs, ctx) => {
    let total = 0;
    pairs.forEach(([name, value], i) => {
      total += name.length + value.length + 4;
      const checked = replayHeaderRules.safeParse({ [name]: value });
      if (!checked.success)
        for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: [i], message: issue.message });
      else if (value === REDACTED)
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `the value of ${name} was recorded as ${REDACTED}, not the credential itself; type the real value or remove the header`,
        });
    });
    if (total > MAX_EXTRA_HEADERS_BYTES)
      ctx.addIssue({ code: 'custom', message: `headers total ${total} bytes; at most ${MAX_EXTRA_HEADERS_BYTES}` });
  });

export const replaySourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('request'), id: idSchema }),
    z.strictObject({
      kind: z.literal('attempt'),
      deliveryId: idSchema,
      attempt: z.number().int().min(1, 'attempt numbers start at 1'),
    }),
  ],
  { error: 'source is { kind: "request", id } or { kind: "attempt", deliveryId, attempt }' },
);

export const REPLAY_SIGNING_MODES = ['keep', 'resign'] as const;
const replaySecretSchema = z.string({ error: 'secret is required' }).min(1, 'secret is required');

export const replaySigningSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('keep') }),
    z.strictObject({
      mode: z.literal('resign'),
      scheme: schemeSchema,
      /** Checked against the scheme beside the other fields (replayEditedSchema). */
      secret: replaySecretSchema,
      /** For schemes that send the event type in a header; default: that header's value, else the source's type. */
      eventType: textSchema('event type', { min: 1, max: 200 }).optional(),
    }),
  ],
  { error: `signing mode must be one of ${REPLAY_SIGNING_MODES.join(', ')}` },
);

/**
 * Replay a received request or a delivery attempt with edits. Fields left out keep the
 * source's value; the URL is always given (a received request has no "where to" of its own).
 */
export const replayEditedSchema = z
  .strictObject({
    source: replaySourceSchema,
    url: httpUrlSchema.refine(
      (u) => !(splitUserinfo(u).userinfo ?? '').includes(REDACTED),
      `the URL's password was recorded as ${REDACTED}; type the real one or remove it`,
    ),
    method: httpMethodSchema.optional(),
    headers: headerPairsSchema.optional(),
    body: z
      .string({ error: 'body must be text' })
      .max(MAX_REPLAY_BODY_CHARS, `body must be at most ${MAX_REPLAY_BODY_CHARS} characters`)
      .optional(),
    /** How `body` is written: text (sent as UTF-8) or base64 (any bytes). */
    bodyEncoding: z.enum(['utf8', 'base64'], { error: 'bodyEncoding must be utf8 or base64' }).default('utf8'),
    signing: replaySigningSchema.default({ mode: 'keep' }),
    timeoutSec: replayTimeoutSchema,
  })
  .superRefine((p, ctx) => {
    // Runs even when other fields failed (ALWAYS): the values may then be anything.
    if (typeof p.body === 'string' && p.bodyEncoding === 'base64' && !isCanonicalBase64(p.body))
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'body is not base64 (standard alphabet, padded)' });
    const signing = p.signing as { mode?: unknown; scheme?: unknown; secret?: unknown } | undefined;
    if (signing?.mode === 'resign')
      checkSecretsFor(signing.scheme, [[['signing', 'secret'], signing.secret]], replaySecretSchema, ctx);
  }, ALWAYS);
export type ReplayEditedInput = z.input<typeof replayEditedSchema>;
export type ReplayEditedArgs = z.output<typeof replayEditedSchema>;

function isCanonicalBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

export const localInboxSchema = z.strictObject({
  workspaceId: idSchema.optional(),
  name: nameSchema.optional(),
  scheme: schemeSchema.default('standard'),
  subscriptions: z.array(subscriptionSchema).min(1, 'subscribe to at least one event type (or *)').default(['*']),
  retryPolicy: retryPolicySchema.optional(),
  responseRule: responseRuleSchema.optional(),
});
export type LocalInboxInput = z.input<typeof localInboxSchema>;
