/**
 * The Node secret box: AES-256-GCM with a random 32-byte key kept in `<dataDir>/hookbench.key`
 * (mode 0600). The key is created only for a database that holds no sealed secret yet; for one
 * that does, a missing key is a clear error and nothing is created or overwritten.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { HookbenchError } from '../../api/errors';
import { sealedPayload, sealedValue, type SecretBox } from './secretBox';

export const KEY_FILE_NAME = 'hookbench.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyFileBox extends SecretBox {
  readonly kind: 'file';
  readonly keyFile: string;
}

/** AES-256-GCM under a key held in memory: `iv (12) | tag (16) | ciphertext`, base64 in the sealed value. */
export function aesGcmBox(kind: string, key: () => Buffer, onAuthFailure: () => HookbenchError): SecretBox {
  return {
    kind,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return sealedValue(kind, Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    open(sealed) {
      const payload = sealedPayload(sealed, kind);
      if (payload.length < IV_BYTES + TAG_BYTES) throw onAuthFailure();
      const decipher = createDecipheriv('aes-256-gcm', key(), payload.subarray(0, IV_BYTES));
      decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw onAuthFailure();
      }
    },
  };
}

/** An in-memory database (`:memory:`) gets a key that lives and dies with the process. */
export function ephemeralBox(): SecretBox {
  const key = randomBytes(KEY_BYTES);
  return aesGcmBox(
    'memory',
    () => key,
    () => new HookbenchError('internal', 'a secret failed its integrity check (in-memory key)'),
  );
}

export function keyFileBox(dataDir: string): KeyFileBox {
  const keyFile = join(dataDir, KEY_FILE_NAME);
  let key: Buffer | null = null;

  const load = (create: boolean): Buffer => {
    if (key) return key;
    key = readKeyFile(keyFile) ?? (create ? createKeyFile(keyFile) : null);
    if (!key) {
      throw new HookbenchError(
        'unavailable',
        `the key file ${keyFile} is missing; secrets in this database cannot be read. ` +
          'Restore hookbench.key from your backup of this data directory (it belongs beside hookbench.db) and start again. ' +
          'Hookbench did not create a new key, so nothing was overwritten.',
      );
    }
    return key;
  };

  const box = aesGcmBox(
    'file',
    () => load(true),
    () =>
      new HookbenchError(
        'unavailable',
        `a secret in this database failed its integrity check with the key in ${keyFile}: the value was changed outside Hookbench, ` +
          'or hookbench.key is not the key this database was sealed with (restore the matching one from your backup).',
      ),
  );
  return {
    kind: 'file',
    keyFile,
    seal: box.seal,
    // Opening never creates a key: a missing one means the secrets are lost, not that they are new.
    open: (sealed) => (load(false), box.open(sealed)),
    init: () => void load(true),
  };
}

const HEADER =
  '# Hookbench secret key: keep this file with hookbench.db (and in its backups).\n' +
  '# Without it the webhook and inbox secrets in that database cannot be read.\n';

/** The key in `file`, null when there is no such file; a damaged file is an error, never replaced. */
function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new HookbenchError('unavailable', `the key file ${file} cannot be read: ${(e as Error).message}`);
  }
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('#')) ?? '';
  const key = /^[A-Za-z0-9+/]+=*$/.test(line) ? Buffer.from(line, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new HookbenchError(
      'unavailable',
      `the key file ${file} is damaged (it must hold one base64 line of ${KEY_BYTES} bytes); restore it from your backup`,
    );
  }
  return key;
}

/**
 * Writes a new key to a temp file (mode 0600, synced) and links it into place: the key file
 * appears whole or not at all, and an existing one is never overwritten (then that one wins).
 */
function createKeyFile(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${HEADER}${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (process.platform !== 'win32') chmodSync(temp, 0o600); // whatever the umask
    linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readKeyFile(file)!;
  } finally {
    unlinkSync(temp);
  }
  return key;
}
