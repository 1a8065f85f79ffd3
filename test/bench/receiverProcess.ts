/**
 * Starts bareReceiver.ts in a child process (so its CPU is not charged to the sender's event
 * loop) and talks to it over IPC. Only ever listens on 127.0.0.1.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReceiverMessage, ReceiverReply, ReceiverStats } from './bareReceiver';

export interface ReceiverProcess {
  port: number;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  pid: number;
  /** Switch fail-once mode (and reset the child's counters); resolves with the counters before the reset. */
  setMode(mode: { failOnce: boolean }): Promise<ReceiverStats>;
  stats(): Promise<ReceiverStats>;
  /** Disconnects and kills the child; idempotent. */
  close(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const SCRIPT = fileURLToPath(new URL('./bareReceiver.ts', import.meta.url));

/**
 * `script`: another child speaking the same IPC (e.g. handrolledReceiver.ts), given `args`.
 */
export async function startReceiverProcess(
  opts: { timeoutMs?: number; script?: string; args?: string[] } = {},
): Promise<ReceiverProcess> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const child: ChildProcess = fork(opts.script ?? SCRIPT, opts.args ?? [], {
    // The child runs TypeScript through tsx's loader, whatever the parent was started with.
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  let exited = false;
  const exitedP = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const kill = async () => {
    if (exited) return;
    if (child.connected) child.disconnect();
    const t = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, 2_000);
    child.kill('SIGTERM');
    await exitedP;
    clearTimeout(t);
  };

  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`bare receiver did not report its port within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.on('message', (m: ReceiverReply) => {
      if (m.type === 'ready') {
        clearTimeout(t);
        resolve(m.port);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(t);
      reject(new Error(`bare receiver exited early (code ${code}, signal ${signal})`));
    });
    child.once('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  }).catch(async (e) => {
    await kill();
    throw e;
  });

  let nextId = 1;
  const ask = (m: WithoutId<ReceiverMessage>): Promise<ReceiverStats> =>
    new Promise((resolve, reject) => {
      if (exited || !child.connected) return reject(new Error('bare receiver is not running'));
      const id = nextId++;
      const onMessage = (r: ReceiverReply) => {
        if (r.type === 'ack' && r.id === id) {
          cleanup();
          resolve(r.stats);
        }
      };
      const t = setTimeout(() => {
        cleanup();
        reject(new Error(`bare receiver did not answer ${m.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(t);
        child.off('message', onMessage);
      };
      child.on('message', onMessage);
      child.send({ ...m, id } as ReceiverMessage);
    });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    setMode: (mode) => ask({ type: 'mode', failOnce: mode.failOnce }),
    stats: () => ask({ type: 'stats' }),
    close: kill,
  };
}
