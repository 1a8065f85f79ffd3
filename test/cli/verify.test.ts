import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import type { ReceivedRequest } from '../../src-main/api/receiverTypes';
import { getScheme } from '../../src-main/engine/signing/registry';
import { openDiffFixture, type DiffFixture } from '../engine/diffFixture';
import { CLI_TEST_TIMEOUT_MS, headerArgs, runCli } from './cliHarness';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const WRONG = 'whsec_d3JvbmcgZ3Vlc3M=';
const OTHER = 'whsec_YW5vdGhlciBvbmU=';
const BODY = '{"id":"evt_1","type":"user.created","data":{}}';

const now = () => Math.floor(Date.now() / 1000);
const signStandard = (body: string | Buffer, timestamp = now(), secrets = [SECRET]) =>
  getScheme('standard').sign({
    id: 'msg_verify',
    timestamp,
    eventType: 'user.created',
    body: Buffer.from(body),
    secrets,
  });

describe.concurrent('hookbench verify', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('round trip: sign --json headers fed into verify are valid (exit 0)', async () => {
    const signed = await runCli(['sign', '--scheme', 'standard', '--secret', SECRET, '--body', BODY, '--json']);
    expect(signed.code).toBe(0);
    const { headers } = JSON.parse(signed.stdout) as { headers: Record<string, string> };
    const [auto, fixed] = await Promise.all([
      runCli(['verify', '--scheme', 'auto', '--secret', SECRET, ...headerArgs(headers), '--body', BODY]),
      runCli(['verify', '--scheme', 'standard', '--secret', SECRET, ...headerArgs(headers), '--body', BODY, '--json']),
    ]);
    expect(auto.code).toBe(0);
    expect(auto.stdout).toMatch(/^valid \(standard\): signature matches secret #1/);
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({
      valid: true,
      scheme: 'standard',
      reason: null,
      message: null,
      expected: [],
      received: [],
      secretIndex: 0,
    });
  });

  it('a wrong secret: exit 1 with the reason and expected vs received, labelled by secret', async () => {
    const headers = signStandard(BODY);
    const r = await runCli([
      'verify',
      '--scheme',
      'auto',
      '--secret',
      WRONG,
      '--secret',
      OTHER,
      ...headerArgs(headers),
      '--body',
      BODY,
    ]);
    expect(r.code).toBe(1);
    const expected = [WRONG, OTHER].map(
      (s) => signStandard(BODY, Number(headers['webhook-timestamp']), [s])['webhook-signature'],
    );
    expect(r.stdout).toContain('invalid (standard): bad signature');
    expect(r.stdout).toContain('signature does not match any of 2 secrets');
    expect(r.stdout).toMatch(new RegExp(`expected \\(secret #1\\): +${escape(expected[0]!)}`));
    expect(r.stdout).toMatch(new RegExp(`expected \\(secret #2\\): +${escape(expected[1]!)}`));
    expect(r.stdout).toMatch(new RegExp(`received: +${escape(headers['webhook-signature']!)}`));
  });

  it('--json gives the full result shape; the matching secret index on success', async () => {
    const headers = signStandard(BODY);
    const [bad, good] = await Promise.all([
      runCli(['verify', '--scheme', 'standard', '--secret', WRONG, ...headerArgs(headers), '--body', BODY, '--json']),
      runCli([
        'verify',
        '--scheme',
        'standard',
        '--secret',
        WRONG,
        '--secret',
        SECRET,
        ...headerArgs(headers),
        '--body',
        BODY,
        '--json',
      ]),
    ]);
    expect(bad.code).toBe(1);
    const result = JSON.parse(bad.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'valid',
        'scheme',
        'reason',
        'message',
        'expected',
        'received',
        'skewSec',
        'secretIndex',
      ]),
    );
    expect(result).toMatchObject({
      valid: false,
      scheme: 'standard',
      reason: 'bad_signature',
      message: 'signature does not match any of 1 secret',
      received: [headers['webhook-signature']],
      secretIndex: null,
    });
    expect(result.expected).toHaveLength(1);
    expect(typeof result.skewSec).toBe('number');
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ valid: true, secretIndex: 1 });
  });

  it('a stale timestamp (with --now and --tolerance) is exit 1 with the reason', async () => {
    const headers = signStandard(BODY, 1_700_000_000);
    const [stale, tolerated] = await Promise.all([
      runCli([
        'verify',
        '--scheme',
        'standard',
        '--secret',
        SECRET,
        ...headerArgs(headers),
        '--body',
        BODY,
        '--now',
        '1700000412',
        '--json',
      ]),
      runCli([
        'verify',
        '--scheme',
        'standard',
        '--secret',
        SECRET,
        ...headerArgs(headers),
        '--body',
        BODY,
        '--now',
        '1700000412',
        '--tolerance',
        '600',
      ]),
    ]);
    expect(stale.code).toBe(1);
    expect(JSON.parse(stale.stdout)).toMatchObject({
      valid: false,
      reason: 'stale',
      message: 'timestamp 412 s old, tolerance 300 s',
      skewSec: 412,
    });
    expect(tolerated.code).toBe(0);
  });

  it('a missing signature header is exit 1 saying what was looked for', async () => {
    const r = await runCli([
      'verify',
      '--scheme',
      'stripe',
      '--secret',
      'whsec_x',
      '--header',
      'Content-Type: application/json',
      '--body',
      BODY,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('invalid (stripe): missing header');
    expect(r.stdout).toContain('missing Stripe-Signature header');
  });

  it('bodies are bytes: --body-file and --body-file - verify binary bodies unchanged', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0x7b]);
    const headers = getScheme('github').sign({
      id: 'd1',
      timestamp: now(),
      eventType: 'push',
      body: bytes,
      secrets: ['gh'],
    });
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-cli-'));
    try {
      const file = join(dir, 'body.bin');
      writeFileSync(file, bytes);
      const [fromFile, fromStdin, changed] = await Promise.all([
        runCli(['verify', '--scheme', 'github', '--secret', 'gh', ...headerArgs(headers), '--body-file', file]),
        runCli(['verify', '--scheme', 'auto', '--secret', 'gh', ...headerArgs(headers), '--body-file', '-'], {
          input: bytes,
        }),
        runCli(['verify', '--scheme', 'auto', '--secret', 'gh', ...headerArgs(headers), '--body-file', '-'], {
          input: Buffer.concat([bytes, Buffer.from(' ')]),
        }),
      ]);
      expect(fromFile.code).toBe(0);
      expect(fromStdin.code).toBe(0);
      expect(fromStdin.stdout).toContain('valid (github)');
      expect(changed.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a value with colons and repeated headers are read as sent', async () => {
    const body = 'payload=1';
    const ts = now();
    const headers = getScheme('slack').sign({
      id: 'x',
      timestamp: ts,
      eventType: 'x',
      body: Buffer.from(body),
      secrets: ['slack-secret'],
    });
    const r = await runCli([
      'verify',
      '--scheme',
      'auto',
      '--secret',
      'slack-secret',
      ...headerArgs(headers),
      '--header',
      'X-Note: a:b:c',
      '--body',
      body,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid (slack)');
  });

  it('usage errors exit 2: missing body, malformed header, unknown scheme, missing secret, unknown option', async () => {
    const cases: [string[], RegExp][] = [
      [['verify', '--scheme', 'auto', '--secret', SECRET, '--header', 'webhook-id: 1'], /--body/],
      [
        ['verify', '--scheme', 'auto', '--secret', SECRET, '--header', 'no colon here', '--body', BODY],
        /a header is "Name: value"/,
      ],
      [['verify', '--scheme', 'svix', '--secret', SECRET, '--body', BODY], /'svix' is invalid/],
      [['verify', '--scheme', 'standard', '--body', BODY], /--secret is required/],
      [['verify', '--scheme', 'standard', '--secret', SECRET, '--body', BODY, '--strict'], /unknown option '--strict'/],
      [['verify', '--scheme', 'standard', '--secret', SECRET, '--body', BODY, '--tolerance', '-5'], /--tolerance/],
    ];
    await Promise.all(
      cases.map(async ([args, message]) => {
        const r = await runCli(args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr, args.join(' ')).toMatch(message);
        expect(r.stdout, args.join(' ')).toBe('');
      }),
    );
  });

  it('--help exits 0', async () => {
    const r = await runCli(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: hookbench verify');
    expect(r.stdout).toContain('--tolerance <sec>');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Not concurrent: each run takes the data directory's exclusive lock.
describe('hookbench verify --explain-against', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let f: DiffFixture;
  let stored: ReceivedRequest;
  let signedHeaders: Record<string, string>;
  const body = '{"id":"evt_1","type":"invoice.paid","data":{"amount":4900}}';
  beforeAll(async () => {
    f = await openDiffFixture();
    const inbox = await dispatch(f.wb, 'inboxes.create', { name: 'cli explain', scheme: 'standard' });
    signedHeaders = getScheme('standard').sign({
      id: 'msg_explain',
      timestamp: now(),
      eventType: 'invoice.paid',
      body: Buffer.from(body),
      secrets: inbox.secrets,
    });
    stored = await f.send(inbox, [['Content-Type', 'application/json'], ...Object.entries(signedHeaders)], body);
    expect(stored.valid).toBe(true);
    await f.wb.close(); // the CLI takes the data directory's lock
  }, 60_000);
  afterAll(() => f.close());

  it("a re-serialised body: invalid with the inbox's scheme and secret, and the explanation against the stored request", async () => {
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    const r = await runCli([
      'verify',
      '--explain-against',
      stored.id,
      '--data-dir',
      f.wb.dataDir,
      ...headerArgs(signedHeaders),
      '--body',
      pretty,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('invalid (standard): bad signature');
    expect(r.stdout).toContain(`compared with request ${stored.id} (inbox cli explain):`);
    expect(r.stdout).toMatch(
      /✗ the body was re-serialised \(whitespace changed: compact → 2 spaces\), values equal — the signature covers the raw bytes/,
    );
  });

  it('a changed timestamp header, as JSON', async () => {
    const headers = { ...signedHeaders, 'webhook-timestamp': String(Number(signedHeaders['webhook-timestamp']) - 30) };
    const r = await runCli([
      'verify',
      '--scheme',
      'standard',
      '--explain-against',
      stored.id,
      '--data-dir',
      f.wb.dataDir,
      ...headerArgs(headers),
      '--body',
      body,
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      valid: boolean;
      reason: string;
      explanation: { source: string; explanations: { kind: string; level: string }[] };
    };
    expect(out).toMatchObject({ valid: false, reason: 'bad_signature', explanation: { source: 'given' } });
    expect(out.explanation.explanations.filter((e) => e.level === 'cause').map((e) => e.kind)).toEqual([
      'timestamp_changed',
    ]);
  });

  it('the same request again is valid (exit 0): nothing broke', async () => {
    const r = await runCli([
      'verify',
      '--explain-against',
      stored.id,
      '--data-dir',
      f.wb.dataDir,
      ...headerArgs(signedHeaders),
      '--body',
      body,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('· the given request verified (standard): nothing broke its signature');
  });

  it('an unknown request or no --scheme without --explain-against is a usage error (exit 2)', async () => {
    const missing = await runCli([
      'verify',
      '--explain-against',
      'req_does_not_exist',
      '--data-dir',
      f.wb.dataDir,
      '--body',
      body,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--explain-against: request req_does_not_exist does not exist');
    const noScheme = await runCli(['verify', '--secret', SECRET, '--body', body]);
    expect(noScheme.code).toBe(2);
    expect(noScheme.stderr).toContain('--scheme is required');
  });
});
