#!/usr/bin/env node
// `npm run native:electron` (and `npm start`, `npm run dist`): better-sqlite3 built for
// Electron's ABI, in native/electron-<version>/better_sqlite3.node — BESIDE the Node build in
// node_modules/better-sqlite3/build that tests, the CLI and the web host load, never instead of
// it. The sources are copied to a temp folder and built there with node-gyp against Electron's
// headers; node_modules is only read.
//
// Exit 0 when the build exists (or was made). Otherwise exit 1 with ONE line saying why; the
// full build log is kept next to the output. Needs the Electron headers (downloaded once from
// electronjs.org, or unpacked locally and named by HOOKBENCH_ELECTRON_NODEDIR) and a C++ toolchain.
//
//   --ensure   build only when missing or stale (the default)
//   --force    build even when present
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEADERS_URL = 'https://www.electronjs.org/headers';
const PROBE_TIMEOUT_MS = 10_000;
const BUILD_TIMEOUT_MS = Number(process.env.HOOKBENCH_NATIVE_TIMEOUT_MS) || 15 * 60_000;

/** Must match src-main/desktop/nativeBinding.ts (test/desktop/nativeBinding.test.ts checks it). */
export function nativeBuildDir(root, electronVersion) {
  return join(root, 'native', `electron-${electronVersion}`);
}
export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

class BuildError extends Error {}

function readVersion(pkgDir, what) {
  try {
    return JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    throw new BuildError(`${what} is not installed (run npm install)`);
  }
}

/** Where node-gyp keeps Electron headers (the same folder @electron/rebuild uses). */
const devDir = () => join(homedir(), '.electron-gyp');

function headersCached(electronVersion) {
  return existsSync(join(devDir(), electronVersion, 'include', 'node', 'node_version.h'));
}

