import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src-main/engine/workbench';

describe('default data directory', () => {
  const home = '/home/ada';

  it('uses $XDG_DATA_HOME/hookbench on Linux when set', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data' }, home })).toBe('/data/hookbench');
  });

  it('falls back to ~/.local/share/hookbench (a relative XDG_DATA_HOME is ignored)', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, home })).toBe('/home/ada/.local/share/hookbench');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'relative' }, home })).toBe(
      '/home/ada/.local/share/hookbench',
    );
  });

  it('uses ~/Library/Application Support/Hookbench on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', env: { XDG_DATA_HOME: '/data' }, home })).toBe(
      '/home/ada/Library/Application Support/Hookbench',
    );
  });

  it('uses %APPDATA%/Hookbench on Windows', () => {
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:/Users/ada/AppData/Roaming' }, home })).toBe(
      join('C:/Users/ada/AppData/Roaming', 'Hookbench'),
    );
  });
});
