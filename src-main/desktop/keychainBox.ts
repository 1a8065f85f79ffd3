/**
 * Secrets at rest on desktop: Electron's safeStorage (macOS Keychain, Windows DPAPI, libsecret
 * or KWallet on Linux) where it really protects them, else the key file the web host and CLI use.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { HookbenchError, isHookbenchError } from '../api/errors';
import { KEY_FILE_NAME, keyFileBox } from '../engine/secrets/keyFileBox';
import { readingAlso, sealedPayload, sealedValue, type SecretBox } from '../engine/secrets/secretBox';

export function keychainBox(): SecretBox {
  return {
    kind: 'keychain',
    seal: (plain) => sealedValue('keychain', safeStorage.encryptString(plain)),
    open(sealed) {
      const payload = sealedPayload(sealed, 'keychain');
      try {
        return safeStorage.decryptString(payload);
      } catch (e) {
        if (isHookbenchError(e)) throw e;
        throw new HookbenchError(
          'unavailable',
          `the OS keychain could not decrypt a secret in this database (${e instanceof Error ? e.message : String(e)}): it was sealed on another ` +
            'machine or user account, or the keychain entry "Hookbench Safe Storage" was removed. Set the secrets again after restoring that entry.',
        );
      }
    },
  };
}

export type SecretStoreChoice = { store: 'keychain' } | { store: 'file'; note: string | null };

export interface SecretStoreFacts {
  /** HOOKBENCH_SECRET_STORE=keyfile: seal with the key file even where a keychain exists (to share or move the data directory). */
  requested?: string;
  /** `<dataDir>/hookbench.key` exists: this data directory is sealed with the key file (the CLI or web host made it). */
  keyFileExists: boolean;
  /** safeStorage.isEncryptionAvailable() */
  encryptionAvailable: boolean;
  platform: NodeJS.Platform;
  /** safeStorage.getSelectedStorageBackend() on Linux. */
  linuxBackend?: string;
}

/** Which backend seals this data directory's secrets, and a note to log when it is not the keychain. Pure. */
export function chooseSecretStore(facts: SecretStoreFacts): SecretStoreChoice {
  if (facts.requested === 'keyfile')
    return {
      store: 'file',
      note: 'HOOKBENCH_SECRET_STORE=keyfile: secrets are sealed with the key file hookbench.key in the data directory',
    };
  // Keep what the directory already uses, so the CLI and web host can keep reading it.
  if (facts.keyFileExists) return { store: 'file', note: null };
  if (!facts.encryptionAvailable) {
    return {
      store: 'file',
      note: 'the OS keychain is not available to Electron, so secrets are sealed with the key file hookbench.key in the data directory',
    };
  }
  // Without a secret service Electron "encrypts" with a fixed built-in password: no protection at all.
  if (facts.platform === 'linux' && (facts.linuxBackend === 'basic_text' || facts.linuxBackend === 'unknown')) {
    return {
      store: 'file',
      note: 'no secret service (GNOME Keyring, KWallet) is running, so secrets are sealed with the key file hookbench.key in the data directory',
    };
  }
  return { store: 'keychain' };
}

/**
 * The box the desktop app gives the Workbench. It also reads the keychain where one exists, so a
 * data directory switched to the key file has its keychain secrets re-sealed when it opens.
 * Call after app 'ready' (safeStorage needs it on Linux).
 */
export function desktopSecretBox(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  log: Pick<Console, 'info'> = console,
): SecretBox {
  const encryptionAvailable = safeStorage.isEncryptionAvailable();
  const choice = chooseSecretStore({
    requested: env['HOOKBENCH_SECRET_STORE'],
    keyFileExists: existsSync(join(dataDir, KEY_FILE_NAME)),
    encryptionAvailable,
    platform: process.platform,
    linuxBackend:
      process.platform === 'linux' && encryptionAvailable ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  if (choice.store === 'keychain') return keychainBox();
  if (choice.note) log.info(`hookbench: ${choice.note}.`);
  return readingAlso(keyFileBox(dataDir), encryptionAvailable ? [keychainBox()] : []);
}
