import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_URL } from '../../src-main/api/configFile';
import { dispatch } from '../../src-main/api/dispatch';
import { applyConfig } from '../../src-main/cli/config/apply';
import { Workbench } from '../../src-main/engine/workbench';
import { restRequest } from '../api/transportClients';
import { httpRequest, TargetServer } from '../support/receiverClient';
import { tempDir } from '../support/tmp';
import { CLI_TEST_TIMEOUT_MS, ROOT } from './cliHarness';

const BIN = fileURLToPath(new URL('../../bin/hookbench.mjs', import.meta.url));
const WEB_LINE = /^Hookbench web host: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)$/m;
const STRIPE_SECRET = 'whsec_c3RyaXBlLXRlc3Qtc2VjcmV0LWZvci1ob29rYmVuY2g=';
const ORDERS_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** `hookbench <args>` as a child process with exactly `env` added (nothing of this process's secrets). */
class Hookbench {
  stdout = '';
  stderr = '';
  readonly exit: Promise<number | null>;
  private readonly child;

  constructor(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
    this.child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    });
    this.child.stdout.setEncoding('utf8').on('data', (s: string) => (this.stdout += s));
    this.child.stderr.setEncoding('utf8').on('data', (s: string) => (this.stderr += s));
    this.exit = new Promise((res) => this.child.on('close', (code) => res(code)));
    cleanups.push(() => void this.child.kill('SIGKILL'));
  }

  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 25))) {
      const m = pattern.exec(this.stdout);
      if (m) return m;
      if (this.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`no ${pattern} (exit ${this.child.exitCode})\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
    }
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGINT');
    return this.exit;
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function dir(): string {
  const t = tempDir('hookbench-config-cli-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function target(): Promise<TargetServer> {
  const t = await new TargetServer({ status: 200 }).start();
  cleanups.push(() => t.stop());
  return t;
}

function writeConfig(config: unknown): string {
  const file = join(dir(), 'hookbench.config.json');
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return file;
}

const stripeInbox = (payments: string, customers: string, fallback: string) => ({
  slug: 'stripe',
  scheme: 'stripe',
  secrets: [{ env: 'STRIPE_WEBHOOK_SECRET' }],
  forwardTo: fallback,
  forwardRoutes: [
    { events: ['payment_intent.*'], url: payments },
    { events: ['customer.*'], url: customers },
  ],
});
const ordersWebhook = {
  name: 'orders',
  url: 'http://127.0.0.1:9/hooks',
  subscriptions: ['order.*'],
  secret: { env: 'ORDERS_SECRET' },
};
const env = { STRIPE_WEBHOOK_SECRET: STRIPE_SECRET, ORDERS_SECRET };

async function serve(dataDir: string, file: string, withEnv: Record<string, string>) {
  const run = new Hookbench(
    ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir, '--config', file],
    withEnv,
  );
  const [, origin, token] = await run.waitFor(WEB_LINE);
  return { run, origin: origin!, token: token! };
}

const event = (type: string) => JSON.stringify({ id: `evt_${type}`, object: 'event', type, data: {} });

describe('hookbench serve --config', () => {
  it(
    'creates the inboxes and webhooks at start, and the receiver forwards per event type',
    async () => {
      const [payments, customers, fallback] = [await target(), await target(), await target()];
      const file = writeConfig({
        inboxes: [stripeInbox(payments.url, customers.url, fallback.url)],
        webhooks: [ordersWebhook],
      });
      const { run, origin, token } = await serve(dir(), file, env);
      const [, receiver] = run.stdout.match(/^ {2}inbox stripe: (http:\/\/127\.0\.0\.1:\d+)\/in\/stripe$/m)!;
      expect(run.stdout).toMatch(/^ {2}webhook orders: http:\/\/127\.0\.0\.1:9\/hooks$/m);

      const inboxes = (await restRequest(origin, 'GET', '/api/v1/inboxes', { token })).body as {
        data: { slug: string; secrets: string[] }[];
      };
      expect(inboxes.data.map((i) => [i.slug, i.secrets])).toEqual([['stripe', [STRIPE_SECRET]]]);
      const webhooks = (await restRequest(origin, 'GET', '/api/v1/webhooks', { token })).body as {
        data: { name: string; secret: string }[];
      };
      expect(webhooks.data.map((w) => [w.name, w.secret])).toEqual([['orders', ORDERS_SECRET]]);

      for (const type of ['payment_intent.succeeded', 'customer.created', 'invoice.paid'])
        expect((await httpRequest(`${receiver}/in/stripe`, { body: event(type) })).status).toBe(200);
      await expect.poll(() => payments.calls.length + customers.calls.length + fallback.calls.length).toBe(3);
      expect([payments, customers, fallback].map((t) => t.calls.length)).toEqual([1, 1, 1]);
      expect(JSON.parse(customers.calls[0]!.body.toString()).type).toBe('customer.created');
      expect(await run.stop()).toBe(0);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'refuses to start on a missing environment variable, naming the field and the variable, and writes nothing',
    async () => {
      const dataDir = join(dir(), 'data');
      const file = writeConfig({ inboxes: [stripeInbox('http://x/', 'http://y/', 'http://z/')], webhooks: [] });
      const run = new Hookbench([
        'serve',
        '--port',
        '0',
        '--receiver-port',
        '0',
        '--data-dir',
        dataDir,
        '--config',
        file,
      ]);
      expect(await run.exit).toBe(2);
      expect(run.stderr).toContain(
        `error: ${file}: inboxes[0].secrets[0]: environment variable STRIPE_WEBHOOK_SECRET is not set`,
      );
      expect(run.stdout).not.toMatch(WEB_LINE);
      expect(existsSync(dataDir)).toBe(false);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'refuses a config the workspace cannot take (two webhooks of its name) and leaves the data as it was',
    async () => {
      const dataDir = dir();
      const wb = await Workbench.open({ dataDir, receiver: false, deliver: false });
      for (const path of ['a', 'b'])
        await dispatch(wb, 'webhooks.create', {
          name: 'orders',
          url: `http://127.0.0.1:9/${path}`,
          subscriptions: ['*'],
        });
      await wb.close();

      const file = writeConfig({ inboxes: [{ slug: 'new-one', scheme: 'none' }], webhooks: [ordersWebhook] });
      const run = new Hookbench(
        ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir, '--config', file],
        env,
      );
      expect(await run.exit).toBe(2);
      expect(run.stderr).toContain(`${file}: webhooks[0].name: 2 webhooks are named "orders"`);

      const after = await Workbench.open({ dataDir, receiver: false, deliver: false });
      cleanups.push(() => after.close());
      expect(await dispatch(after, 'inboxes.list', {})).toEqual([]);
      expect((await dispatch(after, 'webhooks.list', {})).map((w) => w.url)).toEqual([
        'http://127.0.0.1:9/a',
        'http://127.0.0.1:9/b',
      ]);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

