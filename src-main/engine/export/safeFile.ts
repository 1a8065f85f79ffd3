/**
 * Writes a file where a person chose to (the desktop's save dialog, the CLI's `--out`) without
 * the ways a path can be turned against them: the path must be absolute; an existing target
 * that is not a regular file (symlink, folder, device, FIFO, socket) is refused, never
 * followed or replaced; the content goes to a new 0600 temp file beside the target (created
 * exclusively, not following links), is fsynced, and is renamed over the target only when
 * complete. A failure removes the temp file and leaves the target as it was.
 */
import { randomBytes } from 'node:crypto';
import { close, constants, createWriteStream, fsync, open, type Stats } from 'node:fs';
import { lstat, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { HookbenchError } from '../../api/errors';

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const FILE_MODE = 0o600;
// A plain fd, not a FileHandle: a FileHandle that lent itself to a stream never finishes closing.
const openFd = promisify(open);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

/** The temp file's name: beside the target (so the rename stays on one file system), unguessable. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
}

/**
 * Creates or replaces `path` with what `fill` writes to the stream it is given, resolving with
 * `fill`'s result. File-system errors are typed (`validation` or `unavailable`, field `path`),
 * also when the stream hits one (disk full); any other error of `fill` passes through unchanged.
 */
export async function writeFileSafely<T>(path: string, fill: (out: NodeJS.WritableStream) => Promise<T>): Promise<T> {
  if (typeof path !== 'string' || path === '' || path.includes('\0'))
    throw new HookbenchError('validation', 'path must be a file path', 'path');
  if (!isAbsolute(path)) throw new HookbenchError('validation', `path must be absolute, got "${path}"`, 'path');
  await assertReplaceable(path);

  const temp = tempPathFor(path);
  let fd: number | null;
  try {
    fd = await openFd(temp, CREATE_FLAGS, FILE_MODE);
  } catch (e) {
    throw pathError(e, path);
  }
  const out = createWriteStream('', { fd, autoClose: false });
  try {
    const result = await fill(out);
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
    await fsyncFd(fd);
    await closeFd(fd);
    fd = null;
    // Checked again just before the rename: the target may have changed while the file was written.
    await assertReplaceable(path);
    await rename(temp, path);
    return result;
  } catch (e) {
    if (fd !== null) {
      // The stream closes the fd as it is destroyed (even with autoClose: false), after any write
      // still in flight: wait for that, and never close the number again (it may be reused by then).
      out.on('error', () => {});
      if (!out.closed) await new Promise<void>((resolve) => out.destroy().once('close', () => resolve()));
    }
    await rm(temp, { force: true }).catch(() => {});
    throw isErrno(e) ? pathError(e, path) : e;
  }
}

/** Refuses a target that exists and is not a regular file; a missing target is fine. */
async function assertReplaceable(path: string): Promise<void> {
  let stats: Stats;
  try {
    stats = await lstat(path);
  } catch (e) {
    if (isErrno(e) && e.code === 'ENOENT') return;
    throw pathError(e, path);
  }
  if (stats.isFile()) return;
  throw new HookbenchError(
    'validation',
    `${path} is ${kindOf(stats)}, not a regular file: choose another name`,
    'path',
  );
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'something else';
}

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return (
    e instanceof Error &&
    typeof (e as NodeJS.ErrnoException).code === 'string' &&
    typeof (e as NodeJS.ErrnoException).syscall === 'string'
  );
}

/** A file-system error as a typed error in words (the raw code stays out of the message's start). */
function pathError(e: unknown, path: string): HookbenchError {
  if (e instanceof HookbenchError) return e;
  const code = isErrno(e) ? e.code : undefined;
  const folder = dirname(path);
  switch (code) {
    case 'ENOENT':
      return new HookbenchError('validation', `cannot write ${path}: the folder ${folder} does not exist`, 'path');
    case 'ENOTDIR':
      return new HookbenchError('validation', `cannot write ${path}: part of that path is not a folder`, 'path');
    case 'EACCES':
    case 'EPERM':
      return new HookbenchError('validation', `cannot write ${path}: no permission to write in ${folder}`, 'path');
    case 'EISDIR':
      return new HookbenchError('validation', `cannot write ${path}: it is a folder`, 'path');
    case 'ELOOP':
      return new HookbenchError('validation', `cannot write ${path}: it is a symbolic link`, 'path');
    case 'EROFS':
      return new HookbenchError('validation', `cannot write ${path}: the disk is read-only`, 'path');
    case 'ENAMETOOLONG':
      return new HookbenchError('validation', `cannot write ${path}: the name is too long`, 'path');
    case 'ENOSPC':
    case 'EDQUOT':
      return new HookbenchError('unavailable', `cannot write ${path}: the disk is full`, 'path');
    default:
      return new HookbenchError(
        'unavailable',
        `cannot write ${path}: ${code ?? (e instanceof Error ? e.message : String(e))}`,
        'path',
      );
  }
}
