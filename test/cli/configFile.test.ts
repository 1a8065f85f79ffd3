import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, configJsonSchema, type HookbenchConfig } from '../../src-main/api/configFile';
import { dispatch } from '../../src-main/api/dispatch';
import { HookbenchError } from '../../src-main/api/errors';
import { applyConfig } from '../../src-main/cli/config/apply';
import { configOf } from '../../src-main/cli/config/export';
import { loadConfigFile } from '../../src-main/cli/config/load';
import { UsageError } from '../../src-main/cli/context';
import { Workbench } from '../../src-main/engine/workbench';
import { ROOT } from './cliHarness';
import { tempDir } from '../support/tmp';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function dir(): string {
  const t = tempDir('hookbench-config-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function workbench(): Promise<Workbench> {
  const wb = await Workbench.open({ dataDir: dir(), receiver: false, deliver: false });
  cleanups.push(() => wb.close());
  return wb;
}

function file(content: unknown): string {
  const path = join(dir(), 'hookbench.config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

async function loadError(path: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    await loadConfigFile(path, env);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected the config to be refused');
}

const STRIPE_SECRET = 'whsec_c3RyaXBlLXRlc3Qtc2VjcmV0LWZvci1ob29rYmVuY2g=';
const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const example = {
  $schema: './node_modules/hookbench/schema/hookbench.config.schema.json',
  inboxes: [
    {
      slug: 'stripe',
      name: 'Stripe',
      scheme: 'stripe',
      secrets: [{ env: 'STRIPE_WEBHOOK_SECRET' }],
      rejectInvalid: { status: 400 },
      forwardTo: 'http://localhost:3000/webhooks',
      forwardRoutes: [
        { events: ['payment_intent.*'], url: 'http://localhost:3001/payments' },
        { events: ['customer.*'], url: 'http://localhost:3002/customers' },
      ],
    },
    { slug: 'github', scheme: 'github', secrets: ['gh-test-secret'], responseRule: { status: 202 } },
  ],
  webhooks: [
    {
      name: 'orders',
      url: 'http://127.0.0.1:9/hooks',
      scheme: 'standard',
      secret: { env: 'ORDERS_SECRET' },
      subscriptions: ['order.*'],
      headers: { Authorization: { env: 'ORDERS_TOKEN' }, 'X-Team': 'billing' },
      retryPolicy: { preset: 'fast' },
    },
  ],
};
const exampleEnv = { STRIPE_WEBHOOK_SECRET: STRIPE_SECRET, ORDERS_SECRET: WEBHOOK_SECRET, ORDERS_TOKEN: 'Bearer t0k' };

describe('loading hookbench.config.json', () => {
  it('reads env references and fills in the defaults', async () => {
    const config = await loadConfigFile(file(example), exampleEnv);
    expect(config.inboxes[0]).toMatchObject({
      secrets: [STRIPE_SECRET],
      toleranceSec: 300,
      rejectInvalid: { status: 400 },
    });
    expect(config.inboxes[1]).toMatchObject({ scheme: 'github', forwardTo: null, forwardRoutes: [] });
    expect(config.webhooks[0]).toMatchObject({
      secret: WEBHOOK_SECRET,
      headers: { Authorization: 'Bearer t0k', 'X-Team': 'billing' },
      enabled: true,
      timeoutSec: 30,
    });
  });

  it('names the field and the variable when a variable is not set', async () => {
    const config = structuredClone(example);
    config.inboxes.unshift({ slug: 'first', scheme: 'none' } as never);
    const message = await loadError(file(config), { ORDERS_SECRET: WEBHOOK_SECRET, ORDERS_TOKEN: 'x' });
    expect(message).toMatch(
      /hookbench\.config\.json: inboxes\[1\]\.secrets\[0\]: environment variable STRIPE_WEBHOOK_SECRET is not set$/,
    );
  });

  it('refuses a file that is JSON but not one object (null, a list, a number)', async () => {
    for (const [content, what] of [
      ['null', 'null'],
      ['[]', 'a list'],
      ['42', 'a number'],
    ])
      expect(await loadError(file(content))).toMatch(new RegExp(`holds one JSON object .*, not ${what}$`));
  });

  it('names an entry that is no object (null, a number) or a field of the wrong kind, without crashing', async () => {
    expect(await loadError(file({ inboxes: [null, { slug: 'a', scheme: 'none' }, 5] }))).toMatch(
      /inboxes\[0\]: expected an object .*\n.*inboxes\[2\]: expected an object/,
    );
    expect(await loadError(file({ webhooks: [null] }))).toMatch(/webhooks\[0\]: expected an object/);
    expect(await loadError(file({ inboxes: [{ slug: 'a', scheme: 'github', secrets: 'abc' }] }))).toMatch(
      /inboxes\[0\]\.secrets: secrets are a list of secrets/,
    );
  });

  it('names the line and column of a JSON syntax error', async () => {
    const message = await loadError(file('{\n  "inboxes": [\n    { "slug": "a" }\n    { "slug": "b" }\n  ]\n}\n'));
    expect(message).toMatch(/hookbench\.config\.json: line 4, column 5: not valid JSON: /);
    expect(await loadError(file('{ "inboxes": ['))).toMatch(/line 1, column 15: not valid JSON: the file ends/);
  });

  it('names each bad field as written in the file', async () => {
    const bad = structuredClone(example) as Record<string, unknown> & typeof example;
    (bad.inboxes[0] as Record<string, unknown>).forwardRoutes = [
      { events: ['payment_intent.*'], url: 'localhost:3001' },
    ];
    (bad.inboxes[1] as Record<string, unknown>).tolerance = 5;
    const message = await loadError(file(bad), exampleEnv);
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/: inboxes\[0\]\.forwardRoutes\[0\]\.url: .*http:\/\/localhost:3001/),
      expect.stringMatching(/: inboxes\[1\]\.tolerance: unknown field "tolerance"$/),
    ]);
  });

  it("checks a secret read from the environment against the inbox's scheme, naming the variable, not the value", async () => {
    const message = await loadError(file(example), { ...exampleEnv, ORDERS_SECRET: 'not-a-whsec-secret' });
    expect(message).toMatch(/webhooks\[0\]\.secret \(from ORDERS_SECRET\): /);
    expect(message).not.toContain('not-a-whsec-secret');
  });

  it('never shows a value read from the environment in an error, even inside a URL message', async () => {
    const bad = { webhooks: [{ name: 'w', url: { env: 'HOOK_URL' }, scheme: 'none', subscriptions: ['*'] }] };
    const message = await loadError(file(bad), { HOOK_URL: 'http://bob:hunter2@x y/' });
    expect(message).toMatch(/webhooks\[0\]\.url \(from HOOK_URL\): /);
    expect(message).not.toContain('hunter2');
    // A value with a line break: the schema trims it, and its suggestion repeats the trimmed value.
    const padded = await loadError(file(bad), { HOOK_URL: 'localhost:3000/hook?key=hunter2\n' });
    expect(padded).toMatch(/webhooks\[0\]\.url \(from HOOK_URL\): /);
    expect(padded).not.toContain('hunter2');
    const schemeless = await loadError(file(bad), { HOOK_URL: 'bob:hunter2@localhost:3000/hooks' });
    expect(schemeless).toMatch(/webhooks\[0\]\.url \(from HOOK_URL\): /);
    expect(schemeless).not.toContain('hunter2');
  });

  it('refuses an env reference where no secret goes', async () => {
    const bad = { inboxes: [{ slug: 'a', scheme: 'none', name: { env: 'NAME' } }] };
    expect(await loadError(file(bad), { NAME: 'x' })).toMatch(/inboxes\[0\]\.name: /);
  });
});

