/**
 * The electron-builder configuration and icons: what the installers need and what must never
 * happen (rebuilding node_modules in place would replace the Node build the tests use).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nativeBindingRelativePath } from '../../src-main/desktop/nativeBinding';

const root = new URL('../../', import.meta.url);
const yml = readFileSync(new URL('electron-builder.yml', root), 'utf8');
const line = (key: string) => new RegExp(`^\\s*${key}:\\s*(.+)$`, 'm').exec(yml)?.[1]?.trim();

/** Width and height from a PNG's IHDR. */
function pngSize(path: URL): [number, number] {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('packaging', () => {
  it('names the app', () => {
    expect(line('appId')).toBe('dev.hookbench.app');
    expect(line('productName')).toBe('Hookbench');
    expect(line('output')).toBe('dist');
  });

  it('never rebuilds node_modules in place, and ships the Electron build of better-sqlite3 outside the asar', () => {
    expect(line('npmRebuild')).toBe('false');
    expect(line('nodeGypRebuild')).toBe('false');
    expect(yml).toMatch(/asarUnpack:\n(\s+#.*\n)*\s+- ["']\*\*\/\*\.node["']/);
    expect(yml).toMatch(
      /extraResources:\n(\s+#.*\n)*\s+- from: native\n\s+to: native\n\s+filter:\n\s+- ["']electron-\*\/better_sqlite3\.node["']/,
    );
    // The filter matches the path the app loads (nativeBinding.ts), relative to resources/.
    expect(nativeBindingRelativePath('45.4.1').replace(/\\/g, '/')).toMatch(
      /^native\/electron-[^/]+\/better_sqlite3\.node$/,
    );
  });

  it('builds AppImage and deb (Development) on Linux, dmg on macOS and nsis on Windows', () => {
    expect(yml).toMatch(/linux:\n\s+target:\n\s+- AppImage\n\s+- deb\n\s+category: Development\n\s+maintainer: .+/);
    expect(yml).toMatch(/mac:\n\s+target: dmg/);
    expect(yml).toMatch(/win:\n\s+target: nsis/);
  });

  it('has a real icon: 1024×1024 PNG, its SVG source, and Linux sizes 16–512', () => {
    expect(pngSize(new URL('resources/icon.png', root))).toEqual([1024, 1024]);
    expect(readFileSync(new URL('resources/icon.svg', root), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      const file = new URL(`resources/icons/${size}x${size}.png`, root);
      expect(existsSync(file), `${size}`).toBe(true);
      expect(pngSize(file)).toEqual([size, size]);
    }
  });
});
