/**
 * The data directory on the command line, with real `hookbench` processes: one process per data
 * directory, private file modes, a damaged database refused unchanged by every command that opens
 * one, and one clear line (never a raw errno or a stack) with the right exit code.
 */
import { createServer, type Server } from 'node:net';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restRequest } from '../api/transportClients';
import { tempDir } from '../support/tmp';
import { CLI_TEST_TIMEOUT_MS, CliProcess, runCli, type CliResult } from './cliHarness';

const URL_LINE = /^Hookbench web host: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)$/m;
const RAW = /\bE[A-Z]{3,}\b|\n\s+at /; // an errno code (EEXIST, EADDRNOTAVAIL, …) or a stack frame

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dataDir(): string {
  const d = tempDir('hookbench-cli-data-');
  cleanups.push(d.cleanup);
  return d.dir;
}

function serve(dir: string, ...extra: string[]): CliProcess {
  const p = new CliProcess([
    'serve',
    '--port',
    '0',
    '--data-dir',
    dir,
    ...(extra.length ? extra : ['--receiver-port', '0']),
  ]);
  cleanups.push(() => void p.child.kill('SIGKILL'));
  return p;
}

function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  cleanups.push(() => new Promise<void>((res) => server.close(() => res())));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })),
  );
}

const mode = (path: string) => statSync(path).mode & 0o777;
const output = (r: CliResult) => `${r.stdout}${r.stderr}`;

describe('hookbench and its data directory', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('refuses a second serve (and an export) on a data directory in use, naming the first; the first keeps serving with private files', async () => {
    const dir = dataDir();
    const first = serve(dir);
    const [, origin, token] = await first.waitFor(URL_LINE);

    const second = await runCli(['serve', '--port', '0', '--data-dir', dir, '--receiver-port', '0']);
    expect(second.code).toBe(2);
    expect(second.stdout).not.toMatch(URL_LINE);
    expect(second.stderr).toContain(
      `error: the data directory ${dir} is in use by hookbench serve (pid ${first.child.pid}`,
    );
    expect(second.stderr.trim().split('\n')).toHaveLength(1);

    const exported = await runCli(['export', '--format', 'ndjson', '--data-dir', dir]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain(`(pid ${first.child.pid}`);

    const created = await restRequest(origin!, 'POST', '/api/v1/workspaces', { token, body: { name: 'still here' } });
    expect(created.status).toBe(201);
    if (process.platform !== 'win32') {
      expect(mode(dir)).toBe(0o700);
      for (const f of ['hookbench.db', 'hookbench.db-wal', 'hookbench.db-shm', 'hookbench.key'])
        expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    }
    expect((await first.stop('SIGINT')).code).toBe(0);
  });

  it('takes over the data directory of a serve that was SIGKILLed', async () => {
    const dir = dataDir();
    const killed = serve(dir);
    await killed.waitFor(URL_LINE);
    killed.child.kill('SIGKILL');
    await killed.exit();

    const next = serve(dir);
    await next.waitFor(URL_LINE);
    expect((await next.stop('SIGINT')).code).toBe(0);
  });

  it('serve --data-dir <a file>: one line naming --data-dir, exit 2, no EEXIST', async () => {
    const file = join(dataDir(), 'a-file');
    writeFileSync(file, 'x');
    const r = await runCli(['serve', '--port', '0', '--data-dir', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: --data-dir: the data directory ${file} is a file, not a directory`);
    expect(output(r)).not.toMatch(RAW);
  });

  it('listen --host 8.8.8.8: the reason once, naming --host, exit 2, no raw EADDRNOTAVAIL line', async () => {
    const r = await runCli(['listen', '--host', '8.8.8.8', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --host: cannot listen on host 8\.8\.8\.8/m);
    expect(output(r)).not.toMatch(RAW);
  });

  it('serve --receiver-port <in use>: keeps serving and says to choose another --receiver-port, without a stack trace', async () => {
    const { port } = await listenOnFreePort();
    const p = serve(dataDir(), '--receiver-port', String(port));
    await p.waitFor(URL_LINE);
    const line = (await p.waitFor(/^Receiver not running: .*$/m))[0];
    expect(line).toContain(`port ${port}`);
    expect(line).toContain('--receiver-port');
    expect(line).not.toMatch(/--port\b/);
    const done = await p.stop('SIGINT');
    expect(done.code).toBe(0);
    expect(output(done)).not.toMatch(RAW);
  });

  describe('a hookbench.db that is not a Hookbench database', () => {
    const damaged: [string, Buffer][] = [
      ['truncated to 1 byte', Buffer.from('S')],
      ['garbage', Buffer.alloc(4096, 'garbage ')],
    ];
    const commands: [string, (dir: string) => string[]][] = [
      ['serve', (dir) => ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dir]],
      ['export', (dir) => ['export', '--format', 'ndjson', '--data-dir', dir]],
      ['listen --data-dir', (dir) => ['listen', '--port', '0', '--data-dir', dir]],
    ];
    for (const [what, bytes] of damaged) {
      for (const [name, args] of commands) {
        it(`${name} refuses one ${what}, naming the file, exit 2, and changes nothing on disk`, async () => {
          const dir = dataDir();
          const db = join(dir, 'hookbench.db');
          writeFileSync(db, bytes);
          const r = await runCli(args(dir), { timeoutMs: 60_000 });
          expect(r.code).toBe(2);
          expect(r.stderr).toContain(`error: ${db} is not a valid Hookbench database`);
          expect(output(r)).not.toMatch(RAW);
          expect(readdirSync(dir)).toEqual(['hookbench.db']); // no fresh database files, no key, no lock
          expect(readFileSync(db).equals(bytes)).toBe(true);
        });
      }
    }
  });
});
