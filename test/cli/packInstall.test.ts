/**
 * The package a user installs: `npm pack` on a copy of this checkout (its prepack step is the real
 * build), `npm install -g` of the tarball into an empty temp prefix, then the installed `hookbench`
 * run from an empty directory — sign, verify, listen + send, and serve with its UI. The copy keeps
 * the build away from this checkout's out/ (other tests use it); it shares node_modules by a link.
 * Installing compiles better-sqlite3 when no prebuilt binary downloads, so this file takes minutes.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, ROOT } from './cliHarness';

const run = promisify(execFile);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"user.created","data":{"id":"u_1"}}';
/** What the copy leaves out: installed and built things, and what is not the product. */
const NOT_COPIED = new Set(['node_modules', 'out', '.git', 'test-results', 'playwright-report', 'scratch']);

describe('the packed package, installed on a clean prefix', { timeout: 600_000 }, () => {
  const temp = mkdtempSync(join(tmpdir(), 'hookbench-pack-'));
  const prefix = join(temp, 'prefix');
  const empty = join(temp, 'empty');
  let hookbench = '';
  let tarball = '';

  beforeAll(async () => {
    const copy = join(temp, 'checkout');
    cpSync(ROOT, copy, {
      recursive: true,
      filter: (src) => !NOT_COPIED.has(relative(ROOT, src).split(/[\\/]/)[0]!),
    });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const packed = await run('npm', ['pack', '--json', '--pack-destination', temp], {
      cwd: copy,
      maxBuffer: 64 * 1024 * 1024,
    });
    // npm prints the prepack build's output before the JSON report.
    const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('\n[') + 1)) as { filename: string }[];
    tarball = join(temp, report[0]!.filename);
    await run('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: temp,
      maxBuffer: 64 * 1024 * 1024,
    });
    hookbench = join(prefix, 'bin', 'hookbench');
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(empty);
  }, 900_000);

  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  const installed = join(prefix, 'lib', 'node_modules', 'hookbench');
  const cli = (args: string[]) => run(hookbench, args, { cwd: empty });

  it('holds the built command line and UI, and installs no Electron or build tools', () => {
    expect(existsSync(join(installed, 'out', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(installed, 'out', 'renderer', 'index.html'))).toBe(true);
    expect(existsSync(join(installed, 'src-main')), 'TypeScript sources are not shipped').toBe(false);
    expect(existsSync(join(installed, 'out', 'main')), 'the desktop (Electron main) bundle is not shipped').toBe(false);
    expect(existsSync(join(installed, 'out', 'preload')), 'nor its preload').toBe(false);
    const packages = readdirSync(join(installed, 'node_modules'));
    for (const dev of ['electron', 'electron-vite', 'tsx', 'typescript', 'vite', 'react', '@mantine'])
      expect(packages, dev).not.toContain(dev);
    expect(packages).toContain('better-sqlite3');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // GitHub's schemas and examples are data read at run time; everything else is bundled.
    expect(Object.keys(manifest.dependencies)).toEqual([
      '@octokit/webhooks-examples',
      '@octokit/webhooks-schemas',
      'better-sqlite3',
    ]);
  });

  it('checks payloads against the provider catalogs and imports an AsyncAPI document', async () => {
    const payload = join(temp, 'push.json');
    writeFileSync(payload, JSON.stringify({ ref: 42 }));
    const invalid = cli(['catalog', 'validate', payload, '--catalog', 'github', '--type', 'push']);
    await expect(invalid).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/\/ref: must be string/) });
    const doc = join(temp, 'orders.asyncapi.yaml');
    writeFileSync(
      doc,
      [
        'asyncapi: 3.0.0',
        'info: { title: Orders, version: "1" }',
        'channels:',
        '  orders:',
        '    messages:',
        '      placed: { $ref: "#/components/messages/placed" }',
        'components:',
        '  messages:',
        '    placed:',
        '      name: order.placed',
        '      payload: { type: object, required: [id], properties: { id: { type: string } } }',
        '',
      ].join('\n'),
    );
    const dataDir = join(temp, 'catalog-data');
    const imported = await cli(['catalog', 'import', doc, '--data-dir', dataDir, '--json']);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      applied: true,
      changes: [{ type: 'order.placed', change: 'add' }],
    });
  });

  it('signs and verifies from an empty directory', async () => {
    const signed = await cli(['sign', '--scheme', 'standard', '--secret', SECRET, '--body', BODY, '--json']);
    const { headers } = JSON.parse(signed.stdout) as { headers: Record<string, string> };
    const args = Object.entries(headers).flatMap(([n, v]) => ['--header', `${n}: ${v}`]);
    const verified = await cli(['verify', '--scheme', 'standard', '--secret', SECRET, '--body', BODY, ...args]);
    expect(verified.stdout).toMatch(/^valid \(standard\)/);
    const tampered = cli(['verify', '--scheme', 'standard', '--secret', SECRET, '--body', `${BODY} `, ...args]);
    await expect(tampered).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/bad signature/) });
  });

  it('listens, and receives what `hookbench send` delivers', async () => {
    const listener = new CliProcess(['listen', '--port', '0', '--scheme', 'standard', '--secret', SECRET], {
      command: hookbench,
      cwd: empty,
    });
    try {
      const [, inboxUrl] = await listener.waitFor(/Inbox default: (http:\/\/127\.0\.0\.1:\d+\/in\/default)/);
      const sent = await cli([
        'send',
        '--url',
        inboxUrl!,
        '--scheme',
        'standard',
        '--secret',
        SECRET,
        '--event',
        'user.created',
      ]);
      expect(sent.stdout).toMatch(/delivered/);
      await listener.waitFor(/POST \/in\/default .*→ 200 {2}valid \(standard\)/);
    } finally {
      await listener.stop('SIGINT');
    }
  });

  it('config as code, CI mode, vectors and completion work from the package', async () => {
    // A config beside the installed package, pointing at its JSON Schema, with an env secret and an expect block.
    const project = join(temp, 'project');
    mkdirSync(join(project, 'schemas'), { recursive: true });
    const schemaPath = join(installed, 'schema', 'hookbench.config.schema.json');
    expect(JSON.parse(readFileSync(schemaPath, 'utf8'))).toHaveProperty('properties.inboxes');
    writeFileSync(
      join(project, 'schemas', 'user.json'),
      JSON.stringify({ type: 'object', required: ['data'], properties: { data: { required: ['id'] } } }),
    );
    writeFileSync(
      join(project, 'hookbench.config.json'),
      JSON.stringify({
        $schema: schemaPath,
        inboxes: [{ slug: 'ci', scheme: 'standard', secrets: [{ env: 'PACKED_TEST_SECRET' }] }],
        expect: { within: '60s', events: [{ type: 'user.*', count: 2, schema: 'schemas/user.json' }] },
      }),
    );
    const env = { ...process.env, PACKED_TEST_SECRET: SECRET };
    const checked = await run(hookbench, ['config', 'check'], { cwd: project, env });
    expect(checked.stdout).toContain('valid (1 inbox, 0 webhooks, 1 expectation)');

    const junit = join(project, 'reports', 'webhooks.xml');
    const listener = new CliProcess(['listen', '--config', 'hookbench.config.json', '--port', '0', '--junit', junit], {
      command: hookbench,
      cwd: project,
      env,
    });
    const [, inboxUrl] = await listener.waitFor(/Inbox ci: (http:\/\/127\.0\.0\.1:\d+\/in\/ci)/);
    for (let i = 0; i < 2; i++)
      await cli(['send', '--url', inboxUrl!, '--scheme', 'standard', '--secret', SECRET, '--event', 'user.created']);
    const done = await listener.exit(60_000);
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(done.stdout + done.stderr).toContain('✓ user.* x2: got 2 of 2 valid');
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuite name="hookbench listen" tests="1" failures="0"/);

    const vectors = await cli(['vectors']);
    const checkedVectors = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = execFile(hookbench, ['verify', '--vectors', '-'], { cwd: empty }, (error, stdout) =>
        error && error.code !== 1 ? reject(error) : resolve({ code: error ? 1 : 0, stdout }),
      );
      child.stdin!.end(vectors.stdout);
    });
    expect(checkedVectors.code, checkedVectors.stdout).toBe(0);
    expect(checkedVectors.stdout).toMatch(/\d+ vectors: Hookbench agrees with every one/);

    const completion = await cli(['completion', 'bash']);
    expect(completion.stdout).toContain('complete -F _hookbench hookbench');
    const asked = await cli(['completion', '--complete', '--', 'listen', '--exp']);
    expect(asked.stdout.split('\n')).toEqual([
      'words',
      expect.stringMatching(/^--expect\t/),
      expect.stringMatching(/^--expect-schema\t/),
      '',
    ]);
  });

  it('serves the workbench: the UI and the REST API answer', async () => {
    const server = new CliProcess(['serve', '--port', '0', '--receiver-port', '0', '--data-dir', join(temp, 'data')], {
      command: hookbench,
      cwd: empty,
    });
    try {
      const [, url] = await server.waitFor(/Hookbench web host: (http:\/\/\S+)/);
      const page = await request(url!);
      const html = await page.body.text();
      expect(page.statusCode).toBe(200);
      expect(html).toContain('<div id="root">');
      const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      const asset = await request(new URL(script!, url).toString());
      expect(asset.statusCode).toBe(200);
      await asset.body.dump();
      const token = new URL(url!).searchParams.get('token');
      const api = await request(new URL('/api/v1/webhooks', url).toString(), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(api.statusCode).toBe(200);
      await api.body.dump();
    } finally {
      await server.stop('SIGINT');
    }
  });
});
