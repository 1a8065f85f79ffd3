/**
 * One process per data directory: a second store on the same directory, in this process or in
 * another, is refused with a `conflict` naming the holder; the lock goes with the process however
 * it ends, and of several processes starting at the same instant exactly one gets it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { thrownHookbenchError as thrown } from '../support/thrown';
import { tempDir } from '../support/tmp';
import type { LockChildConfig, LockChildMessage } from './dataDirLockChild';

const LOCK_FILE_NAME = 'hookbench.lock';
const LOCK_OWNER_FILE_NAME = 'hookbench.lock-owner';
const CHILD = fileURLToPath(new URL('./dataDirLockChild.ts', import.meta.url));

let tmp: ReturnType<typeof tempDir>;
let dbFile: string;
const stores: Store[] = [];
const children: ChildProcess[] = [];

beforeEach(() => {
  tmp = tempDir('hookbench-lock-');
  dbFile = join(tmp.dir, 'hookbench.db');
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const c of children.splice(0)) c.kill('SIGKILL');
  tmp.cleanup();
});

const open = (owner = 'test store') => {
  const s = openStore(dbFile, { lockOwner: owner });
  stores.push(s);
  return s;
};

/** A child process opening the data directory; resolves with its first message. */
function child(config: LockChildConfig): { proc: ChildProcess; first: Promise<LockChildMessage> } {
  const proc = fork(CHILD, [JSON.stringify(config)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(proc);
  const first = new Promise<LockChildMessage>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as LockChildMessage));
    proc.once('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before answering`)));
  });
  return { proc, first };
}

const exited = (proc: ChildProcess) =>
  new Promise<void>((resolve) =>
    proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve()),
  );

describe('data directory lock', () => {
  it('refuses a second store on the same directory in the same process, naming the holder; the next open after close succeeds', () => {
    const first = open('hookbench serve');
    const e = thrown(() => open('hookbench export'));
    expect(e).toMatchObject({ code: 'conflict', field: 'dataDir' });
    expect(e.message).toContain(tmp.dir);
    expect(e.message).toContain(`hookbench serve (pid ${process.pid}`);
    expect(e.message).toMatch(/since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);

    first.close();
    expect(existsSync(join(tmp.dir, LOCK_OWNER_FILE_NAME))).toBe(false);
    expect(statSync(join(tmp.dir, LOCK_FILE_NAME)).size).toBe(0); // the lock file holds nothing
    expect(() => open('hookbench export')).not.toThrow();
  });

  it(
    'refuses the directory while another process holds it, naming that process; takes it over once that process is SIGKILLed',
    { timeout: 60_000 },
    async () => {
      const holder = child({ dir: tmp.dir, owner: 'the holder' });
      const opened = await holder.first;
      expect(opened).toEqual({ type: 'opened', pid: holder.proc.pid });

      const e = thrown(() => open());
      expect(e).toMatchObject({ code: 'conflict', field: 'dataDir' });
      expect(e.message).toContain(`the holder (pid ${holder.proc.pid}`);

      holder.proc.kill('SIGKILL');
      await exited(holder.proc);
      // The holder never closed: its name is still on disk, but the lock went with it.
      expect(JSON.parse(readFileSync(join(tmp.dir, LOCK_OWNER_FILE_NAME), 'utf8'))).toMatchObject({
        pid: holder.proc.pid,
      });
      const store = open('the successor');
      expect(store.workspaces.list().length).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(join(tmp.dir, LOCK_OWNER_FILE_NAME), 'utf8'))).toMatchObject({
        pid: process.pid,
        owner: 'the successor',
      });
    },
  );

  it(
    'lets exactly one of several processes starting at the same instant open the directory',
    { timeout: 90_000 },
    async () => {
      const startAt = Date.now() + 4000; // after every child has loaded
      const racers = Array.from({ length: 4 }, (_, i) => child({ dir: tmp.dir, owner: `racer ${i}`, startAt }));
      const answers = await Promise.all(racers.map((r) => r.first));
      const winners = answers.filter((a) => a.type === 'opened');
      expect(winners).toHaveLength(1);
      const winnerPid = (winners[0] as { pid: number }).pid;
      for (const a of answers.filter((x) => x.type === 'refused')) {
        expect(a).toMatchObject({ code: 'conflict' });
        expect((a as { message: string }).message).toContain(`(pid ${winnerPid}`);
      }
    },
  );

  it('is released when the holding process closes its store', { timeout: 60_000 }, async () => {
    const holder = child({ dir: tmp.dir, owner: 'the holder' });
    await holder.first;
    expect(thrown(() => open())).toMatchObject({ code: 'conflict' });
    const closed = new Promise((resolve) =>
      holder.proc.on('message', (m) => (m as LockChildMessage).type === 'closed' && resolve(m)),
    );
    holder.proc.send('close');
    await closed;
    expect(existsSync(join(tmp.dir, LOCK_OWNER_FILE_NAME))).toBe(false);
    expect(() => open()).not.toThrow();
  });
});
