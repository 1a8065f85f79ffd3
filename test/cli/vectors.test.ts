import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SigningVectorFile } from '../../src-main/api/signingVectors';
import { tempDir } from '../support/tmp';
import { CLI_TEST_TIMEOUT_MS, ROOT, runCli } from './cliHarness';

const FILE_PATH = join(ROOT, 'vectors', 'signing-vectors.json');
const FILE = JSON.parse(readFileSync(FILE_PATH, 'utf8')) as SigningVectorFile;
const tmp = tempDir('hookbench-vectors-');
afterAll(tmp.cleanup);

/** The committed file with `change` applied, written to the temp dir. */
function variant(name: string, change: (file: SigningVectorFile) => unknown): string {
  const file = structuredClone(FILE);
  const written = change(file) ?? file;
  const path = join(tmp.dir, name);
  writeFileSync(path, typeof written === 'string' ? written : JSON.stringify(written, null, 2));
  return path;
}

describe.concurrent('hookbench vectors / verify --vectors', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('vectors prints the published file as JSON; --scheme keeps that scheme only', async () => {
    const [all, stripe] = await Promise.all([runCli(['vectors']), runCli(['vectors', '--scheme', 'stripe'])]);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual(FILE);
    expect(stripe.code).toBe(0);
    expect(JSON.parse(stripe.stdout)).toEqual({ ...FILE, vectors: FILE.vectors.filter((v) => v.scheme === 'stripe') });
  });

  it('verify --vectors on the committed file: every vector passes, exit 0', async () => {
    const r = await runCli(['verify', '--vectors', FILE_PATH]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pass {2}standard\/valid +valid$/m);
    expect(r.stdout).toMatch(/^pass {2}stripe\/stale +invalid \(stale timestamp\)$/m);
    expect(r.stdout).toContain(`${FILE.vectors.length} vectors: Hookbench agrees with every one`);
    expect(r.stdout).not.toContain('FAIL');
  });

  it('a file saved with a byte-order mark reads the same', async () => {
    const bom = variant('bom.json', (file) => `\uFEFF${JSON.stringify(file)}`);
    const r = await runCli(['verify', '--vectors', bom]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('reads the vectors from stdin with -, as `hookbench vectors` prints them', async () => {
    const printed = await runCli(['vectors', '--scheme', 'slack']);
    const r = await runCli(['verify', '--vectors', '-', '--json'], { input: printed.stdout });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { total: number; failed: number; results: { scheme: string }[] };
    expect(report.failed).toBe(0);
    expect(report.total).toBe(FILE.vectors.filter((v) => v.scheme === 'slack').length);
    expect(new Set(report.results.map((x) => x.scheme))).toEqual(new Set(['slack']));
  });

  it('one vector whose expectation is flipped: exit 1, naming that vector and what was expected and found', async () => {
    const path = variant('flipped.json', (file) => {
      const v = file.vectors.find((x) => x.name === 'github/wrong-secret')!;
      v.valid = true;
      delete v.reason;
    });
    const [human, json] = await Promise.all([
      runCli(['verify', '--vectors', path]),
      runCli(['verify', '--vectors', path, '--json']),
    ]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(
      /^FAIL {2}github\/wrong-secret +expected valid, got invalid \(bad signature\): signature does not match/m,
    );
    expect(human.stdout).toContain(`1 of ${FILE.vectors.length} vectors disagree: github/wrong-secret`);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { failed: number; results: { name: string; pass: boolean }[] };
    expect(report.failed).toBe(1);
    expect(report.results.filter((x) => !x.pass).map((x) => x.name)).toEqual(['github/wrong-secret']);
  });

  it('a file that is not a vectors file: exit 2 naming the file and the field', async () => {
    const badScheme = variant('bad-scheme.json', (file) => {
      (file.vectors[3] as { scheme: string }).scheme = 'foo';
    });
    const noReason = variant('no-reason.json', (file) => {
      delete file.vectors.find((v) => !v.valid)!.reason;
    });
    const notJson = variant('not-json.json', () => '{"version": 1, "vectors": [');
    const [scheme, reason, json, missing] = await Promise.all([
      runCli(['verify', '--vectors', badScheme]),
      runCli(['verify', '--vectors', noReason]),
      runCli(['verify', '--vectors', notJson]),
      runCli(['verify', '--vectors', join(tmp.dir, 'absent.json')]),
    ]);
    expect(scheme.code).toBe(2);
    expect(scheme.stdout).toBe('');
    expect(scheme.stderr).toContain(`--vectors ${badScheme}: vectors[3].scheme: unknown scheme "foo"`);
    expect(reason.code).toBe(2);
    expect(reason.stderr).toMatch(/no-reason\.json: vectors\[\d+\]\.reason: an invalid vector names its reason/);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain(`--vectors ${notJson}: not JSON`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('absent.json: no such file');
  });

  it('--vectors with options that describe one request is a usage error (exit 2)', async () => {
    const r = await runCli(['verify', '--vectors', FILE_PATH, '--scheme', 'stripe', '--body', '{}']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--vectors checks a whole file; it cannot be combined with --scheme, --body');
  });
});
