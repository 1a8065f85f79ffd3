/**
 * `hookbench.config.json`: inboxes and webhooks as code, and what a CI run expects. Isomorphic
 * (zod only). Every field is the contract's own field schema (receiverSchemas.ts, schemas.ts);
 * values that are secrets may instead be `{ "env": "VAR" }`, read from the environment when the
 * file is loaded (cli/config/load.ts) and then checked by the same field schema.
 */
import { z } from 'zod';
import { expectBlockSchema } from './expectations';
import { forwardRouteSchema, inboxCreateSchema, MAX_INBOX_SECRETS, routeListOf, slugSchema } from './receiverSchemas';
import { httpUrlSchema } from './httpFields';
import { extraHeadersSchema, webhookCreateSchema } from './schemas';
import { ALWAYS, checkSecretsFor, fieldsOf, listedSecrets } from './secretFields';

export const CONFIG_FILE_NAME = 'hookbench.config.json';
/** Where the JSON Schema for editors lives in the repository and in the package. */
export const CONFIG_SCHEMA_PATH = 'schema/hookbench.config.schema.json';
/** The schema's `$id`: where it is published for configs that cannot point at an installed copy. */
export const CONFIG_SCHEMA_URL = 'https://hookbench.dev/schema/hookbench.config.schema.json';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A value read from an environment variable when the file is loaded. */
export const envRefSchema = z.strictObject(
  {
    env: z
      .string({ error: 'env is the name of an environment variable' })
      .regex(ENV_NAME, 'an environment variable name is letters, digits and _, not starting with a digit'),
  },
  { error: 'give the value itself or { "env": "VARIABLE_NAME" }' },
);
export type EnvRef = z.infer<typeof envRefSchema>;

export const isEnvRef = (v: unknown): v is EnvRef =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { env?: unknown }).env === 'string';

/** The value as `schema` takes it, or an env reference standing in for it. */
const orEnv = <S extends z.ZodType>(schema: S) =>
  z.union([schema, envRefSchema], { error: 'give the value itself or { "env": "VARIABLE_NAME" }' });

const inbox = inboxCreateSchema.shape;
const webhook = webhookCreateSchema.shape;

/** Header values may come from the environment; once every one is text, the contract's header rules apply. */
const headersOrEnv = z
  .record(z.string(), orEnv(z.string({ error: 'a header value must be text' })))
  .superRefine((headers, ctx) => {
    if (Object.values(headers).some(isEnvRef)) return; // checked again once the environment is read
    const checked = extraHeadersSchema.safeParse(headers);
    if (!checked.success)
      for (const issue of checked.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

/** An inbox, found by its slug: created when none has it, else changed to match. Left-out fields take their defaults. */
export const configInboxSchema = z
  .strictObject({
    slug: slugSchema,
    name: inbox.name,
    scheme: inbox.scheme,
    /** Every active secret (rotation: list the new one beside the old). Left out: kept (a new inbox gets one). */
    secrets: z
      .array(orEnv(inbox.secrets.unwrap().element), { error: 'secrets are a list of secrets' })
      .max(MAX_INBOX_SECRETS, `at most ${MAX_INBOX_SECRETS} secrets`)
      .optional(),
    toleranceSec: inbox.toleranceSec,
    responseRule: inbox.responseRule,
    rejectInvalid: inbox.rejectInvalid,
    /** May carry credentials (`http://user:password@host/`), hence may come from the environment. */
    forwardTo: orEnv(httpUrlSchema).nullable().default(null),
    forwardRoutes: routeListOf(forwardRouteSchema.extend({ url: orEnv(httpUrlSchema) })).default([]),
    /** The catalog requests are checked against (`hookbench`, `github`, `stripe`, `shopify`, `slack`). Left out: none. */
    catalog: inbox.catalog.unwrap().default(null),
  })
  .superRefine((p, ctx) => {
    const { scheme, secrets } = fieldsOf(p);
    checkSecretsFor(scheme, listedSecrets(secrets), inbox.secrets.unwrap().element, ctx);
  }, ALWAYS);

/** A webhook, found by its name: created when none has it, else changed to match. Left-out fields take their defaults. */
export const configWebhookSchema = z
  .strictObject({
    name: webhook.name.unwrap(),
    description: webhook.description,
    /** May carry credentials (`https://user:password@host/`), hence may come from the environment. */
    url: orEnv(webhook.url),
    subscriptions: webhook.subscriptions,
    enabled: webhook.enabled,
    scheme: webhook.scheme,
    /** Left out: kept (a new webhook gets a fresh one). */
    secret: orEnv(webhook.secret.unwrap()).optional(),
    headers: headersOrEnv.default({}),
    secretHeaders: webhook.secretHeaders,
    timeoutSec: webhook.timeoutSec,
    /** Left out: kept (a new webhook gets the default from Settings). */
    retryPolicy: webhook.retryPolicy,
  })
  .superRefine((w, ctx) => {
    const { scheme, secret } = fieldsOf(w);
    checkSecretsFor(scheme, [[['secret'], secret]], webhook.secret.unwrap(), ctx);
  }, ALWAYS);

/** The config file as written: secrets may be env references. */
export const configFileSchema = z
  .strictObject({
    /** The JSON Schema editors check the file with (ignored by Hookbench). */
    $schema: z.string().optional(),
    inboxes: z.array(configInboxSchema).default([]),
    webhooks: z.array(configWebhookSchema).default([]),
    /** What `hookbench listen` waits for in CI mode. */
    expect: expectBlockSchema.optional(),
  })
  .superRefine((c, ctx) => {
    // Inboxes are found by slug and webhooks by name: each may appear once.
    unique(c.inboxes, (i) => i.slug, 'inboxes', 'slug', ctx);
    unique(c.webhooks, (w) => w.name, 'webhooks', 'name', ctx);
  });
export type ConfigFileInput = z.input<typeof configFileSchema>;

function unique<T>(
  items: readonly T[] | undefined,
  key: (item: T) => unknown,
  list: string,
  field: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<unknown, number>();
  (Array.isArray(items) ? items : []).forEach((item, i) => {
    const k = typeof item === 'object' && item !== null ? key(item) : undefined;
    if (typeof k !== 'string') return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [list, i, field],
        message: `"${k}" is already used by ${list}[${first}]; each ${field} may appear once`,
      });
  });
}

/** `T` with every env reference replaced by the value read for it. */
type Resolved<T> = T extends EnvRef
  ? never
  : T extends readonly (infer U)[]
    ? Resolved<U>[]
    : T extends object
      ? { [K in keyof T]: Resolved<T[K]> }
      : T;

/** A loaded config: env references resolved, every field checked and defaulted. What `applyConfig` takes. */
export type HookbenchConfig = Resolved<z.output<typeof configFileSchema>>;
export type ConfigInbox = HookbenchConfig['inboxes'][number];
export type ConfigWebhook = HookbenchConfig['webhooks'][number];

/** The JSON Schema editors use for `hookbench.config.json` (committed as CONFIG_SCHEMA_PATH). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configFileSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    $id: CONFIG_SCHEMA_URL,
    title: 'hookbench.config.json',
    description:
      'Hookbench inboxes and webhooks as code. Secrets may be { "env": "VARIABLE" }, read from the environment when the file is loaded.',
  };
}
