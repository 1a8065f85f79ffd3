/**
 * The desktop's secret box: Electron safeStorage (a stand-in here: the binary cannot run) where
 * it really protects, the key file otherwise, and a data directory switched between the two
 * keeps every secret.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { openSender } from '../../src-main/engine/sender';
import { KEY_FILE_NAME } from '../../src-main/engine/secrets/keyFileBox';
import { tempDir } from '../support/tmp';

const fake = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret', broken: false }));

// Reversible "encryption" that is plainly not the input, so a test can tell sealed from plain.
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptString: (s: string) => Buffer.from(`kc:${s}`, 'utf8').reverse(),
    decryptString: (b: Buffer) => {
      if (fake.broken) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(b).reverse().toString('utf8').slice(3);
    },
  },
}));

const { chooseSecretStore, desktopSecretBox, keychainBox } = await import('../../src-main/desktop/keychainBox');

const quiet = { info: () => {} };

describe('chooseSecretStore', () => {
  const facts = { keyFileExists: false, encryptionAvailable: true, platform: 'darwin' as NodeJS.Platform };

  it('uses the OS keychain where Electron can encrypt', () => {
    expect(chooseSecretStore(facts)).toEqual({ store: 'keychain' });
    expect(chooseSecretStore({ ...facts, platform: 'linux', linuxBackend: 'gnome_libsecret' })).toEqual({
      store: 'keychain',
    });
    expect(chooseSecretStore({ ...facts, platform: 'linux', linuxBackend: 'kwallet6' })).toEqual({ store: 'keychain' });
  });

  it('falls back to the key file, with a note, where there is no keychain', () => {
    expect(chooseSecretStore({ ...facts, encryptionAvailable: false })).toMatchObject({
      store: 'file',
      note: expect.stringMatching(/not available/),
    });
  });

  it("never trusts Linux's basic_text backend (a fixed built-in password)", () => {
    expect(chooseSecretStore({ ...facts, platform: 'linux', linuxBackend: 'basic_text' })).toMatchObject({
      store: 'file',
      note: expect.stringMatching(/no secret service/),
    });
  });

  it('keeps the key file a data directory already has (the CLI and web host can then read it)', () => {
    expect(chooseSecretStore({ ...facts, keyFileExists: true })).toEqual({ store: 'file', note: null });
  });

  it('uses the key file when HOOKBENCH_SECRET_STORE=keyfile asks', () => {
    expect(chooseSecretStore({ ...facts, requested: 'keyfile' })).toMatchObject({ store: 'file' });
  });
});

describe('keychainBox', () => {
  beforeEach(() => {
    fake.broken = false;
  });

  it('round-trips through safeStorage as enc:v1:keychain values', () => {
    const box = keychainBox();
    const sealed = box.seal('whsec_abc');
    expect(sealed).toMatch(/^enc:v1:keychain:/);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed)).toBe('whsec_abc');
  });

  it('turns a keychain failure into a clear error', () => {
    const box = keychainBox();
    const sealed = box.seal('whsec_abc');
    fake.broken = true;
    let error: unknown;
    try {
      box.open(sealed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HookbenchError);
    expect((error as HookbenchError).message).toMatch(
      /OS keychain could not decrypt .* another machine or user account/,
    );
  });

  it('refuses values another backend sealed, naming it', () => {
    expect(() => keychainBox().open('enc:v1:file:AAAA')).toThrow(/key file hookbench\.key/);
  });
});

describe('desktopSecretBox on a data directory', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    fake.available = true;
    fake.backend = 'gnome_libsecret';
  });
  afterEach(() => tmp.cleanup());

  it('seals with the keychain and makes no key file', async () => {
    const engine = openSender({ dataDir: tmp.dir, secretBox: desktopSecretBox(tmp.dir, {}, quiet) });
    const w = engine.webhooks.create({ url: 'http://127.0.0.1:9/', subscriptions: ['*'] });
    expect(engine.store.db.prepare('SELECT secret FROM webhooks').pluck().get()).toMatch(/^enc:v1:keychain:/);
    expect(engine.webhooks.get(w.id).secret).toBe(w.secret);
    await engine.close();
    expect(existsSync(join(tmp.dir, KEY_FILE_NAME))).toBe(false);
  });

  it('with HOOKBENCH_SECRET_STORE=keyfile, re-seals keychain secrets with the key file so the CLI can read them', async () => {
    const desktop = openSender({ dataDir: tmp.dir, secretBox: desktopSecretBox(tmp.dir, {}, quiet) });
    const w = desktop.webhooks.create({ url: 'http://127.0.0.1:9/', subscriptions: ['*'] });
    await desktop.close();
    const notes: string[] = [];
    const moved = openSender({
      dataDir: tmp.dir,
      secretBox: desktopSecretBox(
        tmp.dir,
        { HOOKBENCH_SECRET_STORE: 'keyfile' },
        { info: (m: string) => notes.push(m) },
      ),
    });
    expect(moved.store.db.prepare('SELECT secret FROM webhooks').pluck().get()).toMatch(/^enc:v1:file:/);
    await moved.close();
    expect(notes).toEqual([expect.stringMatching(/HOOKBENCH_SECRET_STORE=keyfile/)]);
    const cli = openSender({ dataDir: tmp.dir });
    expect(cli.webhooks.get(w.id).secret).toBe(w.secret);
    await cli.close();
    // From now on the desktop keeps the key file without being asked.
    const again = openSender({ dataDir: tmp.dir, secretBox: desktopSecretBox(tmp.dir, {}, quiet) });
    expect(again.store.secrets.kind).toBe('file');
    await again.close();
  });

  it('falls back to the key file on Linux without a secret service, and says so', async () => {
    fake.backend = 'basic_text';
    const notes: string[] = [];
    const box = desktopSecretBox(tmp.dir, {}, { info: (m: string) => notes.push(m) });
    expect(box.kind).toBe('file');
    expect(notes[0]).toMatch(/no secret service/);
  });
});
