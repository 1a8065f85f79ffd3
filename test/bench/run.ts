/**
 * Hookbench bench runner: `npm run bench [-- --json] [-- --only <section>] [-- --scale 0.1]`.
 *
 * Runs the sections below in order (each a module exporting a BenchSection), then prints a
 * table — or, with --json, ONE JSON object on stdout holding every figure, each target, whether
 * it was met, and the process's memory peaks. Progress goes to stderr. Each section has a hard
 * time limit; its temp dirs and child processes are cleaned up however it ends.
 * (`npm run -s bench -- --json` keeps npm's banner out of stdout.)
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round } from './stats';
import type { BenchArgs, BenchContext, BenchSection, BenchTarget, Figures } from './types';

/** The sections, in run order. Add a section: write a module, import it, append it here. */
const SECTIONS: (() => Promise<{ default: BenchSection }>)[] = [
  () => import('./deliverySection'),
  () => import('./receiverSection'),
  () => import('./contractSection'),
  () => import('./apiSection'),
  () => import('./logsSection'),
  () => import('./uiSection'),
  () => import('./cliSection'),
];

type Value = number | boolean | string;
interface Row {
  key: string;
  value: Value;
  note: string;
}

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { json: false, scale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--only') args.only = argv[++i];
    else if (a.startsWith('--only=')) args.only = a.slice('--only='.length);
    else if (a === '--scale') args.scale = Number(argv[++i]);
    else if (a.startsWith('--scale=')) args.scale = Number(a.slice('--scale='.length));
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench -- [--json] [--only <section>] [--scale <factor, default 1>]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  if (!Number.isFinite(args.scale) || args.scale <= 0) throw new Error('--scale must be a positive number');
  return args;
}

/** Unit guessed from a key's suffix when a section gives no note. */
function unitOf(key: string): string {
  if (key.endsWith('_per_s')) return 'per second';
  if (key.endsWith('_ms')) return 'ms';
  if (key.endsWith('_mb')) return 'MiB';
  if (key.endsWith('_bytes')) return 'bytes';
  return '';
}

function describeTarget(t: BenchTarget): string {
  return [t.min !== undefined ? `≥ ${t.min}` : '', t.max !== undefined ? `≤ ${t.max}` : '']
    .filter(Boolean)
    .join(' and ');
}

function checkTarget(t: BenchTarget, value: number | undefined): boolean {
  if (value === undefined || !Number.isFinite(value)) return false;
  return (t.min === undefined || value >= t.min) && (t.max === undefined || value <= t.max);
}

/** Samples this process's RSS every 100 ms for the whole run. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { peakRssMb: peak / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    },
  };
}

/** The running section's clean-ups, so Ctrl-C still removes temp dirs and stops the child. */
let activeCleanups: (() => unknown)[] = [];
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    process.stderr.write(`bench: ${sig}, cleaning up\n`);
    const pending = activeCleanups.reverse().map((fn) =>
      Promise.resolve()
        .then(fn)
        .catch(() => {}),
    );
    activeCleanups = [];
    void Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 3_000))]).then(() => process.exit(130));
  });
}

async function runSection(section: BenchSection, args: BenchArgs, log: (l: string) => void) {
  const cleanups: (() => unknown)[] = [];
  activeCleanups = cleanups;
  const abort = new AbortController();
  const ctx: BenchContext = {
    args,
    signal: abort.signal,
    log: (line) => log(`[${section.name}] ${line}`),
    tempDir(prefix = 'hookbench-bench-') {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    defer: (fn) => {
      cleanups.push(fn);
    },
    scaled: (n, min = 1) => Math.max(min, Math.round(n * args.scale)),
  };
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`section ${section.name} exceeded its ${section.timeoutMs / 1000} s limit`));
      }, section.timeoutMs);
    });
    const figures = await Promise.race([section.run(ctx), timeout]);
    return { figures, error: undefined as string | undefined, seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    abort.abort();
    return {
      figures: {} as Figures,
      error: e instanceof Error ? e.message : String(e),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    clearTimeout(timer);
    activeCleanups = [];
    for (const fn of cleanups.reverse()) {
      try {
        await Promise.race([fn(), new Promise((r) => setTimeout(r, 5_000))]);
      } catch (e) {
        log(`[${section.name}] cleanup failed: ${e}`);
      }
    }
  }
}