describe('applying a config', () => {
  it('creates inboxes by slug and webhooks by name, then changes them to match on the next apply', async () => {
    const wb = await workbench();
    const config = await loadConfigFile(file(example), exampleEnv);
    const first = await applyConfig(wb, config);
    expect(first.inboxes.map((i) => i.slug)).toEqual(['stripe', 'github']);
    expect(first.inboxes[0]).toMatchObject({
      secrets: [STRIPE_SECRET],
      forwardRoutes: example.inboxes[0]!.forwardRoutes,
    });
    expect(first.inboxes[1]!.secrets).toEqual(['gh-test-secret']);
    expect(first.webhooks[0]).toMatchObject({
      name: 'orders',
      secret: WEBHOOK_SECRET,
      retryPolicy: { preset: 'fast' },
    });

    const changed: HookbenchConfig = structuredClone(config);
    changed.inboxes[0]!.forwardRoutes = [];
    changed.webhooks[0]!.subscriptions = ['order.paid'];
    const second = await applyConfig(wb, changed);
    expect(second.inboxes.map((i) => i.id)).toEqual(first.inboxes.map((i) => i.id));
    expect(second.webhooks[0]!.id).toBe(first.webhooks[0]!.id);
    const inboxes = await dispatch(wb, 'inboxes.list', {});
    expect(inboxes).toHaveLength(2);
    expect(inboxes.find((i) => i.slug === 'stripe')!.forwardRoutes).toEqual([]);
    expect((await dispatch(wb, 'webhooks.list', {}))[0]!.subscriptions).toEqual(['order.paid']);
  });

  it('writes nothing when any entry is refused, even one after good ones', async () => {
    const wb = await workbench();
    await dispatch(wb, 'webhooks.create', {
      name: 'twice',
      url: 'http://127.0.0.1:9/',
      subscriptions: ['*'],
    });
    await dispatch(wb, 'webhooks.create', { name: 'twice', url: 'http://127.0.0.1:9/b', subscriptions: ['*'] });
    const config = await loadConfigFile(
      file({
        inboxes: [{ slug: 'fine', scheme: 'none' }],
        webhooks: [{ name: 'twice', url: 'http://127.0.0.1:9/c', subscriptions: ['*'] }],
      }),
      {},
    );
    const error = await applyConfig(wb, config).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HookbenchError);
    expect(error).toMatchObject({ code: 'validation', field: 'webhooks.0.name' });
    expect((error as Error).message).toMatch(/^webhooks\[0\]\.name: 2 webhooks are named "twice"/);
    expect(await dispatch(wb, 'inboxes.list', {})).toEqual([]);
  });

  it('refuses a config that skipped loading (a bad URL) before writing anything', async () => {
    const wb = await workbench();
    const config = {
      inboxes: [
        { slug: 'ok', scheme: 'none' },
        { slug: 'bad', scheme: 'none', forwardRoutes: [{ events: ['a.*'], url: 'ftp://x' }] },
      ],
      webhooks: [],
    } as unknown as HookbenchConfig;
    const error = await applyConfig(wb, config).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation', field: 'inboxes.1.forwardRoutes.0.url' });
    expect(await dispatch(wb, 'inboxes.list', {})).toEqual([]);
  });
});

