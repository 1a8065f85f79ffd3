/**
 * Where the desktop app finds better-sqlite3 built for Electron's ABI. scripts/electronNative.mjs
 * builds it into `native/electron-<version>/` at the repository root, beside (never instead of)
 * the Node build in node_modules that tests, the CLI and the web host load; packaging copies that
 * folder to `<resources>/native/`. Pure, so the paths are tested in Node.
 */
import { join } from 'node:path';
import { HookbenchError } from '../api/errors';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

/** `native/electron-45.4.1/better_sqlite3.node`, relative to the repository root or the resources folder. */
export function nativeBindingRelativePath(electronVersion: string): string {
  return join('native', `electron-${electronVersion}`, NATIVE_BINDING_FILE);
}

export interface NativeBindingPlace {
  /** app.isPackaged */
  packaged: boolean;
  /** process.resourcesPath (packaged: extraResources land here, outside the asar). */
  resourcesPath: string;
  /** app.getAppPath() (development: the repository root). */
  appPath: string;
  /** process.versions.electron */
  electronVersion: string;
}

export function nativeBindingPath(place: NativeBindingPlace): string {
  return join(place.packaged ? place.resourcesPath : place.appPath, nativeBindingRelativePath(place.electronVersion));
}

/** The binding's path, or a clear error saying how to get it. */
export function requireNativeBinding(place: NativeBindingPlace, exists: (path: string) => boolean): string {
  const path = nativeBindingPath(place);
  if (exists(path)) return path;
  throw new HookbenchError(
    'unavailable',
    place.packaged
      ? `this Hookbench package is incomplete: ${path} is missing. Reinstall Hookbench.`
      : `better-sqlite3 has not been built for Electron ${place.electronVersion} (looked for ${path}). Run \`npm run native:electron\`, or \`npm start\` which falls back to the web host when it cannot be built.`,
  );
}