function printTable(rows: Row[]): void {
  const fmt = (v: Value) => (typeof v === 'boolean' ? (v ? 'yes' : 'NO') : typeof v === 'number' ? String(v) : v);
  const data = rows.filter((r) => !r.key.startsWith('#'));
  const kw = Math.max(3, ...data.map((r) => r.key.length));
  const vw = Math.max(5, ...data.map((r) => fmt(r.value).length));
  const line = (k: string, v: string, n: string) => `${k.padEnd(kw)}  ${v.padStart(vw)}  ${n}`.trimEnd();
  const out = [line('key', 'value', 'unit / notes'), line('-'.repeat(kw), '-'.repeat(vw), '-'.repeat(12))];
  for (const r of rows) out.push(r.key.startsWith('#') ? `\n${r.key.slice(1)}` : line(r.key, fmt(r.value), r.note));
  process.stdout.write(out.join('\n') + '\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const sections = await Promise.all(SECTIONS.map(async (load) => (await load()).default));
  const chosen = args.only ? sections.filter((s) => s.name === args.only) : sections;
  if (chosen.length === 0)
    throw new Error(`no section named ${args.only}; sections: ${sections.map((s) => s.name).join(', ')}`);

  const rss = rssSampler();
  const started = performance.now();
  const result: Record<string, Value> = {};
  const rows: Row[] = [];
  let allMet = true;
  let failed = false;
  for (const section of chosen) {
    log(`[${section.name}] ${section.title}`);
    const r = await runSection(section, args, log);
    rows.push({ key: `#${section.name}: ${section.title}`, value: '', note: '' });
    for (const [key, value] of Object.entries(r.figures)) {
      result[key] = value;
      rows.push({ key, value, note: section.notes?.[key] ?? unitOf(key) });
    }
    for (const t of section.targets ?? []) {
      const met = checkTarget(t, r.figures[t.key]);
      allMet &&= met;
      const bound = t.min ?? t.max!;
      result[`${t.key}_target`] = bound;
      result[`${t.key}_met`] = met;
      rows.push({ key: `${t.key}_target`, value: bound, note: `target: ${t.key} ${describeTarget(t)}` });
      rows.push({ key: `${t.key}_met`, value: met, note: r.figures[t.key] === undefined ? 'not measured' : '' });
    }
    result[`${section.name}.seconds`] = round(r.seconds, 1);
    rows.push({ key: `${section.name}.seconds`, value: round(r.seconds, 1), note: 's, wall time of the section' });
    if (r.error) {
      failed = true;
      result[`${section.name}.error`] = r.error;
      rows.push({ key: `${section.name}.error`, value: 'ERROR', note: r.error });
      log(`[${section.name}] FAILED: ${r.error}`);
    }
  }
  const mem = rss.stop();
  const tail: [string, Value, string][] = [
    ['process.peak_rss_mb', round(mem.peakRssMb, 1), 'MiB, bench process RSS sampled every 100 ms'],
    ['process.max_rss_mb', round(mem.maxRssMb, 1), 'MiB, process.resourceUsage().maxRSS'],
    ['bench.seconds', round((performance.now() - started) / 1000, 1), 's, whole run'],
    ['bench.scale', args.scale, 'work-size factor (1 = the real bench)'],
    ['bench.all_targets_met', allMet, ''],
  ];
  rows.push({ key: '#process', value: '', note: '' });
  for (const [key, value, note] of tail) {
    result[key] = value;
    rows.push({ key, value, note });
  }

  if (args.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else printTable(rows);
  process.exitCode = failed ? 1 : 0;
}

// Exit explicitly: a section that timed out may have left handles behind.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : e}\n`);
    process.exit(2);
  },
);
