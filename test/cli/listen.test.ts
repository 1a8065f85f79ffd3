import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { getScheme } from '../../src-main/engine/signing/registry';
import { ScriptedServer } from '../support/scriptedServer';
import { CLI_TEST_TIMEOUT_MS, CliProcess, jsonLines, runCli } from './cliHarness';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"id":"evt_1","type":"user.created","data":{}}';

const signed = (body: string, secret = SECRET) =>
  getScheme('standard').sign({
    id: `msg_${Math.random().toString(36).slice(2)}`,
    timestamp: Math.floor(Date.now() / 1000),
    eventType: 'user.created',
    body: Buffer.from(body),
    secrets: [secret],
  });

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

describe.concurrent('hookbench listen', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-cli-listen-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('prints the inbox URL, one line per request with its verdict, and stops cleanly on SIGINT (exit 0)', async () => {
    const cli = new CliProcess(['listen', '--port', '0', '--secret', SECRET, '--data-dir', tempDir()]);
    try {
      const [, base, inboxUrl] = await cli
        .waitFor(/Inbox default: ((http:\/\/127\.0\.0\.1:\d+)\/in\/default)/)
        .then((m) => [m[0], m[2]!, m[1]!]);
      expect(cli.stdout).toContain(`Listening on ${base}`);

      const good = await post(inboxUrl, BODY, signed(BODY));
      expect(good.status).toBe(200);
      await cli.waitFor(/valid \(standard\)/);
      const bad = await post(inboxUrl, BODY, signed(BODY, 'whsec_d3JvbmcgZ3Vlc3M='));
      expect(bad.status).toBe(200);
      await cli.waitFor(/invalid: bad signature/);
      const unsigned = await post(`${inboxUrl}?x=1`, BODY);
      expect(unsigned.status).toBe(200);
      await cli.waitFor(/invalid: missing header/);
      const stray = await post(`${base}/elsewhere`, 'x');
      expect(stray.status).toBe(404);
      await cli.waitFor(/unrouted/);

      const lines = cli.lines().filter((l) => /^\d\d:\d\d:\d\d\.\d{3} /.test(l));
      expect(lines).toHaveLength(4);
      const size = Buffer.byteLength(BODY);
      expect(lines[0]).toMatch(
        new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  POST /in/default  ${size} B  → 200  valid \\(standard\\)$`),
      );
      expect(lines[1]).toMatch(
        /POST \/in\/default .* invalid: bad signature — signature does not match any of 1 secret/,
      );
      expect(lines[2]).toMatch(/POST \/in\/default\?x=1 .* invalid: missing header/);
      expect(lines[3]).toMatch(/POST \/elsewhere {2}1 B {2}→ 404 {2}unrouted$/);
    } finally {
      const r = await cli.stop('SIGINT');
      expect(r.code, r.stderr).toBe(0);
      expect(r.signal).toBeNull();
    }
  });

  it('--json prints a listening object, then one object per request; SIGTERM also exits 0', async () => {
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--scheme',
      'github',
      '--secret',
      'gh',
      '--status',
      '202',
      '--slug',
      'gh-hooks',
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    try {
      await cli.waitFor(/"kind":"listening".*\n/);
      const listening = jsonLines(cli.stdout)[0]!;
      expect(listening).toMatchObject({ kind: 'listening', slug: 'gh-hooks', scheme: 'github', secrets: ['gh'] });
      const inboxUrl = listening.inboxUrl as string;
      expect(inboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/in\/gh-hooks$/);
      const headers = getScheme('github').sign({
        id: 'd1',
        timestamp: 0,
        eventType: 'push',
        body: Buffer.from(BODY),
        secrets: ['gh'],
      });
      const res = await post(inboxUrl, BODY, headers);
      expect(res.status).toBe(202);
      await cli.waitFor(/"kind":"request".*\n/);
      const req = jsonLines(cli.stdout)[1]!;
      expect(req).toMatchObject({
        kind: 'request',
        method: 'POST',
        path: '/in/gh-hooks',
        slug: 'gh-hooks',
        bodySize: Buffer.byteLength(BODY),
        responseStatus: 202,
        valid: true,
        scheme: 'github',
        verdict: 'valid (github)',
      });
    } finally {
      const r = await cli.stop('SIGTERM');
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('--forward-to re-sends the request and prints the answer; --delay holds the response', async () => {
    const target = await new ScriptedServer([{ status: 201, body: 'made' }]).start();
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--scheme',
      'none',
      '--delay',
      '150',
      '--forward-to',
      `${target.url}/hook`,
      '--data-dir',
      tempDir(),
    ]);
    try {
      const inboxUrl = (await cli.waitFor(/Inbox default: (\S+)/))[1]!;
      const started = Date.now();
      const res = await post(`${inboxUrl}/sub?q=1`, BODY);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(res.status).toBe(200);
      await cli.waitFor(/forward → .*: 201 in \d+ ms/);
      expect(cli.stdout).toMatch(/POST \/in\/default\/sub\?q=1 .* valid \(none\)/);
      const calls = await target.waitForCalls(1);
      expect(calls[0]!.path).toBe('/hook/sub?q=1');
      expect(calls[0]!.body.toString()).toBe(BODY);
    } finally {
      const r = await cli.stop();
      await target.stop();
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('a port in use is exit 1 with the receiver message', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = await runCli(['listen', '--port', String(port), '--data-dir', tempDir()]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`port ${port} is in use`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('usage errors exit 2: bad --status, bad --forward-to, bad --port, bad secret for the scheme; --help exit 0', async () => {
    const cases: [string[], RegExp][] = [
      [['listen', '--port', '0', '--status', '42'], /--status: status must be 200–599/],
      [['listen', '--port', '0', '--forward-to', 'not a url'], /--forward-to: .*not a valid URL/],
      [['listen', '--port', '70000'], /--port must be between 0 and 65535/],
      [
        ['listen', '--port', '0', '--scheme', 'standard', '--secret', 'plain'],
        /--secret: a Standard Webhooks secret starts with whsec_/,
      ],
      [['listen', '--port', '0', '--slug', 'Not A Slug'], /--slug/],
      [['listen', '--port', '0', '--host', 'not a host'], /--host: the host must be an IP address/],
    ];
    const results = await Promise.all([
      ...cases.map(([args]) => runCli([...args, '--data-dir', tempDir()])),
      runCli(['listen', '--help']),
    ]);
    cases.forEach(([args, message], i) => {
      expect(results[i]!.code, `${args.join(' ')}\n${results[i]!.stderr}`).toBe(2);
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
    });
    const help = results[cases.length]!;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: hookbench listen');
    expect(help.stdout).toContain('--forward-to <url>');
  });
});
