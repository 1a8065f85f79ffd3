/** `hookbench listen --reject-invalid [status]` as a real child process, posted to over real HTTP. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { getScheme } from '../../src-main/engine/signing/registry';
import { CLI_TEST_TIMEOUT_MS, CliProcess, runCli } from './cliHarness';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"id":"evt_1","type":"user.created","data":{}}';

const signed = (secret: string) =>
  getScheme('standard').sign({
    id: 'msg_1',
    timestamp: Math.floor(Date.now() / 1000),
    eventType: 'user.created',
    body: Buffer.from(BODY),
    secrets: [secret],
  });

async function post(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, {
    method: 'POST',
    body: BODY,
    headers: { 'content-type': 'application/json', ...headers },
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

describe.concurrent('hookbench listen --reject-invalid', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-cli-reject-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function listening(extra: string[]) {
    const cli = new CliProcess([
      'listen',
      '--port',
      '0',
      '--scheme',
      'standard',
      '--secret',
      SECRET,
      '--data-dir',
      tempDir(),
      ...extra,
    ]);
    const m = await cli.waitFor(/Inbox default: (http:\/\/127\.0\.0\.1:\d+\/in\/default)/);
    return { cli, url: m[1]! };
  }

  it('answers 401 to a bad signature, prints it, and answers a good one by --status', async () => {
    const { cli, url } = await listening(['--reject-invalid', '--status', '202']);
    try {
      expect(cli.stdout).toContain('answers 202, rejects invalid signatures with 401');
      const bad = await post(url, signed('whsec_d3JvbmcgZ3Vlc3M='));
      expect(bad.status).toBe(401);
      expect(bad.json).toMatchObject({ error: 'invalid_signature', reason: 'bad_signature' });
      await cli.waitFor(/→ 401 {2}invalid: bad signature/);
      const good = await post(url, signed(SECRET));
      expect(good.status).toBe(202);
      await cli.waitFor(/→ 202 {2}valid \(standard\)/);
    } finally {
      const r = await cli.stop('SIGINT');
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('answers the status given after the flag', async () => {
    const { cli, url } = await listening(['--reject-invalid', '403']);
    try {
      expect((await post(url)).status).toBe(403);
      await cli.waitFor(/→ 403 {2}invalid: missing header/);
    } finally {
      await cli.stop('SIGINT');
    }
  });

  it('a status outside 400–599 is a usage error (exit 2) naming the option', async () => {
    const results = await Promise.all(
      ['200', '1000', 'x'].map((status) =>
        runCli(['listen', '--port', '0', '--reject-invalid', status, '--data-dir', tempDir()]),
      ),
    );
    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(results[0]!.stderr).toMatch(/--reject-invalid: the status for invalid signatures must be 400–599/);
    expect(results[1]!.stderr).toMatch(/--reject-invalid: the status for invalid signatures must be 400–599/);
    expect(results[2]!.stderr).toMatch(/--reject-invalid must be a whole number, got "x"/);
  });
});
