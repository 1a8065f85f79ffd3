/**
 * Crashes: a real Hookbench process SIGKILLed mid-burst, its data dir opened again afterwards.
 * The receiver answers only what it has committed, so every request answered 2xx is stored; the
 * sender's delivery rows are durable before any request, so nothing fired is lost — what was in
 * flight goes again (a duplicate the receiver can count), never missing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { openSender } from '../../src-main/engine/sender';
import { recountRollups } from '../../src-main/engine/store/rollupTally';
import { openStore } from '../../src-main/engine/store/store';
import type { CrashChildConfig, CrashChildMessage } from '../support/crashChild';
import { eventually } from '../support/scriptedServer';
import { tempDir } from '../support/tmp';

const CHILD = fileURLToPath(new URL('../support/crashChild.ts', import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function startChild(
  config: CrashChildConfig,
  onMessage: (m: CrashChildMessage) => void = () => {},
): Promise<{ child: ChildProcess; port: number; exited: Promise<void> }> {
  const child = fork(CHILD, [JSON.stringify(config)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: CrashChildMessage) => {
      if (m.type === 'ready') resolve({ child, port: m.port, exited });
      else if (m.type === 'failed') reject(new Error(m.message));
      onMessage(m);
    });
    child.once('exit', (code, signal) => reject(new Error(`the child exited before it was ready (${code ?? signal})`)));
  });
}

function dataDir(): string {
  const { dir, cleanup } = tempDir('hookbench-crash-');
  cleanups.push(cleanup);
  return dir;
}

/** Stores written by a killed process still pass SQLite's own check, and the statistics still add up. */
function expectSound(dbFile: string): void {
  const store = openStore(dbFile);
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    const snapshot = () =>
      ['delivery_rollup', 'delivery_rollup_day', 'duration_rollup'].map((t) =>
        store.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4`).all(),
      );
    const tallied = snapshot();
    recountRollups(store.db);
    expect(tallied).toEqual(snapshot());
  } finally {
    store.close();
  }
}

describe('a receiver killed mid-burst', () => {
  it.each([40, 150, 400])('has stored every request it answered 2xx (killed after %i answers)', async (killAfter) => {
    const dbFile = join(dataDir(), 'hookbench.db');
    const { child, port, exited } = await startChild({ mode: 'receiver', dbFile });
    const agent = new Agent({ connections: 20 });
    cleanups.push(() => agent.destroy());
    const answered: string[] = [];
    let next = 0;
    const total = killAfter * 3;
    const worker = async () => {
      while (next < total) {
        const id = `msg_crash_${next++}`;
        try {
          const res = await request(`http://127.0.0.1:${port}/in/crash`, {
            method: 'POST',
            headers: { 'webhook-id': id },
            body: `{"id":"${id}"}`,
            dispatcher: agent,
          });
          await res.body.text();
          if (res.statusCode === 200) answered.push(id);
          if (answered.length === killAfter && child.exitCode === null) child.kill('SIGKILL');
        } catch {
          // the process is gone: no answer, so nothing is owed
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    await exited;
    expect(answered.length).toBeGreaterThanOrEqual(killAfter);
    expect(answered.length).toBeLessThan(total); // it really died mid-burst

    const store = openStore(dbFile);
    const stored = new Set(
      store.db.prepare(`SELECT dedupe_key FROM requests WHERE response_status = 200`).pluck().all() as string[],
    );
    store.close();
    expect(answered.filter((id) => !stored.has(id))).toEqual([]);
    expectSound(dbFile);
  });
});

describe('a sender killed mid-burst', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it.each([30, 120, 300])(
    'loses no fired event and counts what it sent twice (killed after %i requests)',
    async (killAfter) => {
      const arrivals = new Map<string, number>();
      let child: ChildProcess | undefined;
      server = createServer((req, res) => {
        const id = String(req.headers['webhook-id']);
        arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
        const total = [...arrivals.values()].reduce((a, b) => a + b, 0);
        if (total === killAfter && child?.exitCode === null) child.kill('SIGKILL');
        req.resume();
        req.on('end', () => res.end('ok'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const dbFile = join(dataDir(), 'hookbench.db');
      const fired: string[] = [];
      const started = await startChild({ mode: 'sender', dbFile, url, events: 500 }, (m) => {
        if (m.type === 'fired') fired.push(...m.ids);
      });
      child = started.child;
      await started.exited;
      expect(child.signalCode).toBe('SIGKILL');
      expect(fired.length).toBeGreaterThan(0);

      // Everything it acknowledged as fired goes out after a restart; nothing is missing.
      const engine = openSender({ dbFile }).start();
      cleanups.push(() => engine.close());
      const due = engine.store.db
        .prepare('SELECT EXISTS (SELECT 1 FROM deliveries WHERE next_attempt_at IS NOT NULL)')
        .pluck();
      await eventually(() => engine.deliveries.working === 0 && due.get() === 0, 30_000);
      const statuses = engine.store.db
        .prepare('SELECT e.id, d.status FROM events e JOIN deliveries d ON d.event_id = e.id')
        .raw(true)
        .all() as [string, string][];
      const byEvent = new Map(statuses);
      expect(fired.filter((id) => byEvent.get(id) !== 'success')).toEqual([]);
      expect([...byEvent.values()].every((s) => s === 'success')).toBe(true);
      for (const id of byEvent.keys()) expect(arrivals.get(id) ?? 0).toBeGreaterThanOrEqual(1);
      const duplicates = [...arrivals.values()].reduce((a, n) => a + n - 1, 0);
      // Whatever was in flight or not yet recorded when it died went twice; at most the in-flight and unrecorded ones.
      expect(duplicates).toBeLessThanOrEqual(killAfter);
      const attempts = engine.store.db.prepare('SELECT count(*) FROM attempts').pluck().get() as number;
      expect(attempts).toBe(byEvent.size); // one recorded attempt each: the duplicates left no half-written attempt
      await engine.close();
      cleanups.pop();
      expectSound(dbFile);
    },
  );
});
