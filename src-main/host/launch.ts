/**
 * Opening a data directory and serving it: the Workbench plus the web host, as `npm run web`
 * and `hookbench serve` run it, and the lines they print.
 */
import { mkdirSync } from 'node:fs';
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
}

export interface Launched {
  workbench: Workbench;
  host: WebHost;
  /** Closes the host, then the Workbench. */
  close(): Promise<void>;
}

export async function launchWebHost(opts: LaunchOptions): Promise<Launched> {
  mkdirSync(opts.dataDir, { recursive: true });
  const workbench = await Workbench.open({
    dataDir: opts.dataDir,
    receiver: opts.receiverPort === undefined ? {} : { port: opts.receiverPort },
  });
  let host: WebHost;
  try {
    host = await startWebHost({ workbench, port: opts.port, staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR, token: opts.token });
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

export function receiverLine(status: ReceiverStatus & { error: string | null }): string {
  if (status.listening && status.url) return `Receiver: ${status.url}/in/<slug>`;
  return `Receiver not running: ${status.error ?? 'not started'}`;
}

/**
 * Resolves on the first SIGINT or SIGTERM. A second signal while shutting down exits at once
 * (call the returned `release` when shutdown is done).
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
  });
  return { signal, release: () => release() };
}
