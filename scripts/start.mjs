#!/usr/bin/env node
// `npm start`: build, then open the desktop app; where Electron cannot run, say so in one
// line and start the web host (the same UI in a browser) instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const passArgs = process.argv.slice(2);

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin) ? bin : null;
}

/** Electron 45 fetches its binary on first launch; try once, quietly. */
function fetchElectron() {
  if (process.env.HOOKBENCH_NO_ELECTRON_DOWNLOAD) return 'download skipped (HOOKBENCH_NO_ELECTRON_DOWNLOAD)';
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'pipe',
    timeout: 180_000,
    encoding: 'utf8',
  });
  if (r.status === 0 && electronBinary()) return null;
  const why = `${r.stderr ?? ''}`
    .split('\n')
    .find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|status code/i.test(l));
  return (why ?? 'download failed').trim().slice(0, 160);
}

function run(cmd, args, env = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  { stdio: 'inherit', cwd: root },
);
if (build.status !== 0) process.exit(build.status ?? 1);

let bin = electronBinary();
const problem = bin ? null : fetchElectron();
bin = electronBinary();
if (bin && !process.env.HOOKBENCH_WEB) {
  const check = spawnSync(process.execPath, [join(root, 'scripts', 'electronNative.mjs'), '--ensure'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (check.status === 0) run(bin, ['.', ...passArgs]);
  else {
    console.log(
      'Hookbench: better-sqlite3 could not be built for Electron here; starting the web host instead (same UI in your browser).',
    );
    run(process.execPath, [join(root, 'bin', 'hookbench.mjs'), 'serve', ...passArgs]);
  }
} else {
  console.log(
    `Hookbench: the Electron binary is not installed and could not be fetched (${problem ?? 'HOOKBENCH_WEB set'}); starting the web host instead (same UI in your browser).`,
  );
  run(process.execPath, [join(root, 'bin', 'hookbench.mjs'), 'serve', ...passArgs]);
}
