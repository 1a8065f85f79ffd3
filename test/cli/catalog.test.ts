import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tempDir } from '../support/tmp';
import { CLI_TEST_TIMEOUT_MS, ROOT } from './cliHarness';

const BIN = fileURLToPath(new URL('../../bin/hookbench.mjs', import.meta.url));
const EXTERNAL = fileURLToPath(new URL('../fixtures/catalogs/external/openapi.yaml', import.meta.url));

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const dir = () => {
  const t = tempDir('hookbench-cli-catalog-');
  cleanups.push(t.cleanup);
  return t.dir;
};

/** The default data directory of every run here: a temp XDG_DATA_HOME, never the real one. */
const xdgHome = dir();

function hookbench(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, XDG_DATA_HOME: xdgHome, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

const ORDERS = `openapi: 3.1.0
info:
  title: Orders API
  version: 1.0.0
webhooks:
  order.placed:
    post:
      summary: An order was placed
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/OrderEvent'
            example:
              type: order.placed
              order: { id: ord_1, amount: 1200, currency: eur }
  order.shipped:
    post:
      summary: An order left the warehouse
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [type, order, carrier]
              properties:
                type: { const: order.shipped }
                order: { $ref: '#/components/schemas/Order' }
                carrier: { type: string }
            example:
              type: order.shipped
              order: { id: ord_1, amount: 1200, currency: eur }
              carrier: DHL
components:
  schemas:
    Order:
      type: object
      required: [id, amount, currency]
      properties:
        id: { type: string }
        amount: { type: integer, minimum: 0 }
        currency: { type: string, enum: [eur, usd] }
    OrderEvent:
      type: object
      required: [type, order]
      properties:
        type: { const: order.placed }
        order: { $ref: '#/components/schemas/Order' }
`;

function writeFile(name: string, text: string, inDir = dir()): string {
  const path = join(inDir, name);
  writeFileSync(path, text);
  return path;
}

async function importedTypes(dataDir: string): Promise<Record<string, string | null>> {
  const r = await hookbench(['catalog', 'list', '--json', '--data-dir', dataDir]);
  expect(r.code, r.stderr).toBe(0);
  const { types } = JSON.parse(r.stdout) as { types: { type: string; origin: string; schemaOrigin: string | null }[] };
  return Object.fromEntries(types.filter((t) => t.origin === 'imported').map((t) => [t.type, t.schemaOrigin]));
}

describe.concurrent('hookbench catalog', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('import --dry-run lists what would be added and writes nothing; import adds; again is unchanged; a change updates in place', async () => {
    const data = dir();
    const doc = writeFile('orders.yaml', ORDERS);

    const dry = await hookbench(['catalog', 'import', doc, '--dry-run', '--data-dir', data]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n')).toEqual([
      `${doc}: OpenAPI 3.1 “Orders API”, 2 event types`,
      '  + order.placed   add',
      '  + order.shipped  add',
      'Dry run: 2 would be added, 0 updated, 0 unchanged. Nothing was written; run without --dry-run to import.',
      '',
    ]);
    expect(await importedTypes(data)).toEqual({});

    const real = await hookbench(['catalog', 'import', doc, '--data-dir', data]);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain('Imported: 2 added, 0 updated, 0 unchanged.');
    expect(await importedTypes(data)).toEqual({ 'order.placed': 'workspace', 'order.shipped': 'workspace' });

    const again = await hookbench(['catalog', 'import', doc, '--data-dir', data]);
    expect(again.stdout).toContain('  = order.placed   unchanged');
    expect(again.stdout).toContain('Nothing to import: all 2 unchanged.');

    const changed = writeFile(
      'orders.yaml',
      ORDERS.replace('carrier: { type: string }', 'carrier: { type: string, minLength: 2 }'),
    );
    const update = await hookbench(['catalog', 'import', changed, '--json', '--data-dir', data]);
    expect(update.code, update.stderr).toBe(0);
    const plan = JSON.parse(update.stdout) as Record<string, unknown>;
    expect(plan).toMatchObject({
      file: changed,
      format: 'openapi-3.1',
      title: 'Orders API',
      applied: true,
      changes: [
        { type: 'order.placed', change: 'unchanged', fields: [] },
        { type: 'order.shipped', change: 'update', fields: ['schema'] },
      ],
    });
  });

  it('import reads $refs to files beside the document', async () => {
    const data = dir();
    const r = await hookbench(['catalog', 'import', EXTERNAL, '--data-dir', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+ customer\.synced +add/);
    const check = await hookbench(
      ['catalog', 'validate', '-', '--type', 'customer.synced', '--data-dir', data],
      JSON.stringify({ id: 'cus_1', address: { city: 7 } }),
    );
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toContain('/address/city');
  });

  it('import refuses a file it cannot read, text that is not YAML, and a document wrong at a line (exit 2, nothing written)', async () => {
    const data = dir();
    const missing = join(dir(), 'nope.yaml');
    const unreadable = await hookbench(['catalog', 'import', missing, '--data-dir', data]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain(`cannot read ${missing}: no such file`);

    const folder = await hookbench(['catalog', 'import', dir(), '--data-dir', data]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('it is a directory');

    const notYaml = writeFile('broken.yaml', 'openapi: 3.1.0\nwebhooks:\n  a: [unclosed\n');
    const syntax = await hookbench(['catalog', 'import', notYaml, '--data-dir', data]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(
      new RegExp(`^error: ${notYaml}: .*\\(line \\d+, column \\d+\\): not valid YAML or JSON`, 'm'),
    );

    // Line 18 holds order.shipped's operation, renamed away here.
    const wrong = writeFile(
      'wrong.yaml',
      ORDERS.replace('  order.shipped:\n    post:', '  order.shipped:\n    patch:'),
    );
    expect(ORDERS.split('\n')[17]).toBe('    post:');
    const r = await hookbench(['catalog', 'import', wrong, '--data-dir', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${wrong}: webhooks["order.shipped"] (line 18, column 5): webhook "order.shipped" has no post or put operation\n`,
    );
    expect(r.stdout).toBe('');
    expect(await importedTypes(data)).toEqual({});

    const swagger = writeFile('swagger.json', JSON.stringify({ swagger: '2.0', info: {}, paths: {} }));
    const old = await hookbench(['catalog', 'import', swagger, '--data-dir', data]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('Swagger 2.0 has no webhooks');
  });

  it('export writes the catalog as OpenAPI 3.1 (JSON on stdout, YAML to --out) that imports back unchanged', async () => {
    const data = dir();
    expect((await hookbench(['catalog', 'import', writeFile('orders.yaml', ORDERS), '--data-dir', data])).code).toBe(0);

    const json = await hookbench(['catalog', 'export', '--data-dir', data]);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { openapi: string; webhooks: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(['user.created', 'order.placed', 'order.shipped']),
    );
    const count = Object.keys(doc.webhooks).length;
    expect(json.stderr).toBe(`exported ${count} event types of the hookbench catalog as OpenAPI 3.1 (JSON)\n`);

    const out = join(dir(), 'hookbench.openapi.yaml');
    const yaml = await hookbench(['catalog', 'export', '--yaml', '--out', out, '--data-dir', data]);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(yaml.stdout).toBe('');
    expect(parseYaml(readFileSync(out, 'utf8'))).toEqual(doc);

    // Lossless: into the same data directory nothing changes; into a fresh one every imported type comes back.
    const same = await hookbench(['catalog', 'import', out, '--json', '--data-dir', data]);
    expect(same.code, same.stderr).toBe(0);
    const samePlan = JSON.parse(same.stdout) as { changes: { type: string; change: string }[]; applied: boolean };
    expect(samePlan.changes.filter((c) => c.change !== 'unchanged')).toEqual([]);
    const fresh = dir();
    expect((await hookbench(['catalog', 'import', out, '--data-dir', fresh])).code).toBe(0);
    expect(await importedTypes(fresh)).toEqual(await importedTypes(data));
  });

  it('export --out into a folder that is not there is a usage error naming --out, and writes nothing', async () => {
    const out = join(dir(), 'missing', 'catalog.json');
    const r = await hookbench(['catalog', 'export', '--catalog', 'stripe', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: /);
    expect(existsSync(out)).toBe(false);
  });

  it('validate: exit 0 when valid, 1 with each issue and its JSON path when not; a file, stdin, --json', async () => {
    const data = dir();
    expect((await hookbench(['catalog', 'import', writeFile('orders.yaml', ORDERS), '--data-dir', data])).code).toBe(0);

    const good = writeFile(
      'good.json',
      JSON.stringify({ type: 'order.placed', order: { id: 'o', amount: 5, currency: 'usd' } }),
    );
    const ok = await hookbench(['catalog', 'validate', good, '--data-dir', data]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('valid: order.placed (hookbench)\n');

    const bad = JSON.stringify({ type: 'order.placed', order: { id: 'o', amount: '5', currency: 'gbp' } });
    const no = await hookbench(['catalog', 'validate', '-', '--data-dir', data], bad);
    expect(no.code).toBe(1);
    expect(no.stdout.split('\n')).toEqual([
      'invalid: order.placed (hookbench), 2 issues',
      '  /order/amount: must be integer (expected integer, found string "5")',
      '  /order/currency: is not one of the allowed values (expected one of "eur", "usd", found string "gbp")',
      '',
    ]);

    const asJson = await hookbench(['catalog', 'validate', '-', '--json', '--data-dir', data], bad);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({
      valid: false,
      catalog: 'hookbench',
      type: 'order.placed',
      status: 'invalid',
      issues: [{ path: '/order/amount' }, { path: '/order/currency' }],
    });

    // --type wins over the payload's own type.
    const shipped = await hookbench(['catalog', 'validate', good, '--type', 'order.shipped', '--data-dir', data]);
    expect(shipped.code).toBe(1);
    expect(shipped.stdout).toContain('/carrier: carrier is required');
  });

  it('validate checks a built-in type’s data, given alone or in its envelope (paths then point into the file)', async () => {
    const envelope = {
      id: 'evt_1',
      type: 'user.created',
      timestamp: '2026-01-01T00:00:00Z',
      data: { id: 42, email: 'nope' },
    };
    const r = await hookbench(['catalog', 'validate', '-'], JSON.stringify(envelope));
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'invalid: user.created (hookbench, its data), 2 issues',
      '  /data/email: is not a valid email (expected email, found string "nope")',
      '  /data/id: must be string (expected string, found number 42)',
      '',
    ]);

    const data = await hookbench(
      ['catalog', 'validate', '-', '--type', 'user.created'],
      '{"email":"jane@example.com"}',
    );
    expect(data.code, data.stderr).toBe(0);
    expect(data.stdout).toBe('valid: user.created (hookbench)\n');
  });

  it('validate a GitHub example against GitHub’s schema (--catalog github --type)', async () => {
    const require = createRequire(import.meta.url);
    const events = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[];
    const opened = events
      .find((e) => e.name === 'pull_request')!
      .examples.filter((e) => e.action === 'opened')
      .at(-1)!;
    const file = writeFile('opened.json', JSON.stringify(opened));
    const ok = await hookbench(['catalog', 'validate', file, '--catalog', 'github', '--type', 'pull_request.opened']);
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    expect(ok.stdout).toBe('valid: pull_request.opened (github)\n');

    const mutated = writeFile('mutated.json', JSON.stringify({ ...opened, number: String(opened.number) }));
    const no = await hookbench([
      'catalog',
      'validate',
      mutated,
      '--catalog',
      'github',
      '--type',
      'pull_request.opened',
    ]);
    expect(no.code).toBe(1);
    expect(no.stdout).toContain('  /number: ');

    const untyped = await hookbench(['catalog', 'validate', file, '--catalog', 'github']);
    expect(untyped.code).toBe(2);
    expect(untyped.stderr).toContain('give the event type with --type');
  });

  it('validate refuses a payload that is not JSON, an unknown type or catalog, an unreadable file, a data dir without data (exit 2)', async () => {
    const notJson = await hookbench(['catalog', 'validate', '-', '--type', 'user.created'], '{"id": 1,');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^error: stdin is not JSON: /m);

    const unknownType = await hookbench(['catalog', 'validate', '-', '--type', 'user.teleported'], '{}');
    expect(unknownType.code).toBe(2);
    expect(unknownType.stderr).toContain(
      '--type: no event type user.teleported in the hookbench catalog (hookbench catalog list --catalog hookbench lists them)',
    );

    const badName = await hookbench(['catalog', 'validate', '-', '--type', 'not a type'], '{}');
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('--type: an event type is a name like');

    const unknownCatalog = await hookbench(['catalog', 'validate', '-', '--catalog', 'paypal'], '{}');
    expect(unknownCatalog.code).toBe(2);
    expect(unknownCatalog.stderr).toMatch(
      /--catalog <catalog>' argument 'paypal' is invalid\. Allowed choices are hookbench, github/,
    );

    const missing = join(dir(), 'payload.json');
    const unreadable = await hookbench(['catalog', 'validate', missing]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain(`cannot read ${missing}: no such file`);

    const data = dir();
    const ping = writeFile(
      'ping.yaml',
      'openapi: 3.1.0\ninfo: { title: Pings, version: "1" }\nwebhooks:\n  ping.sent:\n    post:\n      summary: A ping\n',
    );
    expect((await hookbench(['catalog', 'import', ping, '--data-dir', data])).code).toBe(0);
    const noSchema = await hookbench(['catalog', 'validate', '-', '--data-dir', data], '{"type":"ping.sent"}');
    expect(noSchema.code).toBe(2);
    expect(noSchema.stderr).toContain(
      'ping.sent has no schema in the hookbench catalog, so there is nothing to check against',
    );

    const empty = dir();
    const noData = await hookbench(
      ['catalog', 'validate', '-', '--data-dir', empty],
      '{"type":"user.created","data":{}}',
    );
    expect(noData.code).toBe(2);
    expect(noData.stderr).toContain(`--data-dir: no Hookbench data in ${empty}`);
  });

  it('list shows each type and where its schema comes from; an unknown --workspace is a usage error', async () => {
    const data = dir();
    expect((await hookbench(['catalog', 'import', writeFile('orders.yaml', ORDERS), '--data-dir', data])).code).toBe(0);
    const r = await hookbench(['catalog', 'list', '--data-dir', data]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^hookbench: \d+ event types, \d+ with a schema$/);
    expect(lines.find((l) => l.includes('order.shipped'))).toMatch(
      /^ {2}order\.shipped\s+schema \(workspace\)\s+imported\s+An order left the warehouse$/,
    );
    expect(lines.find((l) => l.includes('user.created'))).toMatch(/^ {2}user\.created\s+schema\s+builtin\s+\S/);

    const stripe = await hookbench(['catalog', 'list', '--catalog', 'stripe', '--json']);
    expect(stripe.code, stripe.stderr).toBe(0);
    const listed = JSON.parse(stripe.stdout) as { catalog: string; types: { catalog: string; form: string }[] };
    expect(listed.catalog).toBe('stripe');
    expect(listed.types.length).toBeGreaterThan(0);
    expect(listed.types.every((t) => t.catalog === 'stripe' && t.form === 'raw')).toBe(true);

    const ws = await hookbench(['catalog', 'list', '--workspace', 'ws_nope', '--data-dir', data]);
    expect(ws.code).toBe(2);
    expect(ws.stderr).toContain('--workspace: no workspace ws_nope');
  });

  it('without data at the default place, the readers use the built-in and provider catalogs and leave nothing behind', async () => {
    const r = await hookbench(['catalog', 'list', '--catalog', 'github', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { types: unknown[] }).types.length).toBeGreaterThan(100);
    expect(existsSync(join(xdgHome, 'hookbench'))).toBe(false);
  });

  it('--help lists the subcommands', async () => {
    const r = await hookbench(['catalog', '--help']);
    expect(r.code).toBe(0);
    for (const sub of ['import', 'export', 'validate', 'list'])
      expect(r.stdout).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
  });
});
