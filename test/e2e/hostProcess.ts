/** Starts `hookbench serve` on a fresh data dir, the way a person would, and reads its URL line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const URL_LINE = /Hookbench web host: (http:\/\/\S+)/;
const RECEIVER_LINE = /Receiver: (http:\/\/\S+)\/in\/<slug>/;

export interface HookbenchHost {
  /** The UI with the access token (`http://127.0.0.1:<port>/?token=…`). */
  url: string;
  origin: string;
  token: string;
  /** The local receiver (`http://127.0.0.1:<port>`). */
  receiverUrl: string | null;
  dataDir: string;
  /** The UI at a page: `at('#/deliveries')`. */
  at(hash: string): string;
  /** A REST call with the bearer token (for assertions on stored state); `data` is the result. */
  rest<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data: T; error?: { code: string; message: string } }>;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a host on `opts.dataDir` (kept), or on a fresh temp dir (removed by `stop`). */
export async function startHost(opts: { dataDir?: string } = {}): Promise<HookbenchHost> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hookbench-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin/hookbench.mjs'), 'serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));

  // Wait for the URL line and the receiver's line after it (listening or not).
  const waitForUrl = () =>
    new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`hookbench serve printed no URL within 30 s:\n${out}`)), 30_000);
      child.stdout!.on('data', () => {
        const m = URL_LINE.exec(out);
        if (!m || !/Receiver/.test(out.slice(m.index))) return;
        clearTimeout(timer);
        resolveUrl(m[1]!);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`hookbench serve exited with ${code}:\n${out}`));
      });
    });
  const url = await waitForUrl().catch((e: unknown) => {
    child.kill('SIGKILL');
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const origin = parsed.origin;

  return {
    url,
    origin,
    token,
    receiverUrl: RECEIVER_LINE.exec(out)?.[1] ?? null,
    dataDir,
    at: (hash) => `${url}${hash}`,
    async rest<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${origin}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as { data: T; error?: { code: string; message: string } };
      return { status: res.status, data: json.data, error: json.error };
    },
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(forced);
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
