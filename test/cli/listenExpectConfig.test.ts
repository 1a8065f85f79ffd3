/**
 * `hookbench listen --config <file>`: every inbox of the file, and its `expect` block (schema
 * paths relative to the file), as a real child process posted to over real HTTP.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postEvent, signedEvent } from '../support/signedEvent';
import { CLI_TEST_TIMEOUT_MS, CliProcess, runCli } from './cliHarness';

const PAY_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const GH_SECRET = 'gh-config-secret';
const ENV = 'HOOKBENCH_TEST_LISTEN_EXPECT_SECRET';
process.env[ENV] = PAY_SECRET; // the children inherit it

const INVOICE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } } },
};

describe.concurrent('hookbench listen --config', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-cli-expect-config-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A config file with two inboxes (payments: standard, secret from the environment; github) and `expect`. */
  function configFile(expectBlock: unknown): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'schemas'));
    writeFileSync(join(dir, 'schemas', 'invoice.json'), JSON.stringify(INVOICE_SCHEMA));
    const path = join(dir, 'hookbench.config.json');
    writeFileSync(
      path,
      JSON.stringify({
        inboxes: [
          { slug: 'payments', scheme: 'standard', secrets: [{ env: ENV }] },
          { slug: 'github', scheme: 'github', secrets: [GH_SECRET] },
        ],
        ...(expectBlock === undefined ? {} : { expect: expectBlock }),
      }),
    );
    return path;
  }

  async function listening(config: string, extra: string[] = []) {
    const cli = new CliProcess(['listen', '--port', '0', '--config', config, '--data-dir', tempDir(), ...extra]);
    const pay = (await cli.waitFor(/Inbox payments: (http:\/\/127\.0\.0\.1:\d+\/in\/payments)/))[1]!;
    const gh = (await cli.waitFor(/Inbox github: (http:\/\/127\.0\.0\.1:\d+\/in\/github)/))[1]!;
    await cli.waitFor(/Waiting up to .*\n/);
    return { cli, pay, gh };
  }

  it('listens with every inbox and exits 0 once the expect block is met (schema paths relative to the file)', async () => {
    const config = configFile({
      within: '60s',
      events: [
        { type: 'invoice.paid', schema: 'schemas/invoice.json' },
        { type: 'push' },
        { type: 'customer.*', count: 2, schema: { type: 'object', required: ['data'] } },
      ],
    });
    const { cli, pay, gh } = await listening(config);
    const started = Date.now();
    try {
      expect(cli.stdout).toContain('Waiting up to 60s for invoice.paid, push, customer.* x2; Ctrl-C stops.');
      expect(cli.stdout).not.toContain(PAY_SECRET); // a secret from the config is never printed
      await postEvent(pay, signedEvent('standard', PAY_SECRET, 'invoice.paid', { amount: 1250 }));
      await postEvent(gh, signedEvent('github', GH_SECRET, 'push'));
      await postEvent(pay, signedEvent('standard', PAY_SECRET, 'customer.created'));
      await postEvent(pay, signedEvent('standard', PAY_SECRET, 'customer.updated'));
      const r = await cli.exit();
      expect(r.code, r.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(r.stdout).toContain(
        ['✓ invoice.paid: got 1 of 1 valid', '✓ push: got 1 of 1 valid', '✓ customer.* x2: got 2 of 2 valid', ''].join(
          '\n',
        ),
      );
    } finally {
      if (cli.child.exitCode === null) await cli.stop('SIGKILL');
    }
  });

  it('adds --expect to the block and --within overrides its time; the report names the schema failure', async () => {
    const config = configFile({ within: '60s', events: [{ type: 'invoice.paid', schema: 'schemas/invoice.json' }] });
    const { cli, pay, gh } = await listening(config, ['--expect', 'push', '--within', '3s']);
    expect(cli.stdout).toContain('Waiting up to 3s for invoice.paid, push; Ctrl-C stops.');
    await postEvent(pay, signedEvent('standard', PAY_SECRET, 'invoice.paid', { amount: '12.50' }));
    await postEvent(gh, signedEvent('github', GH_SECRET, 'push'));
    const r = await cli.exit();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      [
        '✗ invoice.paid: got 0 of 1 valid',
        '    1 failed its schema: /data/amount: must be integer (expected integer, found string "12.50")',
        '✓ push: got 1 of 1 valid',
        '1 of 2 expectations were not met within 3s.',
      ].join('\n'),
    );
  });

  it('--print-url prints one URL per inbox of the config, in its order', async () => {
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--config',
      configFile(undefined),
      '--print-url',
      '--data-dir',
      tempDir(),
    ]);
    await cli.waitFor(/^.*\n.*\n/);
    const r = await cli.stop('SIGINT');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^http:\/\/127\.0\.0\.1:(\d+)\/in\/payments\nhttp:\/\/127\.0\.0\.1:\1\/in\/github\n$/);
  });

  it('an inbox option beside --config, or a bad expect block, is a usage error (exit 2)', async () => {
    const good = configFile(undefined);
    const bad = configFile({ within: 'soon', events: [{ type: 'invoice.paid', count: 0 }] });
    const badSchema = configFile({ events: [{ type: 'invoice.paid', schema: 'schemas/missing.json' }] });
    const [withSlug, withScheme, badBlock, missingSchema] = await Promise.all([
      runCli(['listen', '--port', '0', '--config', good, '--slug', 'x', '--data-dir', tempDir()]),
      runCli(['listen', '--port', '0', '--config', good, '--scheme', 'none', '--data-dir', tempDir()]),
      runCli(['listen', '--port', '0', '--config', bad, '--data-dir', tempDir()]),
      runCli(['listen', '--port', '0', '--config', badSchema, '--data-dir', tempDir()]),
    ]);
    expect(withSlug.code).toBe(2);
    expect(withSlug.stderr).toContain('--config describes the inboxes, so --slug cannot be given with it');
    expect(withScheme.code).toBe(2);
    expect(withScheme.stderr).toContain('so --scheme cannot be given');
    expect(badBlock.code).toBe(2);
    expect(badBlock.stderr).toMatch(/expect\.within: "soon" is not a duration/);
    expect(badBlock.stderr).toMatch(/expect\.events\[0\]\.count: count must be a whole number of at least 1/);
    expect(missingSchema.code).toBe(2);
    expect(missingSchema.stderr).toMatch(
      /expect\.events\[0\]\.schema in hookbench\.config\.json: cannot read .*schemas\/missing\.json: no such file/,
    );
  });
});
