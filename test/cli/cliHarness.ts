/** Runs the real `hookbench` entry (bin/hookbench.mjs) as a child process. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/hookbench.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Child processes running at once (per test file). Each one starts tsx and the engine, so on a
 * busy machine a burst of them only makes every one slower; a few at a time finish sooner.
 */
const MAX_CONCURRENT = Number(process.env.HOOKBENCH_CLI_TEST_CONCURRENCY ?? 3);
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Generous per-test timeout for the CLI tests (process start-up is slow on a loaded machine). */
export const CLI_TEST_TIMEOUT_MS = 120_000;

/** Runs `hookbench <args>` to completion (killed after `timeoutMs`), feeding `input` on stdin. */
export function runCli(args: string[], opts: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<CliResult> {
  return slot(() => spawnCli(args, opts));
}

function spawnCli(args: string[], opts: { input?: string | Buffer; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hookbench ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    // A child that fails before reading stdin closes the pipe: not an error of the test.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** A long-running `hookbench` (listen): read its output as it comes, signal it, await its exit. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  private readonly exited: Promise<CliResult>;

  /** `hookbench <args>` from this checkout, or `command` (e.g. an installed `hookbench`) run in `cwd`. */
  constructor(args: string[], opts: { command?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    const [file, argv] = opts.command ? [opts.command, args] : [process.execPath, [BIN, ...args]];
    this.child = spawn(file, argv, { cwd: opts.cwd ?? ROOT, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8').on('data', (s: string) => (this.stdout += s));
    this.child.stderr.setEncoding('utf8').on('data', (s: string) => (this.stderr += s));
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => resolve({ code, signal, stdout: this.stdout, stderr: this.stderr }));
    });
  }

  /** Resolves with the first match of `pattern` in stdout once it appears. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.stdout.match(pattern);
      if (m) return m;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `no ${pattern} in output (exit ${this.child.exitCode})\nstdout: ${this.stdout}\nstderr: ${this.stderr}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stdout lines so far (complete lines only). */
  lines(): string[] {
    return this.stdout.split('\n').slice(0, -1);
  }

  async stop(signal: NodeJS.Signals = 'SIGINT', timeoutMs = 30_000): Promise<CliResult> {
    this.child.kill(signal);
    return this.exit(timeoutMs);
  }

  async exit(timeoutMs = 30_000): Promise<CliResult> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Every stdout line parsed as JSON. */
export const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** `Name: value` lines as header arguments for verify. */
export const headerArgs = (headers: Record<string, string>): string[] =>
  Object.entries(headers).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
