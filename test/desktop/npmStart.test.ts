/**
 * `npm start` where the Electron binary cannot be had (this machine, and any without access to
 * Electron's release server): a quiet build, the reason in words, the web host, the URL last.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { downloadProblem } from '../../scripts/start.mjs';
import { tempDir } from '../support/tmp';

const ROOT = join(__dirname, '../..');

describe('downloadProblem', () => {
  it.each([
    [
      'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13',
      'no network access to its release server, github.com',
    ],
    ['Error: getaddrinfo ENOTFOUND github.com', 'no network access to its release server, github.com'],
    ['HTTPError: Response code 404 (Not Found) status code 404', 'its release server answered HTTP 404'],
    [
      'Error: EACCES: permission denied, mkdir /root/.cache/electron',
      'Error: EACCES: permission denied, mkdir /root/.cache/electron',
    ],
    [
      'TypeError: x is not a function\n    at run (/app/node_modules/@electron/get/dist/index.js:412:13)',
      'TypeError: x is not a function',
    ],
    ['', 'the installer failed without saying why'],
  ])('%j → %s', (stderr, words) => {
    expect(downloadProblem(stderr)).toBe(words);
  });
});

describe('npm start without an Electron binary', () => {
  it('builds quietly, says why in words, starts the web host and ends with its URL', async () => {
    const { dir: dataDir, cleanup } = tempDir();
    // The web host runs from the command line's bundle: npm start builds it too (a fresh clone has none).
    const cliBefore = statSync(join(ROOT, 'out', 'cli', 'main.js')).mtimeMs;
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts/start.mjs'), '--port', '0', '--receiver-port', '0', '--data-dir', dataDir],
      { cwd: ROOT, env: { ...process.env, HOOKBENCH_NO_ELECTRON_DOWNLOAD: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let shown = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => {
          if (!/Open Hookbench in your browser: \S+\n/.test(out)) return;
          shown = out; // what a person sees before pressing Ctrl+C
          resolve();
        });
        child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      cleanup();
    }
    out = shown;
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Hookbench: building… done in [\d.]+ s\.$/);
    expect(out).toContain(
      'could not download the Electron binary (download skipped: HOOKBENCH_NO_ELECTRON_DOWNLOAD is set)',
    );
    expect(out).not.toMatch(/warning|annotation|rendering chunks|TypeError/i);
    expect(lines.length, out).toBeLessThanOrEqual(8);
    const url = /^Hookbench web host: (\S+)$/m.exec(out)![1]!;
    expect(lines.at(-1)).toBe(`Open Hookbench in your browser: ${url}`);
    expect(statSync(join(ROOT, 'out', 'cli', 'main.js')).mtimeMs, 'out/cli rebuilt by npm start').toBeGreaterThan(
      cliBefore,
    );
  }, 240_000);
});
