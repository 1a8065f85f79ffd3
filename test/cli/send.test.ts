import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScheme } from '../../src-main/engine/signing/registry';
import { ScriptedServer } from '../support/scriptedServer';
import { CLI_TEST_TIMEOUT_MS, jsonLines, runCli } from './cliHarness';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe.concurrent('hookbench send', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const failing = new ScriptedServer([{ status: 500, body: 'boom' }]);
  const ok = new ScriptedServer([{ status: 200, body: 'thanks' }]);
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-cli-send-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    await Promise.all([failing.start(), ok.start()]);
  });
  afterAll(async () => {
    await Promise.all([failing.stop(), ok.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a failing endpoint: every attempt printed, then exit 1 (--retry 0.2,0.2 → three attempts)', async () => {
    const r = await runCli([
      'send',
      '--url',
      `${failing.url}/fail`,
      '--scheme',
      'standard',
      '--event',
      'user.created',
      '--retry',
      '0.2,0.2',
      '--data-dir',
      tempDir(),
    ]);
    expect(r.code, r.stderr).toBe(1);
    const attempts = r.stdout.split('\n').filter((l) => l.startsWith('attempt '));
    expect(attempts).toHaveLength(3);
    attempts.forEach((line, i) => expect(line).toMatch(new RegExp(`^attempt ${i + 1} +HTTP 500 +\\d+ ms`)));
    expect(attempts[0]).toMatch(/retry in 0\.\d s/);
    expect(attempts[2]).not.toMatch(/retry in/);
    expect(r.stdout).toMatch(/failed after 3 attempts \(last: HTTP 500\)/);
    expect(failing.calls.filter((c) => c.path === '/fail')).toHaveLength(3);
  });

  it('a 200 endpoint: exit 0; the generated secret printed verifies what was received', async () => {
    const r = await runCli([
      'send',
      '--url',
      `${ok.url}/ok`,
      '--scheme',
      'standard',
      '--event',
      'user.created',
      '--data-dir',
      tempDir(),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^attempt 1 +HTTP 200 +\d+ ms$/m);
    expect(r.stdout).toMatch(/delivered after 1 attempt \(HTTP 200\)/);
    const secret = /secret \(generated\): (\S+)/.exec(r.stdout)?.[1];
    expect(secret).toMatch(/^whsec_/);
    const call = ok.calls.find((c) => c.path === '/ok')!;
    const envelope = JSON.parse(call.body.toString()) as { type: string; data: Record<string, unknown> };
    expect(envelope.type).toBe('user.created');
    expect(Object.keys(envelope.data).length).toBeGreaterThan(0); // the catalog sample
    expect(getScheme('standard').verify({ headers: call.headers, body: call.body, secrets: [secret!] }).valid).toBe(
      true,
    );
  });

  it('--json: one object per attempt (NDJSON) and a summary; any event type works, with --data', async () => {
    const r = await runCli([
      'send',
      '--url',
      `${ok.url}/json`,
      '--scheme',
      'github',
      '--secret',
      'gh-secret',
      '--event',
      'invoice.disputed_late',
      '--data',
      '{"invoice":"in_1","amount":42}',
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      kind: 'attempt',
      attempt: 1,
      status: 200,
      errorClass: null,
      errorMessage: null,
      deliveryStatus: 'success',
    });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(lines[1]).toMatchObject({
      kind: 'summary',
      ok: true,
      status: 'success',
      attempts: 1,
      lastStatusCode: 200,
      eventType: 'invoice.disputed_late',
      scheme: 'github',
      secret: 'gh-secret',
      secretGenerated: false,
      url: `${ok.url}/json`,
    });
    const call = ok.calls.find((c) => c.path === '/json')!;
    expect(JSON.parse(call.body.toString())).toMatchObject({
      type: 'invoice.disputed_late',
      data: { invoice: 'in_1', amount: 42 },
    });
    expect(call.headers['x-github-event']).toBe('invoice.disputed_late');
    expect(getScheme('github').verify({ headers: call.headers, body: call.body, secrets: ['gh-secret'] }).valid).toBe(
      true,
    );
  });

  it('--json on failure: an attempt line per attempt and a failed summary, exit 1', async () => {
    const r = await runCli([
      'send',
      '--url',
      `${failing.url}/json-fail`,
      '--scheme',
      'standard',
      '--secret',
      SECRET,
      '--event',
      'user.created',
      '--retry',
      '0.1',
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    expect(r.code, r.stderr).toBe(1);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.kind)).toEqual(['attempt', 'attempt', 'summary']);
    expect(lines[0]).toMatchObject({ attempt: 1, status: 500, errorClass: 'http', deliveryStatus: 'retrying' });
    expect(lines[2]).toMatchObject({
      ok: false,
      status: 'failed',
      attempts: 2,
      lastStatusCode: 500,
      secretGenerated: false,
    });
  });

  it('a refused connection prints the error class and message (exit 1)', async () => {
    const r = await runCli([
      'send',
      '--url',
      'http://127.0.0.1:1/',
      '--scheme',
      'hmac-sha256',
      '--event',
      'user.created',
      '--retry',
      'none',
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^attempt 1 +refused +\d+ ms +connection refused/m);
  });

  it('keeps the database in --data-dir', async () => {
    const dir = tempDir();
    const r = await runCli([
      'send',
      '--url',
      `${ok.url}/dir`,
      '--scheme',
      'none',
      '--event',
      'user.created',
      '--data-dir',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'hookbench.db'))).toBe(true);
    expect(r.stdout).not.toContain('secret (generated)');
  });

  it('usage errors exit 2: bad --data JSON, non-object --data, unknown scheme, bad URL, bad secret, bad --retry, unknown option', async () => {
    const base = ['send', '--url', `${ok.url}/never`, '--event', 'user.created'];
    const cases: [string[], RegExp][] = [
      [[...base, '--scheme', 'standard', '--data', '{"a":'], /--data is not valid JSON/],
      [[...base, '--scheme', 'standard', '--data', '[1,2]'], /--data must be a JSON object/],
      [[...base, '--scheme', 'md5'], /'md5' is invalid/],
      [
        ['send', '--url', 'ftp://x', '--scheme', 'standard', '--event', 'user.created'],
        /--url: url must be http or https/,
      ],
      [
        [...base, '--scheme', 'standard', '--secret', 'plain'],
        /--secret: a Standard Webhooks secret starts with whsec_/,
      ],
      [[...base, '--scheme', 'standard', '--retry', 'sometimes'], /--retry/],
      [[...base, '--scheme', 'standard', '--timeout', '0'], /--timeout: timeout must be at least 1 s/],
      [
        ['send', '--url', `${ok.url}/never`, '--scheme', 'standard', '--event', 'NotAType'],
        /--event: an event type looks like category.action/,
      ],
      [['send', '--url', `${ok.url}/never`, '--scheme', 'standard'], /--event/],
      [[...base, '--scheme', 'standard', '--verbose'], /unknown option '--verbose'/],
    ];
    await Promise.all(
      cases.map(async ([args, message]) => {
        const r = await runCli(args);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
        expect(r.stderr, args.join(' ')).toMatch(message);
      }),
    );
    expect(ok.calls.filter((c) => c.path === '/never')).toHaveLength(0);
  });

  it('--help exits 0', async () => {
    const r = await runCli(['send', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: hookbench send');
    expect(r.stdout).toContain('--retry <policy>');
  });
});
