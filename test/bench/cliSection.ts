/**
 * Command-line start-up: wall time from spawning the built `hookbench` (bin/hookbench.mjs →
 * out/cli, rebuilt first from the current sources) until it has answered — `--help`, `sign`,
 * `verify` — or, for `listen`, until its inbox URL is printed. The baseline is `node -e 0` in the
 * same run; the commands and the baseline take turns, so a busy moment slows all of them alike.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../../scripts/buildCli.mjs';
import { getScheme } from '../../src-main/engine/signing/registry';
import { percentile, round } from './stats';
import type { BenchSection, Figures } from './types';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/hookbench.mjs', import.meta.url));
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"user.created","data":{"id":"u_1"}}';

/** Milliseconds until the process exits (or, with `until`, prints a line matching it; then it is killed). */
function timeRun(args: string[], until?: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      if (until?.test(out)) {
        resolve(performance.now() - started);
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('error', reject);
    child.on('close', (code) => {
      if (until) reject(new Error(`${args.join(' ')} ended (exit ${code}) before printing ${until}: ${out}`));
      else if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}: ${out}`));
      else resolve(performance.now() - started);
    });
  });
}

function verifyArgs(): string[] {
  const headers = getScheme('standard').sign({
    id: 'msg_bench',
    timestamp: Math.floor(Date.now() / 1000),
    eventType: 'user.created',
    body: Buffer.from(BODY),
    secrets: [SECRET],
  });
  return Object.entries(headers).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
}

const section: BenchSection = {
  name: 'cli',
  title: 'command-line start-up (wall ms, p50; baseline `node -e 0`)',
  timeoutMs: 180_000,
  // The targets: 0.25 s (0.5 s for listen) on this machine, where `node -e 0` takes
  // 0.09 s when idle; as ratios to the baseline they hold on a busy machine too.
  targets: [
    { key: 'cli.help_vs_node', max: 2.75 },
    { key: 'cli.sign_vs_node', max: 2.75 },
    { key: 'cli.verify_vs_node', max: 2.75 },
    { key: 'cli.listen_ready_vs_node', max: 5.5 },
    { key: 'cli.help_p50_ms', max: 250 },
    { key: 'cli.sign_p50_ms', max: 250 },
    { key: 'cli.verify_p50_ms', max: 250 },
    { key: 'cli.listen_ready_p50_ms', max: 500 },
  ],
  notes: {
    'cli.node_p50_ms': 'ms, `node -e 0` (the floor for any Node tool)',
    'cli.help_vs_node': '× the baseline',
    'cli.sign_vs_node': '× the baseline',
    'cli.verify_vs_node': '× the baseline',
    'cli.listen_ready_vs_node': '× the baseline',
    'cli.build_ms': 'ms to bundle the CLI (scripts/buildCli.mjs), not part of any figure',
  },
  async run(ctx) {
    const buildMs = await buildCli();
    const runs: Record<string, () => Promise<number>> = {
      node: () => timeRun(['-e', '0']),
      help: () => timeRun([BIN, '--help']),
      sign: () => timeRun([BIN, 'sign', '--scheme', 'standard', '--secret', SECRET, '--body', BODY]),
      verify: () =>
        timeRun([BIN, 'verify', '--scheme', 'standard', '--secret', SECRET, '--body', BODY, ...verifyArgs()]),
      listen_ready: () =>
        timeRun([BIN, 'listen', '--port', '0', '--scheme', 'standard', '--secret', SECRET], /Inbox \S+: http/),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
    // One warm-up round (the file cache), then the measured rounds, every command in turn.
    for (const run of Object.values(runs)) await run();
    const rounds = ctx.scaled(15, 5);
    for (let i = 0; i < rounds; i++) {
      if (ctx.signal.aborted) throw new Error('aborted');
      for (const [name, run] of Object.entries(runs)) samples[name]!.push(await run());
    }
    ctx.log(`${rounds} rounds`);
    const p50 = (name: string) => percentile(samples[name]!, 50);
    const figures: Figures = { 'cli.build_ms': round(buildMs, 0), 'cli.node_p50_ms': round(p50('node'), 1) };
    for (const name of Object.keys(runs).filter((n) => n !== 'node')) {
      figures[`cli.${name}_p50_ms`] = round(p50(name), 1);
      figures[`cli.${name}_vs_node`] = round(p50(name) / p50('node'), 2);
    }
    return figures;
  },
};

export default section;
