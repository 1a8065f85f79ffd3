import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScheme } from '../../src-main/engine/signing/registry';
import { CLI_TEST_TIMEOUT_MS, runCli } from './cliHarness';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_dGhlIG9sZCBzZWNyZXQ=';
const BODY = '{"type":"user.created","data":{"name":"Zoë"}}';

describe.concurrent('hookbench sign', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints the headers as Name: value lines (exit 0)', async () => {
    const r = await runCli([
      'sign',
      '--scheme',
      'standard',
      '--secret',
      SECRET,
      '--id',
      'msg_1',
      '--timestamp',
      '1700000000',
      '--body',
      BODY,
    ]);
    expect(r.code).toBe(0);
    const expected = getScheme('standard').sign({
      id: 'msg_1',
      timestamp: 1700000000,
      eventType: 'webhook.test',
      body: Buffer.from(BODY),
      secrets: [SECRET],
    });
    expect(r.stdout).toBe(
      Object.entries(expected)
        .map(([k, v]) => `${k}: ${v}\n`)
        .join(''),
    );
    expect(r.stderr).toBe('');
  });

  it('--json prints { headers } with default id, timestamp and event', async () => {
    const before = Math.floor(Date.now() / 1000);
    const r = await runCli(['sign', '--scheme', 'github', '--secret', 'gh-secret', '--body', BODY, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { headers: Record<string, string> };
    expect(Object.keys(out)).toEqual(['headers']);
    expect(out.headers['X-GitHub-Event'] ?? out.headers['x-github-event']).toBe('webhook.test');
    const delivery = out.headers['X-GitHub-Delivery'] ?? out.headers['x-github-delivery'];
    expect(delivery).toMatch(/^msg_/);
    expect(
      getScheme('github').verify({ headers: out.headers, body: Buffer.from(BODY), secrets: ['gh-secret'] }).valid,
    ).toBe(true);

    const std = JSON.parse(
      (await runCli(['sign', '--scheme', 'standard', '--secret', SECRET, '--body', BODY, '--json'])).stdout,
    ) as { headers: Record<string, string> };
    const ts = Number(std.headers['webhook-timestamp']);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(std.headers['webhook-id']).toMatch(/^msg_/);
  });

  it('signs with every --secret (rotation)', async () => {
    const r = await runCli([
      'sign',
      '--scheme',
      'standard',
      '--secret',
      SECRET,
      '--secret',
      OLD_SECRET,
      '--body',
      BODY,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const { headers } = JSON.parse(r.stdout) as { headers: Record<string, string> };
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
  });

  it('--event and --body-file (a file, and - for stdin) sign the exact bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-cli-'));
    try {
      const bytes = Buffer.from([0x7b, 0xff, 0x00, 0xfe, 0x7d]); // not valid UTF-8
      const file = join(dir, 'body.bin');
      writeFileSync(file, bytes);
      const fromFile = await runCli([
        'sign',
        '--scheme',
        'shopify',
        '--secret',
        's3cret',
        '--event',
        'orders/create',
        '--body-file',
        file,
        '--json',
      ]);
      const fromStdin = await runCli(
        ['sign', '--scheme', 'shopify', '--secret', 's3cret', '--event', 'orders/create', '--body-file', '-', '--json'],
        { input: bytes },
      );
      expect(fromFile.code).toBe(0);
      expect(fromStdin.code, fromStdin.stderr).toBe(0);
      const a = JSON.parse(fromFile.stdout) as { headers: Record<string, string> };
      const b = JSON.parse(fromStdin.stdout) as { headers: Record<string, string> };
      const sig = (h: Record<string, string>) =>
        Object.entries(h).find(([k]) => k.toLowerCase() === 'x-shopify-hmac-sha256')![1];
      const expected = getScheme('shopify').sign({
        id: 'x',
        timestamp: 1,
        eventType: 'orders/create',
        body: bytes,
        secrets: ['s3cret'],
      });
      expect(sig(a.headers)).toBe(sig(expected));
      expect(sig(b.headers)).toBe(sig(expected));
      expect(Object.entries(a.headers).find(([k]) => k.toLowerCase() === 'x-shopify-topic')![1]).toBe('orders/create');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a secret the scheme cannot use is a usage error naming --secret (exit 2)', async () => {
    const r = await runCli(['sign', '--scheme', 'standard', '--secret', 'not-a-whsec', '--body', BODY]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--secret: a Standard Webhooks secret starts with whsec_');
    expect(r.stderr).toContain('--help');
  });

  it('usage errors exit 2: unknown scheme, missing body, missing secret, unknown option, bad timestamp', async () => {
    const cases: [string[], RegExp][] = [
      [['sign', '--scheme', 'sha1', '--secret', 'x', '--body', BODY], /--scheme.*'sha1' is invalid/],
      [['sign', '--scheme', 'github', '--secret', 'x'], /--body/],
      [['sign', '--scheme', 'github', '--body', BODY], /--secret is required/],
      [['sign', '--scheme', 'github', '--secret', 'x', '--body', BODY, '--colour'], /unknown option '--colour'/],
      [
        ['sign', '--scheme', 'github', '--secret', 'x', '--body', BODY, '--timestamp', 'soon'],
        /--timestamp must be a whole number/,
      ],
      [
        ['sign', '--scheme', 'github', '--secret', 'x', '--body', BODY, '--body-file', '/nope'],
        /not both|cannot be used with/,
      ],
      [['sign', '--secret', 'x', '--body', BODY], /--scheme/],
      [['sing'], /unknown command 'sing'/],
      [[], /Usage: hookbench/],
    ];
    await Promise.all(
      cases.map(async ([args, message]) => {
        const r = await runCli(args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr, args.join(' ')).toMatch(message);
      }),
    );
  });

  it('a missing --body-file is exit 2 naming the file', async () => {
    const r = await runCli(['sign', '--scheme', 'github', '--secret', 'x', '--body-file', '/definitely/not/here.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--body-file: cannot read /definitely/not/here.json: no such file');
  });

  it('scheme none needs no secret and prints no headers', async () => {
    const r = await runCli(['sign', '--scheme', 'none', '--body', BODY, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ headers: {} });
  });

  it('--help (and help sign, --version) exit 0', async () => {
    const [help, helpCmd, top, version] = await Promise.all([
      runCli(['sign', '--help']),
      runCli(['help', 'sign']),
      runCli(['--help']),
      runCli(['--version']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: hookbench sign');
    expect(help.stdout).toContain('--body-file <path>');
    expect(helpCmd.code).toBe(0);
    expect(helpCmd.stdout).toContain('Usage: hookbench sign');
    expect(top.code).toBe(0);
    for (const c of ['sign', 'verify', 'listen', 'send']) expect(top.stdout).toContain(c);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
