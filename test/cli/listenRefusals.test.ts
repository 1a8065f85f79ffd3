/**
 * `hookbench listen` refuses, before it listens or writes anything, what could never work:
 * expectations on an inbox that cannot verify a signature, a secret to print that does not exist,
 * a JUnit report it could not write. And a config inbox without secrets shows the one it got.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, CliProcess, jsonLines, runCli } from './cliHarness';
import { tempDir } from '../support/tmp';

const dirs: (() => void)[] = [];
const dir = () => {
  const t = tempDir('hookbench-listen-refusals-');
  dirs.push(t.cleanup);
  return t.dir;
};
afterAll(() => dirs.forEach((d) => d()));

describe.concurrent('hookbench listen refuses up front', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('--expect on an auto inbox with no secret (it could only wait out --within)', async () => {
    const dataDir = join(dir(), 'data');
    const r = await runCli([
      'listen',
      '--port',
      '0',
      '--expect',
      'invoice.paid',
      '--within',
      '30s',
      '--data-dir',
      dataDir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--expect counts requests whose signature verifies, and inbox default (scheme auto) has no secret to verify with',
    );
    expect(existsSync(dataDir), 'nothing written').toBe(false);
  });

  it('--junit naming a folder, or a path through a file, before waiting', async () => {
    const base = dir();
    writeFileSync(join(base, 'file'), 'x');
    const started = Date.now();
    const folder = await runCli(['listen', '--scheme', 'none', '--expect', 'a.b', '--within', '60s', '--junit', base]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(
      `--junit ${base}: is a folder; give a file name, such as ${join(base, 'webhooks.xml')}`,
    );
    const through = await runCli([
      'listen',
      '--scheme',
      'none',
      '--expect',
      'a.b',
      '--junit',
      join(base, 'file', 'r.xml'),
    ]);
    expect(through.code).toBe(2);
    expect(through.stderr).toMatch(/--junit .*file\/r\.xml: cannot write there \(part of that path is not a folder\)/);
    expect(Date.now() - started, 'refused at once, not after --within').toBeLessThan(30_000);
  });

  it('"secrets": [] in a config is no secret: refused for --expect and --print-secret; no --junit folder made', async () => {
    const base = dir();
    writeFileSync(join(base, 'auto.json'), JSON.stringify({ inboxes: [{ slug: 'x', scheme: 'auto', secrets: [] }] }));
    writeFileSync(join(base, 'gh.json'), JSON.stringify({ inboxes: [{ slug: 'g', scheme: 'github', secrets: [] }] }));
    const junit = join(base, 'newreports', 'deep', 'x.xml');
    const expecting = await runCli([
      'listen',
      '--config',
      join(base, 'auto.json'),
      '--expect',
      'a.b',
      '--junit',
      junit,
    ]);
    expect(expecting.code).toBe(2);
    expect(expecting.stderr).toContain('inbox x (scheme auto) has no secret to verify with');
    expect(existsSync(join(base, 'newreports')), 'the --junit folder is made only when the report is written').toBe(
      false,
    );
    const printing = await runCli(['listen', '--config', join(base, 'gh.json'), '--print-url', '--print-secret']);
    expect(printing.code).toBe(2);
    expect(printing.stderr).toContain('--print-secret: inbox g (scheme github) has no secret to print');
    expect(printing.stdout).toBe('');
  });

  it('--print-secret for a config inbox that has none (scheme auto)', async () => {
    const base = dir();
    writeFileSync(join(base, 'c.json'), JSON.stringify({ inboxes: [{ slug: 'any', scheme: 'auto' }] }));
    const r = await runCli(['listen', '--port', '0', '--config', join(base, 'c.json'), '--print-secret']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--print-secret: inbox any (scheme auto) has no secret to print; give it "secrets" in the config',
    );
  });
});

describe('hookbench listen --config', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('shows the secret an inbox got when the config gives it none, and never one the config gave', async () => {
    const base = dir();
    mkdirSync(join(base, 'cfg'));
    const file = join(base, 'cfg', 'c.json');
    writeFileSync(
      file,
      JSON.stringify({
        inboxes: [
          { slug: 'gh', scheme: 'github' },
          { slug: 'given', scheme: 'github', secrets: ['a-secret-from-the-config'] },
        ],
      }),
    );
    const human = new CliProcess(['listen', '--port', '0', '--config', file]);
    const json = new CliProcess(['listen', '--port', '0', '--config', file, '--json']);
    try {
      const [, secret] = await human.waitFor(/ {2}secret \(generated\): (\S+)/);
      await human.waitFor(/Press Ctrl-C/);
      expect(human.stdout).not.toContain('a-secret-from-the-config');
      expect(human.stdout.match(/secret \(generated\)/g)).toHaveLength(1);
      expect(secret!.length).toBeGreaterThan(10);

      await json.waitFor(/"kind":"listening"/);
      const record = jsonLines(json.stdout)[0] as { inboxes: { slug: string; secrets?: string[] }[] };
      expect(record.inboxes.find((i) => i.slug === 'gh')!.secrets).toHaveLength(1);
      expect(record.inboxes.find((i) => i.slug === 'given')).not.toHaveProperty('secrets');
    } finally {
      expect((await human.stop('SIGINT')).code).toBe(0);
      expect((await json.stop('SIGINT')).code).toBe(0);
    }
  });
});

describe('hookbench listen on a reused data directory', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it("keeps an inbox's secret when the config gives none, says so, and lets --expect use it", async () => {
    const dataDir = join(dir(), 'data');
    const first = new CliProcess([
      'listen',
      '--port',
      '0',
      '--secret',
      'my-own-secret',
      '--scheme',
      'github',
      '--data-dir',
      dataDir,
    ]);
    await first.waitFor(/Press Ctrl-C/);
    expect(first.stdout).not.toContain('my-own-secret');
    expect((await first.stop('SIGINT')).code).toBe(0);

    const base = dir();
    writeFileSync(join(base, 'c.json'), JSON.stringify({ inboxes: [{ slug: 'default', scheme: 'auto' }] }));
    const second = new CliProcess([
      'listen',
      '--port',
      '0',
      '--config',
      join(base, 'c.json'),
      '--data-dir',
      dataDir,
      '--expect',
      'push',
      '--within',
      '60s',
    ]);
    try {
      await second.waitFor(/Waiting up to 60s/);
      expect(second.stdout).toContain('  secret (kept from the data directory): my-own-secret');
      expect(second.stdout).not.toContain('(generated)');
    } finally {
      expect((await second.stop('SIGINT')).code, second.stderr).toBe(1); // interrupted before the expectation was met
    }
  });

  it('--json never shows the password of a forward URL', async () => {
    const listen = new CliProcess([
      'listen',
      '--port',
      '0',
      '--scheme',
      'none',
      '--forward-to',
      'http://user:pa55word@127.0.0.1:9/x',
      '--json',
    ]);
    try {
      const [, url] = await listen.waitFor(/"inboxUrl":"(http:[^"]+)"/);
      const res = await fetch(url!, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
      await listen.waitFor(/"kind":"forward"/);
      expect(listen.stdout).toContain('127.0.0.1:9/x');
      expect(listen.stdout).not.toContain('pa55word');
    } finally {
      await listen.stop('SIGINT');
    }
  });
});
