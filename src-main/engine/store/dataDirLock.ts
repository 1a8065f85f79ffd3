/**
 * One process per data directory. Two processes on one database would both deliver (twice the
 * in-flight cap to an endpoint) and both serve the receiver's inboxes.
 *
 * The lock is SQLite's own file lock on `hookbench.lock` (beside `hookbench.db`), an empty database
 * held in an open write transaction. The operating system drops it when the process ends, however it ends, so a lock is
 * never stale (no pid to check, nothing to clean after a crash, no pid reused after a reboot), and
 * two processes starting at once cannot both get it. Who holds it is written beside it, to
 * `hookbench.lock-owner`, only so that the second process can name the first.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { HookbenchError } from '../../api/errors';
import { DATA_FILE_MODE, createPrivateFile, tightenFiles } from './dataDirFiles';

/** `hookbench.db` → `hookbench.lock`: one lock per database (a test directory may hold several). */
export const lockFileOf = (dbFile: string) => `${dbFile.replace(/\.db$/, '')}.lock`;
const ownerFileOf = (lockFile: string) => `${lockFile}-owner`;

/** Who holds a data directory, as the second process shows it. */
export interface LockOwner {
  pid: number;
  /** What runs there: `hookbench serve`, `the Hookbench desktop app`. */
  owner: string;
  host: string;
  /** Epoch ms when it took the lock. */
  since: number;
}

export interface DataDirLock {
  readonly dir: string;
  /** Lets the next process in. Idempotent. */
  /** Lets the next process in. `removeIfCreated`: this process made the lock file (an open that failed), so it is removed. */
  release(opts?: { removeIfCreated?: boolean }): void;
}

export interface LockOptions {
  /** What this process is, in words another process shows: `hookbench serve`. */
  owner?: string;
  /** The better-sqlite3 binding for this runtime (Electron's ABI). */
  nativeBinding?: string;
}

/** How long a process that found the lock held waits for the holder's name to appear (it is written just after the lock is taken). */
const OWNER_WAIT_MS = 1000;

// Owner files to remove if the process exits without closing its store (the lock itself goes with the process).
const held = new Set<string>();
let exitHookInstalled = false;

/** Takes the lock of the database `dbFile`, or throws a `conflict` naming the process that holds it. Its directory must exist. */
export function lockDatabase(dbFile: string, opts: LockOptions = {}): DataDirLock {
  const dir = dirname(dbFile);
  const lockFile = lockFileOf(dbFile);
  const ownerFile = ownerFileOf(lockFile);
  const created = !existsSync(lockFile);
  createPrivateFile(lockFile);
  tightenFiles([lockFile, ownerFile]);
  let conn: Database.Database;
  try {
    conn = new Database(lockFile, { timeout: 0, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  } catch (e) {
    throw new HookbenchError(
      'unavailable',
      `cannot open the lock file ${lockFile}: ${(e as Error).message}`,
      'dataDir',
    );
  }
  try {
    conn.pragma('journal_mode = MEMORY'); // nothing is ever written: no journal file beside the lock
    conn.exec('BEGIN IMMEDIATE');
  } catch (e) {
    conn.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw inUse(dir, readOwner(ownerFile));
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new HookbenchError(
        'unavailable',
        `the lock file ${lockFile} is damaged (it holds no data: delete it when no Hookbench is running on ${dir}, then start again)`,
        'dataDir',
      );
    }
    throw e;
  }
  const me: LockOwner = {
    pid: process.pid,
    owner: opts.owner ?? 'a Hookbench process',
    host: hostname(),
    since: Date.now(),
  };
  try {
    writeOwner(ownerFile, me);
  } catch {
    // Only the name in the other process's error is lost; the lock holds.
  }
  held.add(ownerFile);
  installExitHook();
  let released = false;
  return {
    dir,
    release(opts = {}) {
      if (released) return;
      released = true;
      held.delete(ownerFile);
      // The name goes first, while the lock still keeps out the next process, which writes its own.
      removeOwnerFile(ownerFile);
      conn.close();
      if (opts.removeIfCreated && created) {
        try {
          rmSync(lockFile, { force: true });
        } catch {
          // (e.g. still open elsewhere on Windows): an empty lock file is harmless
        }
      }
    },
  };
}

function inUse(dir: string, owner: LockOwner | null): HookbenchError {
  const who = owner
    ? `${owner.owner} (pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, since ${localTime(owner.since)})`
    : 'another Hookbench process';
  const self = owner?.pid === process.pid && owner.host === hostname() ? ' (this process has it open already)' : '';
  return new HookbenchError(
    'conflict',
    `the data directory ${dir} is in use by ${who}${self}. Hookbench opens a data directory in one process at a time: ` +
      'stop that one first, or use another data directory.',
    'dataDir',
  );
}

/** The holder's name; waits briefly for a holder that has just taken the lock to write it. */
function readOwner(ownerFile: string): LockOwner | null {
  const deadline = Date.now() + OWNER_WAIT_MS;
  for (;;) {
    const owner = parseOwner(ownerFile);
    if ((owner && isAlive(owner)) || Date.now() > deadline) return owner && isAlive(owner) ? owner : null;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

function parseOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (
      typeof o.pid === 'number' &&
      typeof o.owner === 'string' &&
      typeof o.host === 'string' &&
      typeof o.since === 'number'
    ) {
      return { pid: o.pid, owner: o.owner, host: o.host, since: o.since };
    }
  } catch {
    // missing, or being replaced this instant
  }
  return null;
}

/** Whether the named process runs (a name left by a process that crashed is not the holder). Another host: cannot tell, so yes. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Written whole or not at all: a temp file renamed over the old name. */
function writeOwner(file: string, owner: LockOwner): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', DATA_FILE_MODE);
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (e) {
    unlinkSync(temp);
    throw e;
  }
}

function removeOwnerFile(file: string): void {
  // Only our own name: never one another process wrote.
  if (parseOwner(file)?.pid !== process.pid) return;
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const file of held) removeOwnerFile(file);
  });
}

/** `2025-06-01 14:03:09`, local time. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
