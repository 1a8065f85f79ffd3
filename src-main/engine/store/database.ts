import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 native binding built for another ABI (Electron). */
  nativeBinding?: string;
  /** Migrations to apply (tests pass their own list to exercise failures). */
  migrations?: readonly Migration[];
}

export class MigrationError extends Error {
  constructor(
    readonly version: number,
    readonly migrationName: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `Migration ${version} (${migrationName}) failed on ${file}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'The database was left as it was before this migration; nothing was deleted.',
    );
    this.name = 'MigrationError';
  }
}

/**
 * Opens (creating if needed) the SQLite database: WAL, foreign keys on, then every migration
 * not yet recorded in `schema_migrations`, each in its own transaction. A failing migration
 * rolls back, closes the handle and throws — the file is never deleted or replaced.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536'); // 64 MiB: the log indexes of a million deliveries stay in memory
    // Statements that write through triggers keep their statement journal in memory, not in /var/tmp.
    db.pragma('temp_store = MEMORY');
    runMigrations(db, file, options.migrations ?? MIGRATIONS);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

function runMigrations(db: Db, file: string, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new MigrationError(newest, 'unknown', file, new Error(`the database is at schema version ${newest}, newer than this Hookbench (${known}); upgrade Hookbench`));
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.up);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      }).immediate();
    } catch (e) {
      throw new MigrationError(m.version, m.name, file, e);
    }
  }
}
