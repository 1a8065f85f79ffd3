/**
 * A damaged database is never rewritten: a hookbench.db that exists but is not a Hookbench
 * database is refused with a typed error naming the file, and nothing on disk changes (no fresh
 * database over it, no new key, no lock file).
 */
import Database from 'better-sqlite3';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/engine/store/database';
import { openStore } from '../../src-main/engine/store/store';
import { thrownHookbenchError } from '../support/thrown';
import { tempDir } from '../support/tmp';

let tmp: ReturnType<typeof tempDir>;
let dbFile: string;

beforeEach(() => {
  tmp = tempDir('hookbench-damaged-');
  dbFile = join(tmp.dir, 'hookbench.db');
});
afterEach(() => tmp.cleanup());

/** A real Hookbench database with a webhook, closed (checkpointed into the main file). */
function realDatabase(): Buffer {
  const store = openStore(dbFile);
  store.db.exec("INSERT INTO workspaces (id, name, created_at) VALUES ('ws_x', 'x', 1)");
  store.close();
  return readFileSync(dbFile);
}

/** Every file in the data directory with its bytes. */
const snapshot = () =>
  Object.fromEntries(
    readdirSync(tmp.dir)
      .sort()
      .map((f) => [f, readFileSync(join(tmp.dir, f)).toString('base64')]),
  );

function expectRefusedUnchanged(why: RegExp): void {
  const before = snapshot();
  for (const open of [() => openStore(dbFile), () => openDatabase(dbFile)]) {
    const e = thrownHookbenchError(open);
    expect(e).toMatchObject({ code: 'unavailable', field: 'dataDir' });
    expect(e.message).toContain(`${dbFile} is not a valid Hookbench database`);
    expect(e.message).toMatch(why);
    expect(snapshot()).toEqual(before);
  }
}

describe('a damaged or foreign hookbench.db', () => {
  it('refuses a database truncated to 1 byte in a used data directory: no fresh database, the key and every other file as they were', () => {
    realDatabase();
    truncateSync(dbFile, 1);
    expectRefusedUnchanged(/only 1 byte long/);
  });

  it('refuses a lone hookbench.db of 1 byte, and creates no key and no lock beside it', () => {
    writeFileSync(dbFile, 'S');
    expectRefusedUnchanged(/only 1 byte long/);
    expect(readdirSync(tmp.dir)).toEqual(['hookbench.db']);
  });

  it('refuses a file that is not SQLite at all', () => {
    writeFileSync(dbFile, Buffer.alloc(8192, 'not a database '));
    expectRefusedUnchanged(/not a SQLite database/);
    expect(readdirSync(tmp.dir)).toEqual(['hookbench.db']);
  });

  it('refuses a SQLite database of another program (rollback journal) before making any file', () => {
    const other = new Database(dbFile);
    other.exec(
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada')",
    );
    other.close();
    expectRefusedUnchanged(/another program|something else.*customers/);
    expect(readdirSync(tmp.dir)).toEqual(['hookbench.db']);
  });

  it('refuses a WAL-mode SQLite database of another program, leaving its bytes and mode, making no key and no lock file', () => {
    const other = new Database(dbFile);
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY)');
    other.close();
    chmodSync(dbFile, 0o644);
    const bytes = readFileSync(dbFile);
    for (const open of [() => openStore(dbFile), () => openDatabase(dbFile)]) {
      const e = thrownHookbenchError(open);
      expect(e).toMatchObject({ code: 'unavailable', field: 'dataDir' });
      expect(e.message).toMatch(/something else, with tables orders/);
    }
    expect(readFileSync(dbFile).equals(bytes)).toBe(true);
    expect(readdirSync(tmp.dir)).not.toContain('hookbench.key');
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('hookbench.db'))).toEqual(['hookbench.db']);
    expect(readdirSync(tmp.dir)).not.toContain('hookbench.lock');
    expect(statSync(dbFile).mode & 0o777).toBe(0o644);
  });

  it('refuses a database cut short after its header (SQLite reports it malformed), naming the file', () => {
    const whole = realDatabase();
    writeFileSync(dbFile, whole.subarray(0, 4096));
    rmSync(join(tmp.dir, 'hookbench.lock')); // as if copied here without it
    chmodSync(dbFile, 0o644);
    const files = readdirSync(tmp.dir);
    const e = thrownHookbenchError(() => openStore(dbFile));
    expect(e).toMatchObject({ code: 'unavailable', field: 'dataDir' });
    expect(e.message).toContain(`${dbFile} is not a valid Hookbench database`);
    expect(readFileSync(dbFile).equals(whole.subarray(0, 4096))).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(files); // no lock file left beside it
    expect(statSync(dbFile).mode & 0o777).toBe(0o644);
  });

  it('opens an empty file as a new database (what an open cut short leaves), and a real one as before', () => {
    writeFileSync(dbFile, '');
    openStore(dbFile).close();
    const store = openStore(dbFile);
    expect(store.workspaces.list().length).toBeGreaterThan(0);
    store.close();
  });
});
