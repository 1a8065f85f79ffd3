/** Where Hookbench keeps its data by default: the desktop app, the web host and the CLI open the same directory. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DataDirEnv {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  home?: string;
}

/**
 * Linux and others: `$XDG_DATA_HOME/hookbench`, else `~/.local/share/hookbench`;
 * macOS: `~/Library/Application Support/Hookbench`; Windows: `%APPDATA%/Hookbench`.
 */
export function defaultDataDir(opts: DataDirEnv = {}): string {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const home = opts.home ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hookbench');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Hookbench');
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'hookbench');
}
