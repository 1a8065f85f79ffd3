/**
 * File modes: the data directory is 0700 and the database, its -wal and -shm, the key and the
 * lock files 0600 (they hold request bodies and headers from third parties, and the key).
 */
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { thrownHookbenchError } from '../support/thrown';
import { tempDir } from '../support/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('hookbench-modes-');
});
afterEach(() => tmp.cleanup());

const mode = (path: string) => statSync(path).mode & 0o777;
const warnings = () => {
  const lines: string[] = [];
  return { lines, log: { warn: (...args: unknown[]) => lines.push(args.join(' ')) } };
};

let writes = 0;

/** Opens the store and writes, so that the -wal and -shm files exist while it is open. */
function openAndWrite(dir: string, log?: { warn: (...a: unknown[]) => void }): Store {
  const store = openStore(join(dir, 'hookbench.db'), { log, lockOwner: 'modes test' });
  store.db
    .prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, 1)')
    .run(`ws_${++writes}`, `modes ${writes}`);
  return store;
}

const FILES = [
  'hookbench.db',
  'hookbench.db-wal',
  'hookbench.db-shm',
  'hookbench.key',
  'hookbench.lock',
  'hookbench.lock-owner',
];

describe.skipIf(process.platform === 'win32')('data directory file modes (skipped on Windows: no POSIX modes)', () => {
  it('creates the data directory 0700 and every file in it 0600, whatever the umask', () => {
    const dir = join(tmp.dir, 'nested', 'data');
    const umask = process.umask(0o002); // a umask that would leave group-writable files
    let store: Store;
    try {
      store = openAndWrite(dir);
    } finally {
      process.umask(umask);
    }
    try {
      expect(mode(dir)).toBe(0o700);
      expect(readdirSync(dir).sort()).toEqual([...FILES].sort());
      for (const f of FILES) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    } finally {
      store.close();
    }
  });

  it('tightens an existing data directory and files that others can read, when the directory holds only Hookbench files', () => {
    const dir = join(tmp.dir, 'data');
    openAndWrite(dir).close();
    mkdirSync(join(dir, 'electron-profile'));
    chmodSync(dir, 0o755);
    for (const f of ['hookbench.db', 'hookbench.key', 'hookbench.lock']) chmodSync(join(dir, f), 0o644);
    const { lines, log } = warnings();
    const store = openAndWrite(dir, log);
    try {
      expect(mode(dir)).toBe(0o700);
      for (const f of FILES) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
      expect(lines).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('leaves the mode of a directory holding other files alone, says so once, and still makes its own files 0600', () => {
    const dir = join(tmp.dir, 'project');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const { lines, log } = warnings();
    openAndWrite(dir, log).close();
    const store = openAndWrite(dir, log);
    try {
      expect(mode(dir)).toBe(0o755);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`the data directory ${dir} is open to other users (mode 755)`);
      expect(lines[0]).toContain('chmod 700');
      for (const f of FILES) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    } finally {
      store.close();
    }
  });

  it('refuses a data directory that is a file with a field error, and changes nothing', () => {
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'x');
    const e = thrownHookbenchError(() => openStore(join(file, 'hookbench.db')));
    expect(e).toMatchObject({ code: 'validation', field: 'dataDir' });
    expect(e.message).toContain(`${file} is a file, not a directory`);
    expect(readdirSync(tmp.dir)).toEqual(['a-file']);
  });
});
