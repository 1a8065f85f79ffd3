import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { getScheme } from '../../src-main/engine/signing/registry';
import { tempDir } from '../support/tmp';
import { CLI_TEST_TIMEOUT_MS, CliProcess, jsonLines, runCli } from './cliHarness';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const REQUEST_LINE = /^\d\d:\d\d:\d\d\.\d{3} {2}POST /;

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const dir = () => {
  const t = tempDir('hookbench-cli-catalog-listen-');
  cleanups.push(t.cleanup);
  return t.dir;
};

const INVOICES = `asyncapi: 3.0.0
info:
  title: Invoices
  version: 1.0.0
channels:
  invoices:
    address: invoices
    messages:
      invoiceSettled:
        name: invoice.settled
        payload:
          type: object
          required: [type, invoice]
          properties:
            type: { const: invoice.settled }
            invoice:
              type: object
              required: [id, total]
              properties:
                id: { type: string }
                total: { type: integer }
operations:
  sendInvoiceSettled:
    action: send
    channel: { $ref: '#/channels/invoices' }
    messages:
      - $ref: '#/channels/invoices/messages/invoiceSettled'
`;

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  await res.body.text();
  return res.statusCode;
}

const sign = (scheme: 'standard' | 'github', eventType: string, body: string, secret = SECRET) =>
  getScheme(scheme).sign({
    id: `msg_${Math.random().toString(36).slice(2)}`,
    timestamp: Math.floor(Date.now() / 1000),
    eventType,
    body: Buffer.from(body),
    secrets: [secret],
  });

const requestLines = (cli: CliProcess) => cli.lines().filter((l) => REQUEST_LINE.test(l));

