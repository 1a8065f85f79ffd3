import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { restRequest } from '../api/transportClients';
import { tempDir } from '../support/tmp';

const BIN = fileURLToPath(new URL('../../bin/hookbench.mjs', import.meta.url));
const URL_LINE = /^Hookbench web host: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)$/m;

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function waitForLine(r: Running, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(r.stdout());
    if (m) return m;
    if (r.child.exitCode !== null) throw new Error(`exited ${r.child.exitCode}: ${r.stderr()}`);
    if (Date.now() > deadline)
      throw new Error(`no line matching ${pattern} in ${timeoutMs} ms; stdout: ${r.stdout()} stderr: ${r.stderr()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('hookbench serve', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('prints the URL line with a token, serves REST with it, and exits 0 on SIGINT', async () => {
    const data = tempDir('hookbench-serve-');
    cleanups.push(data.cleanup);
    const r = run(['serve', '--port', '0', '--data-dir', data.dir, '--receiver-port', '0']);
    cleanups.push(() => void r.child.kill('SIGKILL'));
    const m = await waitForLine(r, URL_LINE);
    const [, origin, , token] = m;
    expect(r.stdout()).toMatch(/^Receiver: http:\/\/127\.0\.0\.1:\d+\/in\/<slug>$/m);

    const created = await restRequest(origin!, 'POST', '/api/v1/webhooks', {
      token,
      body: { url: 'http://127.0.0.1:9/hook', subscriptions: ['user.*'], name: 'from the test' },
    });
    expect(created.status).toBe(201);
    const list = await restRequest(origin!, 'GET', '/api/v1/webhooks', { token });
    expect(list.status).toBe(200);
    expect((list.body as { data: { name: string }[] }).data.map((w) => w.name)).toContain('from the test');
    expect((await restRequest(origin!, 'GET', '/api/v1/webhooks', { token: 'wrong' })).status).toBe(401);

    r.child.kill('SIGINT');
    const exit = await r.exit;
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('keeps the data: a second launch sees what the first stored, with a new token', async () => {
    const data = tempDir('hookbench-serve-');
    cleanups.push(data.cleanup);
    const first = run(['serve', '--port', '0', '--data-dir', data.dir, '--receiver-port', '0']);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const [, origin1, , token1] = await waitForLine(first, URL_LINE);
    await restRequest(origin1!, 'POST', '/api/v1/workspaces', { token: token1, body: { name: 'kept' } });
    first.child.kill('SIGTERM');
    expect((await first.exit).code).toBe(0);

    const second = run(['serve', '--port', '0', '--data-dir', data.dir, '--receiver-port', '0']);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    const [, origin2, , token2] = await waitForLine(second, URL_LINE);
    expect(token2).not.toBe(token1);
    const list = await restRequest(origin2!, 'GET', '/api/v1/workspaces', { token: token2 });
    expect((list.body as { data: { name: string }[] }).data.map((w) => w.name)).toContain('kept');
    second.child.kill('SIGINT');
    expect((await second.exit).code).toBe(0);
  });

  it('exits 2 on a bad port and 1 when the port is taken', async () => {
    const data = tempDir('hookbench-serve-');
    cleanups.push(data.cleanup);
    const bad = run(['serve', '--port', 'http', '--data-dir', data.dir]);
    expect((await bad.exit).code).toBe(2);
    expect(bad.stderr()).toMatch(/--port/);

    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', () => res()));
    cleanups.push(() => new Promise<void>((res) => blocker.close(() => res())));
    const port = (blocker.address() as { port: number }).port;
    const taken = run(['serve', '--port', String(port), '--data-dir', data.dir, '--receiver-port', '0']);
    cleanups.push(() => void taken.child.kill('SIGKILL'));
    expect((await taken.exit).code).toBe(1);
    expect(taken.stderr()).toContain(`port ${port}`);
  });
});
