/**
 * The web host serves the built renderer (`out/renderer`). Builds it when it is missing or
 * older than the renderer's sources, with the project's own electron-vite config (renderer
 * part only, so a half-written main process never blocks the UI tests or the UI bench).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = join(ROOT, 'out/renderer/index.html');
const SOURCES = ['src-renderer', 'src-main/api'].map((d) => join(ROOT, d));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureRendererBuilt(
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<void> {
  const stale = !existsSync(BUILT) || statSync(BUILT).mtimeMs < Math.max(...SOURCES.map(newestMtime));
  if (!stale) return;
  log('building the renderer (out/renderer)…');
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const resolved = await resolveConfig({ root: ROOT, logLevel: 'error' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer config');
  await build(renderer);
}