async function waitForLines(cli: CliProcess, n: number): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  while (requestLines(cli).length < n) {
    if (Date.now() > deadline || cli.child.exitCode !== null)
      throw new Error(`${n} request lines expected\nstdout: ${cli.stdout}\nstderr: ${cli.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return requestLines(cli);
}

describe.concurrent('hookbench listen --catalog', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('github: each request line carries its schema verdict against GitHub’s schema', async () => {
    const require = createRequire(import.meta.url);
    const events = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[];
    const opened = events
      .find((e) => e.name === 'pull_request')!
      .examples.filter((e) => e.action === 'opened')
      .at(-1)!;
    const cli = new CliProcess(
      ['listen', '--port', '0', '--scheme', 'github', '--secret', 'gh', '--catalog', 'github', '--data-dir', dir()],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    try {
      const [, url] = await cli.waitFor(/Inbox default: (http:\/\/127\.0\.0\.1:\d+\/in\/default)/);
      expect(cli.stdout).toContain('  checks every request against the github catalog\n');

      const good = JSON.stringify(opened);
      expect(await post(url!, good, sign('github', 'pull_request', good, 'gh'))).toBe(200);
      const bad = JSON.stringify({ ...opened, number: 'forty-two' });
      expect(await post(url!, bad, sign('github', 'pull_request', bad, 'gh'))).toBe(200);
      const unknown = JSON.stringify({ action: 'teleported' });
      expect(await post(url!, unknown, sign('github', 'pull_request', unknown, 'gh'))).toBe(200);

      const lines = await waitForLines(cli, 3);
      expect(lines[0]).toMatch(/ {2}valid \(github\) {2}schema ok pull_request\.opened$/);
      expect(lines[1]).toMatch(
        / {2}valid \(github\) {2}schema ✗ pull_request\.opened \/number: must be integer \(expected integer, found string "forty-two"\)$/,
      );
      // GitHub has no such action: the request is the bare event, which is no type of its own.
      expect(lines[2]).toMatch(/ {2}schema \? pull_request is not in the github catalog$/);
    } finally {
      const r = await cli.stop('SIGINT');
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('a document: imported into listen’s workspace first, each request checked against it; --json carries every issue', async () => {
    const docDir = dir();
    const doc = join(docDir, 'invoices.asyncapi.yaml');
    writeFileSync(doc, INVOICES);
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--secret',
      SECRET,
      '--catalog',
      doc,
      '--json',
      '--data-dir',
      dir(),
    ]);
    try {
      await cli.waitFor(/"kind":"listening".*\n/);
      const listening = jsonLines(cli.stdout)[0]!;
      expect(listening).toMatchObject({ kind: 'listening', catalog: 'hookbench' });
      const url = listening.inboxUrl as string;

      const good = JSON.stringify({ type: 'invoice.settled', invoice: { id: 'in_1', total: 1200 } });
      expect(await post(url, good, sign('standard', 'invoice.settled', good))).toBe(200);
      const bad = JSON.stringify({ type: 'invoice.settled', invoice: { id: 'in_2', total: '12.00' }, extra: true });
      expect(await post(url, bad, sign('standard', 'invoice.settled', bad))).toBe(200);
      expect(await post(url, 'not json', sign('standard', 'invoice.settled', 'not json'))).toBe(200);

      const deadline = Date.now() + 30_000;
      while (jsonLines(cli.stdout).filter((r) => r.kind === 'request').length < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const requests = jsonLines(cli.stdout).filter((r) => r.kind === 'request');
      expect(requests.map((r) => r.schemaVerdict)).toMatchObject([
        { catalog: 'hookbench', type: 'invoice.settled', status: 'valid', issues: [] },
        {
          catalog: 'hookbench',
          type: 'invoice.settled',
          status: 'invalid',
          issues: [
            {
              path: '/invoice/total',
              message: 'must be integer',
              expected: 'integer',
              found: 'string "12.00"',
            },
          ],
        },
        { catalog: 'hookbench', type: null, status: 'not_json', issues: [] },
      ]);
    } finally {
      const r = await cli.stop('SIGINT');
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('the human line of a document-bound inbox names what was imported and the verdict', async () => {
    const doc = join(dir(), 'invoices.yaml');
    writeFileSync(doc, INVOICES);
    const cli = new CliProcess(['listen', '--port', '0', '--secret', SECRET, '--catalog', doc, '--data-dir', dir()], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    try {
      const [, url] = await cli.waitFor(/Inbox default: (http:\/\/127\.0\.0\.1:\d+\/in\/default)/);
      expect(cli.stdout).toContain(
        `  checks every request against ${doc}: 1 event type (1 added, 0 updated, 0 unchanged in the hookbench catalog)\n`,
      );
      const bad = JSON.stringify({ type: 'invoice.settled', invoice: {} });
      expect(await post(url!, bad, sign('standard', 'invoice.settled', bad))).toBe(200);
      const [line] = await waitForLines(cli, 1);
      expect(line).toMatch(
        / {2}valid \(standard\) {2}schema ✗ invoice\.settled \/invoice\/id: id is required \(expected present, found missing\) \(\+1 more\)$/,
      );
    } finally {
      await cli.stop('SIGINT');
    }
  });

  it('in a reused data directory, listen without --catalog unbinds the inbox again (the options describe it)', async () => {
    const data = dir();
    const listening = async (args: string[]) => {
      const cli = new CliProcess(['listen', '--port', '0', '--scheme', 'none', '--json', '--data-dir', data, ...args]);
      try {
        await cli.waitFor(/"kind":"listening".*\n/);
        return jsonLines(cli.stdout)[0]!;
      } finally {
        await cli.stop('SIGINT');
      }
    };
    expect((await listening(['--catalog', 'stripe'])).catalog).toBe('stripe');
    expect((await listening([])).catalog).toBeNull();
  });

  it('refuses an unknown catalog, an unreadable or bad document (line named), and --catalog with --config (exit 2)', async () => {
    const nowhere = join(dir(), 'nope.yaml');
    const unknown = await runCli(['listen', '--port', '0', '--catalog', nowhere, '--data-dir', dir()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `--catalog: ${nowhere} is neither a catalog (hookbench, github, stripe, shopify, slack) nor a document that can be read: no such file`,
    );

    const bad = join(dir(), 'bad.yaml');
    writeFileSync(bad, INVOICES.replace('    address: invoices\n', '    address: invoices\n   oops: [\n'));
    const data = dir();
    const broken = await runCli(['listen', '--port', '0', '--catalog', bad, '--data-dir', data]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`--catalog: ${bad}: .*\\(line \\d+, column \\d+\\)`));
    expect(broken.stdout).not.toContain('Listening on');

    const config = join(dir(), 'hookbench.config.json');
    writeFileSync(config, JSON.stringify({ inboxes: [{ slug: 'a', scheme: 'none' }] }));
    const both = await runCli(['listen', '--port', '0', '--config', config, '--catalog', 'github']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--catalog cannot be given with it');
  });
});
