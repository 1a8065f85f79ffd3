import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationError, openDatabase } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { openStore } from '../../src-main/engine/store/store';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { tempDir } from '../support/tmp';

describe('store', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp?.cleanup());

  it('opens with WAL and foreign keys on, records every migration and creates the default workspace', () => {
    tmp = tempDir();
    const store = openStore(join(tmp.dir, 'a.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const versions = store.db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((r: any) => r.version);
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.workspaces.get(DEFAULT_WORKSPACE_ID)?.name).toBe('Default');
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r: any) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['workspaces', 'webhooks', 'events', 'deliveries', 'attempts', 'alerts', 'settings']),
    );
    store.close();
  });

  it('has indexes for the due-retry query, deliveries by webhook and time, and retention by workspace and status', () => {
    tmp = tempDir();
    const store = openStore(join(tmp.dir, 'a.db'));
    const plan = (sql: string) =>
      store.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r: any) => r.detail)
        .join(' | ');
    expect(
      plan(
        "SELECT id FROM deliveries WHERE webhook_id = 'w' AND next_attempt_at IS NOT NULL AND next_attempt_at <= 5 ORDER BY next_attempt_at",
      ),
    ).toContain('deliveries_due');
    expect(plan("SELECT id FROM deliveries WHERE webhook_id = 'w' ORDER BY created_at DESC")).toContain(
      'deliveries_by_webhook',
    );
    expect(
      plan(
        "SELECT id FROM deliveries WHERE workspace_id IN (SELECT id FROM workspaces) AND status = 'failed' AND created_at < 5",
      ),
    ).toContain('deliveries_ws_status_time');
    store.close();
  });

  it('applies migrations once: reopening changes nothing', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'a.db');
    openStore(file).close();
    const store = openStore(file);
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as any).n).toBe(MIGRATIONS.length);
    store.close();
  });

  it('stops with a clear error on a failing migration, rolls it back and keeps the data', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'a.db');
    const store = openStore(file);
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
    store.close();
    const broken = [
      ...MIGRATIONS,
      { version: 999, name: 'broken', up: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;' },
    ];
    let error: unknown;
    try {
      openDatabase(file, { migrations: broken });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /Migration 999 \(broken\) failed.*no such table: no_such_table.*nothing was deleted/,
    );
    expect(existsSync(file)).toBe(true);
    const raw = new Database(file);
    expect(raw.prepare("SELECT value FROM settings WHERE key = 'theme'").get()).toEqual({ value: '"dark"' });
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(raw.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({
      v: MIGRATIONS.at(-1)!.version,
    });
    raw.close();
  });

  it('refuses a database from a newer Hookbench instead of guessing', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'a.db');
    openStore(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (500, ?, 0)').run('future');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Hookbench/);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