/** Fail in seconds, not at the end of a long timeout, when the headers cannot be downloaded. */
async function probeHeaders(electronVersion) {
  const url = `${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!res.ok) throw new BuildError(`the Electron ${electronVersion} headers are not at ${url} (HTTP ${res.status})`);
  } catch (e) {
    if (e instanceof BuildError) throw e;
    const cause = e?.cause?.code ?? e?.cause?.message ?? e?.name ?? String(e);
    throw new BuildError(
      `the Electron ${electronVersion} headers could not be downloaded from ${HEADERS_URL}: ${cause === 'TimeoutError' ? `no answer in ${PROBE_TIMEOUT_MS / 1000} s` : cause}`,
    );
  }
}

/** node-gyp reads npm_config_* (an npm user config may point nodedir at Node's own headers): keep only ours. */
function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|devdir|build_from_source)$/i.test(key))
      delete env[key];
  }
  return env;
}

function run(cmd, args, opts, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...opts,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    child.stdout.on('data', (c) => log.push(c));
    child.stderr.on('data', (c) => log.push(c));
    const timer = setTimeout(() => {
      try {
        process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL'); // node-gyp, make and the compilers
      } catch {
        // already exited
      }
      reject(new BuildError(`the build took longer than ${Math.round(BUILD_TIMEOUT_MS / 60_000)} min and was stopped`));
    }, BUILD_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new BuildError(`could not run ${cmd}: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** The most telling line of a failed node-gyp log. */
function failureReason(text) {
  const lines = text.split('\n').map((l) => l.trim());
  const pick = (re) => lines.find((l) => re.test(l));
  return (
    pick(/gyp ERR! stack Error: (?!`make` failed)/)?.replace(/^gyp ERR! stack Error: /, '') ??
    pick(/\berror:|fatal error/i) ??
    pick(/gyp ERR! (?!stack|System|command|cwd|node -v|node-gyp -v|not ok)/)?.replace(/^gyp ERR! /, '') ??
    'node-gyp failed'
  ).slice(0, 200);
}

async function build({ electronVersion, sqliteVersion, outDir, logFile }) {
  const nodedir = process.env.HOOKBENCH_ELECTRON_NODEDIR;
  const nodeGyp = join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(nodeGyp))
    throw new BuildError('node-gyp is not installed (it comes with @electron/rebuild; run npm install)');

  const work = mkdtempSync(join(tmpdir(), 'hookbench-native-'));
  const log = [];
  try {
    // A copy of the sources only: node_modules/better-sqlite3/build (the Node build) is never touched.
    const source = join(ROOT, 'node_modules', 'better-sqlite3');
    const copy = join(work, 'better-sqlite3');
    cpSync(source, copy, {
      recursive: true,
      filter: (p) => {
        const r = relative(source, p);
        return r !== 'build' && !r.startsWith(`build${sep}`);
      },
    });
    const args = [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      `--dist-url=${HEADERS_URL}`,
      `--devdir=${devDir()}`,
      ...(nodedir ? [`--nodedir=${nodedir}`] : []),
    ];
    const code = await run(process.execPath, args, { cwd: copy, env: buildEnv() }, log);
    const built = join(copy, 'build', 'Release', NATIVE_BINDING_FILE);
    if (code !== 0 || !existsSync(built)) throw new BuildError(failureReason(Buffer.concat(log).toString()));
    checkAbi(built, electronVersion);

    mkdirSync(outDir, { recursive: true });
    const partial = join(outDir, `${NATIVE_BINDING_FILE}.partial`);
    cpSync(built, partial);
    renameSync(partial, join(outDir, NATIVE_BINDING_FILE));
    writeFileSync(
      join(outDir, 'build-info.json'),
      `${JSON.stringify(stamp(electronVersion, sqliteVersion), null, 2)}\n`,
    );
  } finally {
    if (log.length) {
      mkdirSync(dirname(logFile), { recursive: true });
      writeFileSync(logFile, Buffer.concat(log));
    }
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A module built for Electron must NOT load in this Node: its ABI (NODE_MODULE_VERSION) is
 * Electron's. One that loads was built against Node's headers (a wrong HOOKBENCH_ELECTRON_NODEDIR).
 */
export function checkAbi(file, electronVersion) {
  const want = readFileSync(join(ROOT, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  const r = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(file)})`], {
    encoding: 'utf8',
  });
  if (r.status === 0) {
    throw new BuildError(
      `the build loads in Node ${process.versions.node}, so it was made against Node's headers, not Electron ${electronVersion}'s (check HOOKBENCH_ELECTRON_NODEDIR)`,
    );
  }
  // Another load failure (missing symbols outside Electron) says nothing about the ABI: accept it.
  const got = /NODE_MODULE_VERSION (\d+)/.exec(r.stderr)?.[1];
  if (got !== undefined && got !== want)
    throw new BuildError(`the build has ABI ${got ?? 'unknown'}, Electron ${electronVersion} needs ${want}`);
}

const stamp = (electronVersion, sqliteVersion) => ({
  electron: electronVersion,
  betterSqlite3: sqliteVersion,
  platform: process.platform,
  arch: process.arch,
});

function upToDate(outDir, electronVersion, sqliteVersion) {
  if (!existsSync(join(outDir, NATIVE_BINDING_FILE))) return false;
  try {
    const info = JSON.parse(readFileSync(join(outDir, 'build-info.json'), 'utf8'));
    const want = stamp(electronVersion, sqliteVersion);
    return Object.entries(want).every(([k, v]) => info[k] === v);
  } catch {
    return false;
  }
}

async function main(argv) {
  const force = argv.includes('--force');
  let electronVersion = '?';
  let logFile = null;
  try {
    electronVersion = readVersion(join(ROOT, 'node_modules', 'electron'), 'electron');
    const sqliteVersion = readVersion(join(ROOT, 'node_modules', 'better-sqlite3'), 'better-sqlite3');
    const outDir = nativeBuildDir(ROOT, electronVersion);
    if (!force && upToDate(outDir, electronVersion, sqliteVersion)) return 0;
    if (!process.env.HOOKBENCH_ELECTRON_NODEDIR && !headersCached(electronVersion)) await probeHeaders(electronVersion);
    logFile = join(ROOT, 'native', `build-electron-${electronVersion}.log`);
    rmSync(logFile, { force: true });
    console.log(
      `hookbench: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (about a minute)…`,
    );
    await build({ electronVersion, sqliteVersion, outDir, logFile });
    rmSync(logFile, { force: true });
    console.log(`hookbench: built ${relative(ROOT, join(outDir, NATIVE_BINDING_FILE))}`);
    return 0;
  } catch (e) {
    const reason = e instanceof BuildError ? e.message : (e?.message ?? String(e));
    const log = logFile && existsSync(logFile) ? `; log: ${relative(ROOT, logFile)}` : '';
    console.error(
      `hookbench: cannot build better-sqlite3 for Electron ${electronVersion}: ${reason}${log}. ` +
        'Run `npm run native:electron` once where electronjs.org is reachable, or set HOOKBENCH_ELECTRON_NODEDIR to unpacked Electron headers.',
    );
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
