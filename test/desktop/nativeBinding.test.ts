/** Where the desktop app loads better-sqlite3 for Electron from, and that the build script writes exactly there. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirArg } from '../../src-main/desktop/launchArgs';
import {
  nativeBindingPath,
  nativeBindingRelativePath,
  requireNativeBinding,
} from '../../src-main/desktop/nativeBinding';
// @ts-expect-error -- a plain .mjs script without types
import { nativeBuildDir, NATIVE_BINDING_FILE } from '../../scripts/electronNative.mjs';

const place = {
  packaged: false,
  resourcesPath: '/opt/Hookbench/resources',
  appPath: '/src/hookbench',
  electronVersion: '45.4.1',
};

describe('Electron build of better-sqlite3', () => {
  it('is native/electron-<version>/better_sqlite3.node in the repository when developing', () => {
    expect(nativeBindingPath(place)).toBe(join('/src/hookbench', 'native', 'electron-45.4.1', 'better_sqlite3.node'));
  });

  it('is under the resources folder (outside the asar) when packaged', () => {
    expect(nativeBindingPath({ ...place, packaged: true })).toBe(
      join('/opt/Hookbench/resources', 'native', 'electron-45.4.1', 'better_sqlite3.node'),
    );
  });

  it('is where scripts/electronNative.mjs puts it, never node_modules (the Node build stays for tests, CLI and web host)', () => {
    expect(join(nativeBuildDir('/src/hookbench', '45.4.1'), NATIVE_BINDING_FILE)).toBe(nativeBindingPath(place));
    expect(nativeBindingRelativePath('45.4.1')).not.toMatch(/node_modules/);
  });

  it('says how to get it when it is missing', () => {
    expect(() => requireNativeBinding(place, () => false)).toThrow(/npm run native:electron/);
    expect(() => requireNativeBinding({ ...place, packaged: true }, () => false)).toThrow(/package is incomplete/);
    expect(requireNativeBinding(place, () => true)).toBe(nativeBindingPath(place));
  });
});

describe('--data-dir', () => {
  it('takes --data-dir <dir> and --data-dir=<dir>, relative to the working directory', () => {
    expect(dataDirArg(['electron', '.', '--data-dir', '/data/hb'], '/cwd')).toBe('/data/hb');
    expect(dataDirArg(['electron', '.', '--data-dir=work'], '/cwd')).toBe(join('/cwd', 'work'));
    expect(dataDirArg(['hookbench'], '/cwd')).toBeNull();
    expect(dataDirArg(['hookbench', '--data-dir='], '/cwd')).toBeNull();
  });
});
