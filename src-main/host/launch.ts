/**
 * Opening a data directory and serving it: the Workbench plus the web host, as `npm run web`
 * and `hookbench serve` run it, and the lines they print.
 */
import { fileURLToPath } from 'node:url';
import type { ReceiverStatus } from '../api/receiverTypes';
import { Workbench } from '../engine/workbench';
import { startWebHost, type WebHost } from './webHost';

/** The built renderer of this checkout (`out/renderer` at the repository root). */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface LaunchOptions {
  dataDir: string;
  port: number;
  /** Override the receiver's port from settings (0 = any free port). */
  receiverPort?: number;
  staticDir?: string;
  token?: string;
  /** What this process is, named to a second process refused the data directory. */
  lockOwner?: string;
  /** Where the engine logs. Default console. */
  log?: Pick<Console, 'warn' | 'error'>;
  /**
   * Runs on the opened Workbench before the host serves anything (e.g. `serve --config` applying
   * its file), so no page or REST call sees, or writes into, a half-prepared workspace. If it
   * throws, the Workbench is closed and nothing is served.
   */
  prepare?: (workbench: Workbench) => Promise<void>;
}

export interface Launched {
  workbench: Workbench;
  host: WebHost;
  /** Closes the host, then the Workbench. */
  close(): Promise<void>;
}

/** Opens the data directory (created 0700 if missing; refused if another process has it open) and serves it. */
export async function launchWebHost(opts: LaunchOptions): Promise<Launched> {
  const workbench = await Workbench.open({
    dataDir: opts.dataDir,
    receiver: opts.receiverPort === undefined ? {} : { port: opts.receiverPort },
    lockOwner: opts.lockOwner,
    log: opts.log,
  });
  let host: WebHost;
  try {
    await opts.prepare?.(workbench);
    host = await startWebHost({
      workbench,
      port: opts.port,
      staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
      token: opts.token,
    });
  } catch (e) {
    await workbench.close().catch(() => {});
    throw e;
  }
  return {
    workbench,
    host,
    async close() {
      await host.close();
      await workbench.close();
    },
  };
}

/** The one line a person (or a test) reads to find the UI: it carries the token. */
export function webHostLine(host: WebHost): string {
  return `Hookbench web host: ${host.url}`;
}

/**
 * Where the receiver listens, or why it does not and what to do about it in this command's own
 * words: `portFlag` is the option that sets the receiver's port here (`--port` is the web host's).
 */
export function receiverLine(status: ReceiverStatus & { error: string | null }, portFlag = '--receiver-port'): string {
  if (status.listening && status.url) return `Receiver: ${status.url}/in/<slug>`;
  if (!status.error) return 'Receiver not running: not started';
  // The engine's own advice (after " — ") names `hookbench listen`'s flags; ours replaces it.
  const reason = status.error.split(' — ')[0]!.replace(/[.;]\s*$/, '');
  return `Receiver not running: ${reason}. The web UI works without it; choose another receiver port with ${portFlag} <port> (0 = any free port), or in Settings.`;
}

/**
 * The engine's log for a terminal: one line per message, an error as its message (never a stack).
 * A failed listen is left out: it is reported as a value (the receiver's status, the command's
 * error), and the server's own error event would say it a second time.
 */
export function lineLog(write: (line: string) => void): Pick<Console, 'warn' | 'error'> {
  const line = (args: unknown[]) => {
    if (args.some((a) => a instanceof Error && (a as NodeJS.ErrnoException).syscall === 'listen')) return;
    write(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  };
  return { warn: (...args: unknown[]) => line(args), error: (...args: unknown[]) => line(args) };
}

/**
 * Resolves on the first SIGINT or SIGTERM. A second signal while shutting down exits at once.
 * Call the returned `release` when shutdown is done — or when the process ends for another
 * reason first: then no signal is awaited any more (`signal` stays pending).
 */
export function untilSignal(): { signal: Promise<NodeJS.Signals>; release: () => void } {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  let release = () => {};
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    const force = () => process.exit(130);
    const first = (sig: NodeJS.Signals) => {
      for (const s of signals) process.off(s, first);
      for (const s of signals) process.once(s, force);
      release = () => {
        for (const s of signals) process.off(s, force);
      };
      resolve(sig);
    };
    for (const s of signals) process.on(s, first);
    release = () => {
      for (const s of signals) process.off(s, first);
    };
  });
  return { signal, release: () => release() };
}
