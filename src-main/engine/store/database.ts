import Database from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { HookbenchError } from '../../api/errors';
import { createPrivateFile, ensureDataDir } from './dataDirFiles';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 native binding built for another ABI (Electron). */
  nativeBinding?: string;
  /** Migrations to apply (tests pass their own list to exercise failures). */
  migrations?: readonly Migration[];
  /** Where opening warns (a data directory open to other users). Default console. */
  log?: Pick<Console, 'warn'>;
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

/** A file that exists but is no Hookbench database: refused, named, and left exactly as it is. */
export function notHookbenchDatabase(file: string, why: string): HookbenchError {
  return new HookbenchError(
    'unavailable',
    `${file} is not a valid Hookbench database (${why}). Hookbench did not change it: restore it from a backup, ` +
      'or move it away to start with a new, empty database.',
    'dataDir',
  );
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/**
 * Refuses, before anything is created or written, a database file that is not SQLite (truncated,
 * overwritten, another kind of file), or a rollback-journal SQLite file of another program. Reads
 * only. A missing file is fine (it will be created), and so is an empty one: SQLite reads it as an
 * empty database (and an open that was cut short leaves one). A WAL-mode file, as Hookbench's are,
 * is checked for its tables once open (a read-only connection would leave -wal and -shm files behind).
 */
export function checkDatabaseFile(file: string, nativeBinding?: string): void {
  if (file === ':memory:' || file === '') return;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return; // created later (ensureDataDir names a bad path)
    if (code === 'EISDIR') throw notHookbenchDatabase(file, 'it is a directory');
    throw new HookbenchError('unavailable', `cannot read ${file}: ${(e as Error).message}`, 'dataDir');
  }
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, header, 0, HEADER_BYTES, 0);
    if (read === 0) return;
    if (read < HEADER_BYTES)
      throw notHookbenchDatabase(file, `it is only ${read} byte${read === 1 ? '' : 's'} long: truncated`);
    if (!header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER))
      throw notHookbenchDatabase(file, 'it is not a SQLite database');
    if (header[18] === 1 && header[19] === 1) checkSchemaReadOnly(file, nativeBinding);
  } finally {
    closeSync(fd);
  }
}

function checkSchemaReadOnly(file: string, nativeBinding?: string): void {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    return; // the open itself says what is wrong
  }
  try {
    checkSchema(db, file);
  } catch (e) {
    const damaged = e instanceof HookbenchError ? e : asDamagedDatabase(file, e);
    if (damaged instanceof HookbenchError) throw damaged; // else (busy, a journal to roll back): the real open decides
  } finally {
    db.close();
  }
}

/** SQLite's words for a damaged file. */
const DAMAGED_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/** A SQLite error that says the file is damaged, as a typed error naming it; anything else unchanged. */
export function asDamagedDatabase(file: string, e: unknown): unknown {
  const code = (e as { code?: string }).code;
  return code && DAMAGED_CODES.has(code) ? notHookbenchDatabase(file, `SQLite says: ${(e as Error).message}`) : e;
}

/** A SQLite database that holds tables but not Hookbench's (no `schema_migrations`) belongs to something else. Reads only. */
function checkSchema(db: Db, file: string): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  if (tables.length > 0 && !tables.includes('schema_migrations')) {
    const shown = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '');
    throw notHookbenchDatabase(file, `it is a SQLite database of something else, with tables ${shown}`);
  }
}

/**
 * Opens (creating if needed) the SQLite database: WAL, foreign keys on, then every migration
 * not yet recorded in `schema_migrations`, each in its own transaction. A failing migration
 * rolls back, closes the handle and throws — the file is never deleted or replaced. A file that
 * is not a Hookbench database is refused before anything is written. A new database file (and
 * so its -wal and -shm files) is 0600, in a directory created 0700.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) {
    checkDatabaseFile(file, options.nativeBinding);
    ensureDataDir(dirname(file), options.log);
    createPrivateFile(file);
  }
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw inMemory ? e : new HookbenchError('unavailable', `cannot open ${file}: ${(e as Error).message}`, 'dataDir');
  }
  try {
    if (!inMemory) checkSchema(db, file);
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
    throw asDamagedDatabase(file, e);
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
    throw new MigrationError(
      newest,
      'unknown',
      file,
      new Error(`the database is at schema version ${newest}, newer than this Hookbench (${known}); upgrade Hookbench`),
    );
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.up);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          Date.now(),
        );
      }).immediate();
    } catch (e) {
      throw new MigrationError(m.version, m.name, file, e);
    }
  }
}
