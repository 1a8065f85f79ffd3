#!/usr/bin/env node
/**
 * Bundles the `hookbench` command line (and the web host it serves) into plain JavaScript in
 * out/cli, so the installed command starts without compiling TypeScript. Each command is its own
 * chunk, loaded only when that command runs (src-main/cli/commandTable.ts). better-sqlite3 stays
 * outside the bundle: it is a native module, installed as the package's one runtime dependency.
 *
 *   node scripts/buildCli.mjs           build out/cli (about a second)
 *
 * The build goes to a fresh directory that replaces out/cli in one rename, so a command started
 * meanwhile never sees half a bundle.
 */
import { rmSync, renameSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT = join(root, 'out', 'cli');

/** Builds out/cli; returns the time it took in ms. */
export async function buildCli() {
  const started = performance.now();
  const staging = `${CLI_OUT}.build-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'src-main/cli/main.ts',
      // The store's write thread is started by path beside the chunk that holds writeWorker.ts.
      writeThread: 'src-main/engine/store/writeThread.js',
    },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.js' },
    chunkNames: '[name]-[hash]',
    external: ['better-sqlite3'],
    // Bundled CommonJS packages (commander, ws) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __hookbenchRequire } from 'node:module'; const require = __hookbenchRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const old = `${CLI_OUT}.old-${process.pid}`;
  if (existsSync(CLI_OUT)) renameSync(CLI_OUT, old);
  renameSync(staging, CLI_OUT);
  rmSync(old, { recursive: true, force: true });
  return performance.now() - started;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ms = await buildCli();
  process.stdout.write(`hookbench: command line built in out/cli (${Math.round(ms)} ms)\n`);
}
