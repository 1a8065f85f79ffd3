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

/** Electron 45's installer (and the binary's download helper) need this Node or newer. */
const DESKTOP_NODE = [22, 12];

function nodeTooOld() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < DESKTOP_NODE[0] || (major === DESKTOP_NODE[0] && minor < DESKTOP_NODE[1]);
}

/** Why the download failed, in words: the installer only says "TypeError: fetch failed". */
export function downloadProblem(stderr) {
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo/i.test(stderr))
    return 'no network access to its release server, github.com';
  // Only the downloader's own words: a bare 4xx/5xx number could be a stack trace's line number.
  const status = /(?:status code|Response code) (\d{3})/.exec(stderr);
  if (status) return `its release server answered HTTP ${status[1]}`;
  const line = stderr.split('\n').find((l) => l.trim());
  return (line ?? 'the installer failed without saying why').trim().slice(0, 160);
}

/** Electron 45 fetches its binary on first launch; try once, quietly. Null when it is there now. */
function fetchElectron() {
  if (process.env.HOOKBENCH_NO_ELECTRON_DOWNLOAD) return 'download skipped: HOOKBENCH_NO_ELECTRON_DOWNLOAD is set';
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'pipe',
    timeout: 180_000,
    encoding: 'utf8',
  });
  if (r.status === 0 && electronBinary()) return null;
  return downloadProblem(`${r.stderr ?? ''}\n${r.error?.message ?? ''}`);
}

const URL_LINE = /^Hookbench web host: (\S+)/m;

/** The web host, its output passed through; once it is up, the last line is the URL to open. */
function serveWeb() {
  const child = spawn(process.execPath, [join(root, 'bin', 'hookbench.mjs'), 'serve', ...passArgs], {
    stdio: ['inherit', 'pipe', 'pipe'],
    cwd: root,
  });
  let seen = '';
  let told = false;
  const pass = (to) => (b) => {
    to.write(b);
    if (told) return;
    seen += b.toString();
    const url = URL_LINE.exec(seen)?.[1];
    // serve prints the URL, the receiver, then the data directory: after that, the URL again.
    if (url && /^data: /m.test(seen)) {
      told = true;
      process.stdout.write(`\nOpen Hookbench in your browser: ${url}\n`);
    }
  };
  child.stdout.on('data', pass(process.stdout));
  child.stderr.on('data', pass(process.stderr));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function runDesktop(bin) {
  const child = spawn(bin, ['.', ...passArgs], { stdio: 'inherit', cwd: root });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

/**
 * The build, quiet unless it fails (then all of its output): the app (electron-vite), then the
 * command line the web host runs from (out/cli, scripts/buildCli.mjs) — what `npm run build` does.
 */
function build() {
  const started = Date.now();
  process.stdout.write('Hookbench: building… ');
  for (const script of [
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    [join(root, 'scripts', 'buildCli.mjs')],
  ]) {
    const r = spawnSync(process.execPath, script, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      process.stdout.write('failed:\n\n');
      process.stdout.write(r.stdout ?? '');
      process.stderr.write(r.stderr ?? '');
      process.exit(r.status ?? 1);
    }
  }
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

function main() {
  build();
  const web = 'starting the web host instead: the same UI, in your browser.';
  if (process.env.HOOKBENCH_WEB) {
    console.log(`Hookbench: HOOKBENCH_WEB is set; ${web}`);
    return serveWeb();
  }
  let bin = electronBinary();
  const problem = bin ? null : fetchElectron();
  bin = electronBinary();
  if (!bin) {
    const node = nodeTooOld()
      ? ` (The desktop app also needs Node ${DESKTOP_NODE.join('.')} or newer; this is Node ${process.versions.node}.)`
      : '';
    console.log(
      `Hookbench: could not download the Electron binary (${problem}), so the desktop window cannot open here;`,
    );
    console.log(`${web}${node}`);
    return serveWeb();
  }
  const check = spawnSync(process.execPath, [join(root, 'scripts', 'electronNative.mjs'), '--ensure'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (check.status === 0) return runDesktop(bin);
  console.log(`Hookbench: better-sqlite3 could not be built for Electron here; ${web}`);
  serveWeb();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