describe('export, load and apply', () => {
  it('gives the same inboxes and webhooks on a fresh data directory, with no secret in the file', async () => {
    const source = await workbench();
    const applied = await applyConfig(source, await loadConfigFile(file(example), exampleEnv));
    const stripe = applied.inboxes[0]!;
    await dispatch(source, 'inboxes.update', { id: stripe.id, secrets: [...stripe.secrets, 'whsec_bmV3ZXItc2VjcmV0'] });
    const github = applied.inboxes.find((i) => i.slug === 'github')!;
    await dispatch(source, 'inboxes.update', {
      id: github.id,
      forwardTo: 'http://fw:f0rwardpw@127.0.0.1:3000/all',
      forwardRoutes: [{ events: ['push'], url: 'http://rt:r0utepw@127.0.0.1:3001/push' }],
    });
    await dispatch(source, 'webhooks.create', {
      name: 'Basic auth target',
      url: 'https://user:pa55word@example.com/hook',
      subscriptions: ['*'],
      scheme: 'hmac-sha256',
    });
    const inboxes = await dispatch(source, 'inboxes.list', {});
    const webhooks = await dispatch(source, 'webhooks.list', {});

    const exported = configOf(inboxes, webhooks, './schema.json');
    const text = JSON.stringify(exported.config, null, 2);
    const passwords = ['pa55word', 't0k', 'f0rwardpw', 'r0utepw'];
    for (const secret of [...inboxes.flatMap((i) => i.secrets), ...webhooks.map((w) => w.secret), ...passwords])
      expect(text).not.toContain(secret);
    expect([...exported.variables].sort()).toEqual(
      [
        'HOOKBENCH_INBOX_STRIPE_SECRET',
        'HOOKBENCH_INBOX_STRIPE_SECRET_2',
        'HOOKBENCH_INBOX_GITHUB_SECRET',
        'HOOKBENCH_INBOX_GITHUB_FORWARD_URL',
        'HOOKBENCH_INBOX_GITHUB_ROUTE_1_URL',
        'HOOKBENCH_WEBHOOK_ORDERS_SECRET',
        'HOOKBENCH_WEBHOOK_ORDERS_HEADER_AUTHORIZATION',
        'HOOKBENCH_WEBHOOK_BASIC_AUTH_TARGET_URL',
        'HOOKBENCH_WEBHOOK_BASIC_AUTH_TARGET_SECRET',
      ].sort(),
    );

    const slug = (s: string) => inboxes.find((i) => i.slug === s)!;
    const named = (n: string) => webhooks.find((w) => w.name === n)!;
    const env = {
      HOOKBENCH_INBOX_STRIPE_SECRET: slug('stripe').secrets[0],
      HOOKBENCH_INBOX_STRIPE_SECRET_2: slug('stripe').secrets[1],
      HOOKBENCH_INBOX_GITHUB_SECRET: slug('github').secrets[0],
      HOOKBENCH_INBOX_GITHUB_FORWARD_URL: 'http://fw:f0rwardpw@127.0.0.1:3000/all',
      HOOKBENCH_INBOX_GITHUB_ROUTE_1_URL: 'http://rt:r0utepw@127.0.0.1:3001/push',
      HOOKBENCH_WEBHOOK_ORDERS_SECRET: named('orders').secret,
      HOOKBENCH_WEBHOOK_ORDERS_HEADER_AUTHORIZATION: 'Bearer t0k',
      HOOKBENCH_WEBHOOK_BASIC_AUTH_TARGET_URL: 'https://user:pa55word@example.com/hook',
      HOOKBENCH_WEBHOOK_BASIC_AUTH_TARGET_SECRET: named('Basic auth target').secret,
    };
    const fresh = await workbench();
    await applyConfig(fresh, await loadConfigFile(file(text), env));
    // Things created in the same millisecond may list in either order: compared by what finds them.
    const same = <T extends object>(xs: T[]) =>
      xs
        .map((x) => {
          const { id: _i, createdAt: _c, updatedAt: _u, url: _url, ...rest } = x as Record<string, unknown>;
          return rest;
        })
        .sort((a, b) => String(a.slug ?? a.name).localeCompare(String(b.slug ?? b.name)));
    const freshInboxes = await dispatch(fresh, 'inboxes.list', {});
    const freshWebhooks = await dispatch(fresh, 'webhooks.list', {});
    expect(same(freshInboxes)).toEqual(same(inboxes));
    expect(freshWebhooks.map((w) => w.url).sort()).toEqual(webhooks.map((w) => w.url).sort());
    expect(same(freshWebhooks)).toEqual(same(webhooks));
  });
});

describe('the JSON Schema for editors', () => {
  it(`is up to date in ${CONFIG_SCHEMA_PATH} (regenerate: npx tsx scripts/writeConfigSchema.ts)`, () => {
    const committed = JSON.parse(readFileSync(join(ROOT, CONFIG_SCHEMA_PATH), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });

  it('describes secrets as a value or an env reference, and routes as events and a URL', () => {
    const schema = configJsonSchema() as {
      properties: { inboxes: { items: { properties: Record<string, unknown> } } };
    };
    const inbox = schema.properties.inboxes.items.properties;
    expect(JSON.stringify(inbox.secrets)).toContain('"env"');
    expect(inbox.forwardRoutes).toMatchObject({ type: 'array', items: { required: ['events', 'url'] } });
  });
});
