/**
 * Writing a file where a person chose (desktop save dialog, CLI --out): never through a link,
 * never over something that is not a regular file, created 0600 and renamed into place, typed
 * errors in words, and no temp file left behind on failure. Real files in a temp dir.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workbench } from '../../src-main/engine/workbench';
import { writeFileSafely } from '../../src-main/engine/export/safeFile';
import { tempDir } from '../support/tmp';

const POSIX = process.platform !== 'win32';
const write = (path: string, text: string) => writeFileSafely(path, async (out) => (out.write(text), text.length));
const modeOf = (path: string) => statSync(path).mode & 0o777;
const partials = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.partial'));

describe('writeFileSafely', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('hookbench-safefile-')));
  afterEach(() => tmp.cleanup());

  it('creates a new file readable by its owner only (0600)', async () => {
    const path = join(tmp.dir, 'new.csv');
    await expect(write(path, 'a,b\n')).resolves.toBe(4);
    expect(readFileSync(path, 'utf8')).toBe('a,b\n');
    if (POSIX) expect(modeOf(path)).toBe(0o600);
    expect(partials(tmp.dir)).toEqual([]);
  });

  it.runIf(POSIX)('replaces an existing 0600 file and it stays 0600 (a wider mode is narrowed to 0600)', async () => {
    const secret = join(tmp.dir, 'private.ndjson');
    writeFileSync(secret, 'old\n', { mode: 0o600 });
    chmodSync(secret, 0o600);
    await write(secret, 'new\n');
    expect(readFileSync(secret, 'utf8')).toBe('new\n');
    expect(modeOf(secret)).toBe(0o600);

    const wide = join(tmp.dir, 'wide.ndjson');
    writeFileSync(wide, 'old\n');
    chmodSync(wide, 0o644);
    await write(wide, 'new\n');
    expect(modeOf(wide)).toBe(0o600);
  });

  it.runIf(POSIX)('refuses a symbolic link and leaves the file it points to untouched', async () => {
    const victim = join(tmp.dir, 'authorized_keys');
    writeFileSync(victim, 'ssh-ed25519 AAAA the-real-key\n', { mode: 0o600 });
    const link = join(tmp.dir, 'export.csv');
    symlinkSync(victim, link);
    await expect(write(link, 'ssh-ed25519 AAAA attacker\n')).rejects.toMatchObject({
      code: 'validation',
      field: 'path',
      message: expect.stringContaining('symbolic link'),
    });
    expect(readFileSync(victim, 'utf8')).toBe('ssh-ed25519 AAAA the-real-key\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(victim);
    expect(partials(tmp.dir)).toEqual([]);
  });

  it.runIf(POSIX)('refuses a dangling symbolic link without creating its target', async () => {
    const target = join(tmp.dir, 'would-be-created');
    const link = join(tmp.dir, 'dangling.csv');
    symlinkSync(target, link);
    await expect(write(link, 'x')).rejects.toMatchObject({ code: 'validation', field: 'path' });
    expect(existsSync(target)).toBe(false);
  });

  it('answers a folder with a typed error, not a raw EISDIR', async () => {
    const folder = join(tmp.dir, 'a-folder');
    mkdirSync(folder);
    const e = await write(folder, 'x').catch((err: unknown) => err);
    expect(e).toMatchObject({
      name: 'HookbenchError',
      code: 'validation',
      field: 'path',
      message: expect.stringContaining('is a folder'),
    });
    expect((e as Error).message).not.toMatch(/EISDIR/);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(partials(tmp.dir)).toEqual([]);
  });

  it.runIf(POSIX && existsSync('/dev/null'))('refuses a device node (/dev/null) and a named pipe', async () => {
    await expect(write('/dev/null', 'x')).rejects.toMatchObject({
      code: 'validation',
      field: 'path',
      message: expect.stringContaining('a device'),
    });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const fifo = join(tmp.dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(write(fifo, 'x')).rejects.toMatchObject({
      code: 'validation',
      field: 'path',
      message: expect.stringContaining('named pipe'),
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a relative path (it would depend on the working directory)', async () => {
    await expect(write('relative/out.csv', 'x')).rejects.toMatchObject({
      code: 'validation',
      field: 'path',
      message: expect.stringContaining('absolute'),
    });
    await expect(write('out.csv', 'x')).rejects.toMatchObject({ code: 'validation', field: 'path' });
    expect(existsSync(join(process.cwd(), 'out.csv'))).toBe(false);
  });

  it('says in words that the folder does not exist', async () => {
    const path = join(tmp.dir, 'missing', 'out.csv');
    await expect(write(path, 'x')).rejects.toMatchObject({
      code: 'validation',
      field: 'path',
      message: expect.stringMatching(/folder .* does not exist/),
    });
  });

  it.runIf(POSIX && process.getuid?.() !== 0)(
    'says in words that the folder is not writable (skipped when run as root, who can write anywhere)',
    async () => {
      const locked = join(tmp.dir, 'locked');
      mkdirSync(locked, { mode: 0o500 });
      try {
        await expect(write(join(locked, 'out.csv'), 'x')).rejects.toMatchObject({
          code: 'validation',
          field: 'path',
          message: expect.stringContaining('no permission'),
        });
      } finally {
        chmodSync(locked, 0o700);
      }
    },
  );

  it('removes the temp file and keeps the existing file when writing fails', async () => {
    const path = join(tmp.dir, 'keep.ndjson');
    writeFileSync(path, 'previous\n');
    const boom = new Error('the export failed');
    await expect(writeFileSafely(path, async (out) => (out.write('half'), Promise.reject(boom)))).rejects.toBe(boom);
    expect(readFileSync(path, 'utf8')).toBe('previous\n');
    expect(partials(tmp.dir)).toEqual([]);
  });

  it.runIf(POSIX)('refuses when a link replaces the target while it is being written, and cleans up', async () => {
    const victim = join(tmp.dir, 'victim');
    writeFileSync(victim, 'untouched');
    const path = join(tmp.dir, 'race.csv');
    writeFileSync(path, 'old');
    const swapped = writeFileSafely(path, async (out) => {
      out.write('new');
      rmSync(path);
      symlinkSync(victim, path);
    });
    await expect(swapped).rejects.toMatchObject({ code: 'validation', field: 'path' });
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(partials(tmp.dir)).toEqual([]);
  });
});

describe('Workbench.exportToFile', () => {
  let tmp: ReturnType<typeof tempDir>;
  let wb: Workbench;
  beforeEach(async () => {
    tmp = tempDir('hookbench-exportfile-');
    wb = await Workbench.open({ dataDir: tmp.dir, receiver: false });
  });
  afterEach(async () => {
    await wb.close();
    tmp.cleanup();
  });

  it('writes the export to an absolute path, 0600, and reports progress as export.progress', async () => {
    const progress: { rows: number; done: boolean }[] = [];
    const off = wb.on('export.progress', (p) => progress.push(p));
    const path = join(tmp.dir, 'deliveries.ndjson');
    const r = await wb.exportToFile({ kind: 'deliveries', format: 'ndjson' }, path);
    off();
    expect(r).toEqual({ path, rows: 0, bytes: 0 });
    expect(existsSync(path)).toBe(true);
    if (POSIX) expect(modeOf(path)).toBe(0o600);
    expect(progress.at(-1)).toMatchObject({ rows: 0, done: true });
  });

  it('refuses a relative path and a bad input, writing nothing', async () => {
    await expect(wb.exportToFile({ kind: 'deliveries', format: 'csv' }, 'out.csv')).rejects.toMatchObject({
      code: 'validation',
      field: 'path',
    });
    expect(existsSync(join(process.cwd(), 'out.csv'))).toBe(false);
    const path = join(tmp.dir, 'bad.csv');
    await expect(wb.exportToFile({ kind: 'deliveries', format: 'xlsx' } as never, path)).rejects.toMatchObject({
      code: 'validation',
      field: 'format',
    });
    expect(existsSync(path)).toBe(false);
    expect(partials(tmp.dir)).toEqual([]);
  });
});
