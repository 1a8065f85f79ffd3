/**
 * The data directory and its files on disk: the directory is 0700 and every Hookbench file in it
 * 0600 (they hold request bodies and headers from third parties, and the key to the secrets).
 * POSIX only; Windows has no such modes (a profile's directories are private already).
 */
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { HookbenchError } from '../../api/errors';
import { KEY_FILE_NAME } from '../secrets/keyFileBox';

export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;
export const DB_FILE_NAME = 'hookbench.db';

const POSIX = process.platform !== 'win32';

/** Everything Hookbench keeps in a data directory (besides `electron-profile`, the desktop browser profile). */
const isHookbenchEntry = (name: string) => name.startsWith('hookbench') || name === 'electron-profile';

/** The database and the files SQLite keeps beside it, the key file: the files tightened to 0600 when found looser. */
export function privateFilesOf(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`, join(dirname(dbFile), KEY_FILE_NAME)];
}

const notADirectory = (dir: string) =>
  new HookbenchError(
    'validation',
    `the data directory ${dir} is a file, not a directory; give a directory (it is created if missing)`,
    'dataDir',
  );
const fileInPath = (dir: string) =>
  new HookbenchError(
    'validation',
    `cannot create the data directory ${dir}: part of its path is a file, not a directory`,
    'dataDir',
  );

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cannotUse(path, e);
  }
}

function cannotUse(path: string, e: unknown): HookbenchError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOTDIR') return fileInPath(path);
  const why =
    err.code === 'EACCES' || err.code === 'EPERM'
      ? 'permission denied'
      : err.code === 'EROFS'
        ? 'the file system is read-only'
        : err.message;
  return new HookbenchError('unavailable', `cannot use the data directory ${path}: ${why}`, 'dataDir');
}

// Directories already warned about: once per process is enough.
const warned = new Set<string>();

const ownedByUs = (st: Stats) => !POSIX || process.getuid === undefined || st.uid === process.getuid();

/**
 * Creates the data directory 0700 (its parents with the usual mode), or checks an existing one: a
 * file is a field error; a directory other users can read is tightened to 0700 when it is ours and
 * holds only Hookbench's files, and otherwise left as it is with a warning (a `--data-dir .` in a
 * project folder must not change that folder's mode).
 */
export function ensureDataDir(dir: string, log: Pick<Console, 'warn'> = console): void {
  const st = statOrNull(dir);
  if (st && !st.isDirectory()) throw notADirectory(dir);
  if (!st) {
    try {
      mkdirSync(dirname(dir), { recursive: true });
      mkdirSync(dir, { mode: DATA_DIR_MODE });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statOrNull(dir)) return ensureDataDir(dir, log); // made meanwhile, by another process
      throw code === 'EEXIST' || code === 'ENOTDIR' ? fileInPath(dir) : cannotUse(dir, e);
    }
    if (POSIX) chmodSync(dir, DATA_DIR_MODE); // whatever the umask
    return;
  }
  if (!POSIX || (st.mode & 0o077) === 0) return;
  const foreign = readdirSync(dir).filter((name) => !isHookbenchEntry(name));
  if (ownedByUs(st) && foreign.length === 0) {
    chmodSync(dir, DATA_DIR_MODE);
    return;
  }
  if (warned.has(dir)) return;
  warned.add(dir);
  log.warn(
    `hookbench: the data directory ${dir} is open to other users (mode ${(st.mode & 0o777).toString(8)}); its Hookbench files are ${DATA_FILE_MODE.toString(8)}, ` +
      `but other users can see their names. Hookbench leaves the mode of a directory ${foreign.length ? 'holding other files' : 'it does not own'} alone: run chmod 700 on it if that is what you want.`,
  );
}

/** Creates `file` empty with mode 0600 unless it exists (SQLite then gives its -wal and -shm files the same mode). */
export function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', DATA_FILE_MODE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotUse(file, e);
  }
}

/** Tightens each existing file to 0600 (an older Hookbench, or a copy, may have left it readable by others). */
export function tightenFiles(files: readonly string[], log: Pick<Console, 'warn'> = console): void {
  if (!POSIX) return;
  for (const file of files) {
    const st = statOrNull(file);
    if (!st || !st.isFile() || (st.mode & 0o077) === 0) continue;
    try {
      chmodSync(file, DATA_FILE_MODE);
    } catch (e) {
      log.warn(`hookbench: cannot make ${file} private (chmod 600): ${(e as Error).message}`);
    }
  }
}