describe('hookbench config export', () => {
  it(
    'writes the workspace with env references only; serve --config on a fresh data directory gives it back',
    async () => {
      const source = dir();
      const wb = await Workbench.open({ dataDir: source, receiver: false, deliver: false });
      const applied = await applyConfig(wb, {
        inboxes: [
          {
            slug: 'stripe',
            scheme: 'stripe',
            secrets: [STRIPE_SECRET],
            toleranceSec: 60,
            responseRule: {
              status: 202,
              headers: {},
              body: 'ok',
              delayMs: 0,
              failurePercent: 0,
              failFirst: 0,
              failStatus: 500,
            },
            rejectInvalid: { status: 400 },
            forwardTo: 'http://127.0.0.1:9/all',
            forwardRoutes: [{ events: ['payment_intent.*'], url: 'http://127.0.0.1:9/pay' }],
            catalog: 'stripe',
          },
        ],
        webhooks: [
          {
            name: 'Orders API',
            description: 'orders',
            url: 'https://svc:pa55@example.com/hook',
            subscriptions: ['order.*'],
            enabled: false,
            scheme: 'standard',
            secret: ORDERS_SECRET,
            headers: { Authorization: 'Bearer t0k3n', 'X-Team': 'billing' },
            secretHeaders: [],
            timeoutSec: 10,
          },
        ],
      });
      await wb.close();

      const outDir = dir();
      const out = join(outDir, 'hookbench.config.json');
      const exported = new Hookbench(['config', 'export', '--data-dir', source, '--out', out]);
      expect(await exported.exit).toBe(0);
      const text = readFileSync(out, 'utf8');
      for (const secret of [STRIPE_SECRET, ORDERS_SECRET, 'pa55', 't0k3n']) expect(text).not.toContain(secret);
      const variables = [
        'HOOKBENCH_INBOX_STRIPE_SECRET',
        'HOOKBENCH_WEBHOOK_ORDERS_API_URL',
        'HOOKBENCH_WEBHOOK_ORDERS_API_SECRET',
        'HOOKBENCH_WEBHOOK_ORDERS_API_HEADER_AUTHORIZATION',
      ];
      for (const v of variables) expect(exported.stderr).toContain(`  ${v}\n`);
      // Outside a tree that holds the schema file, the published URL.
      expect(JSON.parse(text).$schema).toBe(CONFIG_SCHEMA_URL);

      const fresh = dir();
      const { run, origin, token } = await serve(fresh, out, {
        HOOKBENCH_INBOX_STRIPE_SECRET: STRIPE_SECRET,
        HOOKBENCH_WEBHOOK_ORDERS_API_URL: 'https://svc:pa55@example.com/hook',
        HOOKBENCH_WEBHOOK_ORDERS_API_SECRET: ORDERS_SECRET,
        HOOKBENCH_WEBHOOK_ORDERS_API_HEADER_AUTHORIZATION: 'Bearer t0k3n',
      });
      const strip = (x: Record<string, unknown>) => {
        const { id: _i, createdAt: _c, updatedAt: _u, url: _url, ...rest } = x;
        return rest;
      };
      const inboxes = (await restRequest(origin, 'GET', '/api/v1/inboxes', { token })).body as {
        data: Record<string, unknown>[];
      };
      expect(inboxes.data.map(strip)).toEqual(applied.inboxes.map((i) => strip({ ...i })));
      expect(await run.stop()).toBe(0);

      const after = await Workbench.open({ dataDir: fresh, receiver: false, deliver: false });
      cleanups.push(() => after.close());
      const listed = await dispatch(after, 'webhooks.list', {});
      const webhooks = await Promise.all(listed.map((w) => dispatch(after, 'webhooks.get', { id: w.id })));
      expect(webhooks.map((w) => ({ ...strip({ ...w }), url: w.url }))).toEqual(
        applied.webhooks.map((w) => ({ ...strip({ ...w }), url: w.url })),
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    '--out into a folder that is not there is a usage error naming it; a written file is 0600',
    async () => {
      const source = dir();
      const wb = await Workbench.open({ dataDir: source, receiver: false, deliver: false });
      await wb.close();
      const missing = join(dir(), 'no-such-folder', 'hookbench.config.json');
      const refused = new Hookbench(['config', 'export', '--data-dir', source, '--out', missing]);
      expect(await refused.exit).toBe(2);
      expect(refused.stderr).toContain(`--out: cannot write ${missing}: the folder ${dirname(missing)} does not exist`);
      const written = join(dir(), 'hookbench.config.json');
      const ok = new Hookbench(['config', 'export', '--data-dir', source, '--out', written]);
      expect(await ok.exit).toBe(0);
      expect(statSync(written).mode & 0o777).toBe(0o600);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'points $schema at the schema file by a relative path when the config sits in the same tree',
    async () => {
      const source = dir();
      const wb = await Workbench.open({ dataDir: source, receiver: false, deliver: false });
      await wb.close();
      const run = new Hookbench(['config', 'export', '--data-dir', source]);
      expect(await run.exit).toBe(0);
      const { $schema, inboxes, webhooks } = JSON.parse(run.stdout);
      expect($schema).toBe('./schema/hookbench.config.schema.json');
      expect(existsSync(resolve(ROOT, $schema))).toBe(true);
      expect([inboxes, webhooks]).toEqual([[], []]);
      expect(dirname(resolve(ROOT, $schema))).toBe(join(ROOT, 'schema'));
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

describe('hookbench config check', () => {
  it(
    'says what a valid file holds (exit 0) and names the problem of a bad one (exit 2)',
    async () => {
      const good = writeConfig({ inboxes: [{ slug: 'a', scheme: 'none' }], webhooks: [ordersWebhook] });
      const ok = new Hookbench(['config', 'check', good], { ORDERS_SECRET });
      expect(await ok.exit).toBe(0);
      expect(ok.stdout).toBe(`${good}: valid (1 inbox, 1 webhook)\n`);

      const bad = writeConfig('{ "inboxes": [ { "slug": "a" } ], }');
      const refused = new Hookbench(['config', 'check', bad]);
      expect(await refused.exit).toBe(2);
      expect(refused.stderr).toContain(`error: ${bad}: line 1, column 35: not valid JSON`);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
