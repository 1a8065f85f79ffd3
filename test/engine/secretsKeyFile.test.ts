/**
 * The key-file secret box (web host, CLI): AES-256-GCM, a random key in <dataDir>/hookbench.key
 * with mode 0600, and a store that refuses to open — loudly, touching nothing — without its key.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSender, type Sender } from '../../src-main/engine/sender';
import { KEY_FILE_NAME, keyFileBox } from '../../src-main/engine/secrets/keyFileBox';
import { sealedKindOf, type SecretBox } from '../../src-main/engine/secrets/secretBox';
import { tempDir } from '../support/tmp';
import { thrownHookbenchError } from '../support/thrown';

const dirs: ReturnType<typeof tempDir>[] = [];
const engines: Sender[] = [];
const newDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d.dir;
};
const open = (dataDir: string, opts: { secretBox?: SecretBox } = {}) => {
  const e = openSender({ dataDir, ...opts });
  engines.push(e);
  return e;
};
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close().catch(() => {});
  for (const d of dirs.splice(0)) d.cleanup();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('key-file secret box', () => {
  it('round-trips secrets as self-describing sealed values, fresh each time', () => {
    const box = keyFileBox(newDir());
    for (const plain of ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', '', 'ünïcødé 🔑 secret', 'x'.repeat(10_000)]) {
      const sealed = box.seal(plain);
      expect(sealed.startsWith('enc:v1:file:')).toBe(true);
      expect(sealedKindOf(sealed)).toBe('file');
      if (plain.length > 4) expect(sealed).not.toContain(plain);
      expect(box.open(sealed)).toBe(plain);
    }
    expect(box.seal('same')).not.toBe(box.seal('same')); // a random IV per value
  });

  it('detects tampering: a changed byte fails the GCM check with a clear error', () => {
    const box = keyFileBox(newDir());
    const sealed = box.seal('whsec_secret_value');
    const payload = Buffer.from(sealed.slice('enc:v1:file:'.length), 'base64');
    payload[payload.length - 1]! ^= 0x01;
    const err = thrownHookbenchError(() => box.open(`enc:v1:file:${payload.toString('base64')}`));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/failed its integrity check/);
    expect(thrownHookbenchError(() => box.open('enc:v1:file:AAAA')).message).toMatch(/integrity check/);
  });

  it('refuses a value sealed with another key', () => {
    const sealed = keyFileBox(newDir()).seal('whsec_secret_value');
    const other = keyFileBox(newDir());
    other.init!();
    expect(thrownHookbenchError(() => other.open(sealed)).message).toMatch(/not the key this database was sealed with/);
  });

  it.skipIf(process.platform === 'win32')(
    'creates the key file with mode 0600: one base64 line of 32 bytes under a comment (skipped on Windows: no POSIX modes)',
    () => {
      const dir = newDir();
      const box = keyFileBox(dir);
      box.init!();
      const file = join(dir, KEY_FILE_NAME);
      expect(box.keyFile).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines[0]).toMatch(/^# Hookbench secret key/);
      expect(Buffer.from(lines.at(-1)!, 'base64')).toHaveLength(32);
    },
  );

  it('never creates a key to open a value, and never replaces an existing key file', () => {
    const dir = newDir();
    const sealed = keyFileBox(dir).seal('whsec_secret_value');
    const keyFile = join(dir, KEY_FILE_NAME);
    const before = readFileSync(keyFile, 'utf8');
    // A second box on the same directory reads the key, it does not write a new one.
    const again = keyFileBox(dir);
    again.init!();
    expect(again.open(sealed)).toBe('whsec_secret_value');
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
    // A box on a directory without a key cannot open, and creates nothing trying.
    const empty = newDir();
    const err = thrownHookbenchError(() => keyFileBox(empty).open(sealed));
    expect(err.message).toMatch(/hookbench\.key is missing/);
    expect(existsSync(join(empty, KEY_FILE_NAME))).toBe(false);
  });

  it('reports a damaged key file instead of replacing it', () => {
    const dir = newDir();
    writeFileSync(join(dir, KEY_FILE_NAME), 'not a key\n');
    const err = thrownHookbenchError(() => keyFileBox(dir).init!());
    expect(err.message).toMatch(/is damaged/);
    expect(readFileSync(join(dir, KEY_FILE_NAME), 'utf8')).toBe('not a key\n');
  });
});

describe('a store sealed with the key file', () => {
  it('keeps webhook and inbox secrets sealed in the raw database and hands plain ones to the engine', async () => {
    const dir = newDir();
    const engine = open(dir);
    const w = engine.webhooks.create({
      url: 'http://127.0.0.1:9/hook',
      subscriptions: ['*'],
      secret: 'whsec_dGhpc2lzYXRlc3RzZWNyZXQxMjM0NTY=',
    });
    const rotated = engine.webhooks.rotateSecret(w.id, { secret: 'whsec_c2Vjb25kc2VjcmV0Zm9ydGVzdGluZzk5' });
    expect(engine.webhooks.get(w.id)).toMatchObject({
      secret: 'whsec_c2Vjb25kc2VjcmV0Zm9ydGVzdGluZzk5',
      previousSecret: 'whsec_dGhpc2lzYXRlc3RzZWNyZXQxMjM0NTY=',
    });
    expect(rotated.secret).toBe('whsec_c2Vjb25kc2VjcmV0Zm9ydGVzdGluZzk5');
    const row = engine.store.db.prepare('SELECT secret, previous_secret FROM webhooks WHERE id = ?').get(w.id) as {
      secret: string;
      previous_secret: string;
    };
    expect(row.secret).toMatch(/^enc:v1:file:/);
    expect(row.previous_secret).toMatch(/^enc:v1:file:/);
    await engine.close();
    engines.length = 0;
    const raw = readFileSync(join(dir, 'hookbench.db')).toString('latin1');
    expect(raw).not.toContain('dGhpc2lzYXRlc3RzZWNyZXQxMjM0NTY');
    expect(raw).not.toContain('c2Vjb25kc2VjcmV0Zm9ydGVzdGluZzk5');
  });

  it('refuses to open without its key: a clear error, no new key, the database untouched', async () => {
    const dir = newDir();
    const engine = open(dir);
    engine.webhooks.create({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'] });
    await engine.close();
    engines.length = 0;
    const keyFile = join(dir, KEY_FILE_NAME);
    const db = join(dir, 'hookbench.db');
    const key = readFileSync(keyFile);
    writeFileSync(keyFile, ''); // emptied: damaged, not missing
    expect(() => openSender({ dataDir: dir })).toThrow(/is damaged/);
    // Missing:
    rmSync(keyFile);
    const hash = sha256(db);
    const err = thrownHookbenchError(() => openSender({ dataDir: dir }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain(
      `the key file ${keyFile} is missing; secrets in this database cannot be read. Restore hookbench.key from your backup`,
    );
    expect(existsSync(keyFile)).toBe(false);
    expect(sha256(db)).toBe(hash);
    // Restoring the key makes everything readable again.
    writeFileSync(keyFile, key, { mode: 0o600 });
    expect(open(dir).webhooks.list('ws_default')).toHaveLength(1);
  });

  it('a database copied to another machine without its key reveals no secret', async () => {
    const dir = newDir();
    const engine = open(dir);
    const w = engine.webhooks.create({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'] });
    await engine.close();
    engines.length = 0;
    const elsewhere = join(newDir(), 'copied');
    mkdirSync(elsewhere);
    copyFileSync(join(dir, 'hookbench.db'), join(elsewhere, 'hookbench.db'));
    expect(readFileSync(join(elsewhere, 'hookbench.db')).toString('latin1')).not.toContain(w.secret);
    const raw = new Database(join(elsewhere, 'hookbench.db'), { readonly: true });
    const stored = raw.prepare('SELECT secret FROM webhooks').pluck().get() as string;
    raw.close();
    expect(stored).not.toContain(w.secret);
    expect(() => openSender({ dataDir: elsewhere })).toThrow(/hookbench\.key is missing/);
    // With a fresh key of its own, the copy still cannot read the secrets.
    keyFileBox(elsewhere).init!();
    expect(() => openSender({ dataDir: elsewhere })).toThrow(/not the key this database was sealed with/);
  });

  it('names the backend when the secrets were sealed by another one (the desktop keychain)', async () => {
    const dir = newDir();
    const fakeKeychain: SecretBox = {
      kind: 'keychain',
      seal: (p) => `enc:v1:keychain:${Buffer.from(p).toString('base64')}`,
      open: (s) => Buffer.from(s.slice('enc:v1:keychain:'.length), 'base64').toString(),
    };
    const engine = open(dir, { secretBox: fakeKeychain });
    engine.webhooks.create({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'] });
    await engine.close();
    engines.length = 0;
    const err = thrownHookbenchError(() => openSender({ dataDir: dir }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/sealed with the OS keychain .* desktop app/);
    expect(err.message).toMatch(/HOOKBENCH_SECRET_STORE=keyfile/);
    expect(existsSync(join(dir, KEY_FILE_NAME))).toBe(false);
  });
});
