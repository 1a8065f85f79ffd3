/**
 * Issue "receiver ingest": the real receiver (route, read, verify the Standard Webhooks
 * signature, answer, persist every request in SQLite) against a bare node:http server that only
 * answers 200 — same load generator, same run. Both servers run in child processes so the
 * generator does not share their event loop; everything stays on 127.0.0.1.
 *
 * Order: bare, receiver, bare, receiver, … bare (ROUNDS receiver runs). The machine's speed drifts
 * over seconds, so each receiver run is compared with the bare runs on either side of it, and
 * the median round is reported.
 * Every request is signed up front (distinct webhook-ids), so signing is not measured.
 *
 * Profiling the receiver child: HOOKBENCH_BENCH_CPU_PROF=<dir> npm run bench -- --only receiver
 * writes a .cpuprofile of the child into <dir>.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { getScheme } from '../../src-main/engine/signing/registry';
import type { IngestChildConfig, IngestCounts, IngestMessage, IngestReply } from './receiverIngestChild';
import { startReceiverProcess } from './receiverProcess';
import { medianBy, percentile, round } from './stats';
import type { BenchContext, BenchSection, Figures } from './types';

const CONCURRENCY = 10;
/** Receiver runs, interleaved with ROUNDS + 1 bare runs. */
const ROUNDS = 3;
const EVENT_TYPE = 'invoice.paid';
const TARGET_BODY_BYTES = 500;
const SLUG = 'bench';
const WARMUP_SLUG = 'bench-warmup';
/** Fixed test secret (32 bytes of base64); the receiver's inbox is created with it. */
export const SECRET = `whsec_${Buffer.from('hookbench-receiver-bench-secret!').toString('base64')}`;
const REQUEST_TIMEOUT_MS = 15_000;
/** USER_HZ: the unit of utime / stime in /proc/<pid>/stat (100 on every mainstream Linux). */
const CLOCK_TICKS_PER_S = 100;
const CHILD_SCRIPT = fileURLToPath(new URL('./receiverIngestChild.ts', import.meta.url));
const HANDROLLED_SCRIPT = fileURLToPath(new URL('./handrolledReceiver.ts', import.meta.url));

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}
export interface LoadResult {
  ms: number;
  perSecond: number;
  latencies: Float64Array;
  failures: number;
  firstFailure?: string;
  /** CPU of this (the generator's) process per request, µs. */
  generatorCpuUs: number;
}
export interface CpuPerRequest {
  userUs: number;
  systemUs: number;
  totalUs: number;
}

const section: BenchSection = {
  name: 'receiver',
  title:
    'Receiver ingest (verify + persist) vs a bare node:http server answering 200 (both in child processes, 127.0.0.1)',
  timeoutMs: 240_000,
  targets: [
    { key: 'receiver.ratio', min: 0.6 },
    { key: 'receiver.handrolled_ratio', min: 1.3 },
  ],
  notes: {
    'receiver.requests': 'signed POSTs per measured run (distinct webhook-ids)',
    'receiver.concurrency': 'requests in flight (undici Agent, 10 connections)',
    'receiver.payload_bytes': 'JSON body size (plus Standard Webhooks headers)',
    'receiver.rounds': 'receiver runs, each between two bare runs (bare, receiver, bare, …, bare)',
    'receiver.bare_per_s': 'req/s, bare node:http 200, median of the bare runs',
    'receiver.bare_min_per_s': 'req/s, slowest bare run (how much the machine drifted)',
    'receiver.bare_max_per_s': 'req/s, fastest bare run',
    'receiver.bare_p50_ms': 'ms per request, bare (median run)',
    'receiver.bare_p99_ms': 'ms per request, bare (median run)',
    'receiver.ingest_per_s': 'req/s, real receiver: verify + answer 200 + store in SQLite (the median round)',
    'receiver.ingest_p50_ms': 'ms per request as the generator saw it, receiver',
    'receiver.ingest_p99_ms': 'ms per request as the generator saw it, receiver',
    'receiver.ingest_drain_ms': 'ms from the last response until the receiver had stored everything',
    'receiver.ratio': 'median over the rounds of receiver req/s ÷ the mean of the two bare runs around it',
    'receiver.handrolled_per_s':
      'req/s, a hand-rolled node:http + node:crypto Standard Webhooks check + one better-sqlite3 INSERT committed before each answer (the median round)',
    'receiver.handrolled_ratio': 'median over the rounds of receiver req/s ÷ the hand-rolled run right after it',
    'receiver.handrolled_cpu_us': 'µs of hand-rolled child CPU (user + system) per request',
    'receiver.ratio_min': 'lowest round',
    'receiver.ratio_max': 'highest round',
    'receiver.stored_valid':
      'rows stored for the inbox with a valid signature, answered 200, not duplicates (must equal rounds × requests)',
    'receiver.bare_cpu_us': 'µs of bare-server CPU (user + system) per request, in its median run (Linux /proc only)',
    'receiver.ingest_cpu_us': 'µs of receiver-child CPU (user + system) per request (Linux /proc only)',
    'receiver.ingest_cpu_system_us': 'µs of it in the kernel (socket, SQLite WAL writes)',
    'receiver.ingest_loop_cpu_us':
      "µs of it on the receiver's event-loop thread (the rest: the write worker, libuv, GC threads)",
    'receiver.cpu_ratio':
      'bare_cpu_us / ingest_cpu_us: the ratio with contention for the cores taken out (not a target)',
    'receiver.child_max_rss_mb': 'MiB, receiver child peak RSS',
  },

  async run(ctx) {
    const n = ctx.scaled(20_000, 500);
    // Long enough for the JIT to settle in both servers (a shorter one left round 1 ~40 % slower).
    const warmup = Math.min(10_000, n);
    const figures: Figures = { 'receiver.requests': n, 'receiver.concurrency': CONCURRENCY };

    const bare = await startReceiverProcess();
    ctx.defer(() => bare.close());
    const handrolled = await startReceiverProcess({
      script: HANDROLLED_SCRIPT,
      args: [
        JSON.stringify({ dbFile: join(ctx.tempDir('hookbench-bench-handrolled-'), 'handrolled.db'), secret: SECRET }),
      ],
    });
    ctx.defer(() => handrolled.close());
    const ingest = await startIngestChild(ctx);
    ctx.log(`bare receiver pid ${bare.pid} on ${bare.url}; receiver pid ${ingest.pid} on ${ingest.url}`);

    const agent = new Agent({
      connections: CONCURRENCY,
      keepAliveTimeout: 60_000,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    });
    ctx.defer(() => agent.destroy().catch(() => {}));

    const runBare = async (label: string) => {
      await load(ctx, agent, bare.url, prepare('bare-warm', warmup, SLUG));
      const cpu0 = procCpu(bare.pid);
      const r = await load(ctx, agent, bare.url, prepare(label, n, SLUG));
      const cpu = cpuPerRequest(cpu0, procCpu(bare.pid), n);
      requireAll200(r, `bare (${label})`);
      ctx.log(
        `bare ${label}: ${n} requests in ${r.ms.toFixed(0)} ms = ${r.perSecond.toFixed(0)}/s, p50 ${percentile(Array.from(r.latencies), 50).toFixed(2)} ms; ` +
          `CPU/request: server ${describeCpu(cpu)}, generator ${r.generatorCpuUs.toFixed(0)} µs`,
      );
      return { ...r, cpu };
    };

    // The receiver checks timestamps (±300 s), so its requests are signed just before each run.
    const hrWarm = await load(ctx, agent, handrolled.url, prepare('hr-warm', warmup, SLUG));
    requireAll200(hrWarm, 'hand-rolled warm-up');
    const warm = await load(ctx, agent, ingest.url, prepare('rcv-warm', warmup, WARMUP_SLUG));
    requireAll200(warm, 'receiver warm-up');
    await ingest.idle();

    // Interleaved: bare, receiver, bare, receiver, …, bare. Each receiver run is compared with
    // the mean of the bare runs on either side of it, and the ratio reported is the median round.
    const bareRuns = [await runBare('0')];
    const rounds: {
      rcv: LoadResult;
      cpu?: CpuPerRequest;
      loop?: CpuPerRequest;
      drainMs: number;
      ratio: number;
      handrolled: LoadResult;
      handrolledCpu?: CpuPerRequest;
      handrolledRatio: number;
    }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const requests = prepare(`rcv${round}`, n, SLUG);
      figures['receiver.payload_bytes'] = requests[0]!.body.length;
      const cpu0 = procCpu(ingest.pid);
      const loop0 = procCpu(ingest.pid, ingest.pid);
      const rcv = await load(ctx, agent, ingest.url, requests);
      const tLast = performance.now();
      await ingest.idle();
      const drainMs = performance.now() - tLast;
      const cpu = cpuPerRequest(cpu0, procCpu(ingest.pid), n);
      const loop = cpuPerRequest(loop0, procCpu(ingest.pid, ingest.pid), n);
      requireAll200(rcv, `receiver (round ${round})`);
      ctx.log(
        `receiver ${round}: ${n} requests in ${rcv.ms.toFixed(0)} ms = ${rcv.perSecond.toFixed(0)}/s (+${drainMs.toFixed(1)} ms to store the last); ` +
          `CPU/request: receiver ${describeCpu(cpu)} (event loop ${describeCpu(loop)}), generator ${rcv.generatorCpuUs.toFixed(0)} µs`,
      );
      const hrCpu0 = procCpu(handrolled.pid);
      const hr = await load(ctx, agent, handrolled.url, prepare(`hr${round}`, n, SLUG));
      const handrolledCpu = cpuPerRequest(hrCpu0, procCpu(handrolled.pid), n);
      requireAll200(hr, `hand-rolled (round ${round})`);
      ctx.log(
        `hand-rolled ${round}: ${n} requests in ${hr.ms.toFixed(0)} ms = ${hr.perSecond.toFixed(0)}/s; CPU/request ${describeCpu(handrolledCpu)}`,
      );
      bareRuns.push(await runBare(String(round)));
      const around = (bareRuns[round - 1]!.perSecond + bareRuns[round]!.perSecond) / 2;
      rounds.push({
        rcv,
        cpu,
        loop,
        drainMs,
        ratio: rcv.perSecond / around,
        handrolled: hr,
        handrolledCpu,
        handrolledRatio: rcv.perSecond / hr.perSecond,
      });
      ctx.log(
        `round ${round}: ratio ${(rcv.perSecond / around).toFixed(3)} (receiver ${rcv.perSecond.toFixed(0)}/s vs ${around.toFixed(0)}/s bare around it); ` +
          `${(rcv.perSecond / hr.perSecond).toFixed(3)} × hand-rolled`,
      );
    }

    const counts = await ingest.count(SLUG);
    const total = n * ROUNDS;
    const storedValid =
      counts.valid === counts.total && counts.ok === counts.total && counts.duplicates === 0
        ? counts.total
        : Math.min(counts.valid, counts.ok);
    ctx.log(
      `stored: ${counts.total} rows, ${counts.valid} valid, ${counts.ok} answered 200, ${counts.duplicates} duplicates`,
    );

    const mid = medianBy(rounds, (r) => r.ratio);
    const hrMid = medianBy(rounds, (r) => r.handrolledRatio);
    const bareMid = medianBy(bareRuns, (r) => r.perSecond);
    const ingestLat = Array.from(mid.rcv.latencies);
    const bareLat = Array.from(bareMid.latencies);
    Object.assign(figures, {
      'receiver.rounds': ROUNDS,
      'receiver.bare_per_s': round(bareMid.perSecond, 0),
      'receiver.bare_min_per_s': round(Math.min(...bareRuns.map((r) => r.perSecond)), 0),
      'receiver.bare_max_per_s': round(Math.max(...bareRuns.map((r) => r.perSecond)), 0),
      'receiver.bare_p50_ms': round(percentile(bareLat, 50), 2),
      'receiver.bare_p99_ms': round(percentile(bareLat, 99), 2),
      'receiver.ingest_per_s': round(mid.rcv.perSecond, 0),
      'receiver.ingest_p50_ms': round(percentile(ingestLat, 50), 2),
      'receiver.ingest_p99_ms': round(percentile(ingestLat, 99), 2),
      'receiver.ingest_drain_ms': round(mid.drainMs, 1),
      'receiver.ratio': round(mid.ratio, 3),
      'receiver.ratio_min': round(Math.min(...rounds.map((r) => r.ratio)), 3),
      'receiver.ratio_max': round(Math.max(...rounds.map((r) => r.ratio)), 3),
      'receiver.handrolled_per_s': round(hrMid.handrolled.perSecond, 0),
      'receiver.handrolled_ratio': round(hrMid.handrolledRatio, 3),
      ...(hrMid.handrolledCpu ? { 'receiver.handrolled_cpu_us': round(hrMid.handrolledCpu.totalUs, 0) } : {}),
      'receiver.stored_valid': storedValid,
      'receiver.child_max_rss_mb': round(counts.maxRssMb, 1),
    });
    if (mid.cpu && bareMid.cpu) {
      Object.assign(figures, {
        'receiver.bare_cpu_us': round(bareMid.cpu.totalUs, 0),
        'receiver.ingest_cpu_us': round(mid.cpu.totalUs, 0),
        'receiver.ingest_cpu_system_us': round(mid.cpu.systemUs, 0),
        ...(mid.loop ? { 'receiver.ingest_loop_cpu_us': round(mid.loop.totalUs, 0) } : {}),
        'receiver.cpu_ratio': round(bareMid.cpu.totalUs / mid.cpu.totalUs, 3),
      });
    }
    if (storedValid !== total || counts.total !== total) {
      throw new Error(
        `receiver stored ${counts.total} rows for ${total} requests (${counts.valid} valid, ${counts.ok} answered 200, ${counts.duplicates} duplicates); expected ${total} valid, 200, no duplicates`,
      );
    }
    await agent.close();
    return figures;
  },
};

export default section;

// ---------------------------------------------------------------------------------------------

/** A `data` object that makes the envelope about TARGET_BODY_BYTES long. */
function makeData(): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: 'in_1PqR7sT2uV3wX4yZ5aB6cD7e',
    object: 'invoice',
    customer: 'cus_Q2w3E4r5T6y7U8',
    status: 'paid',
    amount_due: 4900,
    amount_paid: 4900,
    currency: 'usd',
    billing_reason: 'subscription_cycle',
    subscription: 'sub_1PqR7sT2uV3wX4yZ',
    period_start: '2025-03-01T00:00:00Z',
    period_end: '2025-04-01T00:00:00Z',
    customer_email: 'billing@example.com',
    note: '',
  };
  const sample = JSON.stringify({
    id: 'msg_0000000000aaaaaaaaaaaaaaaa',
    type: EVENT_TYPE,
    timestamp: new Date().toISOString(),
    data,
  });
  data.note = 'x'.repeat(Math.max(0, TARGET_BODY_BYTES - Buffer.byteLength(sample)));
  return data;
}

let sharedData: Record<string, unknown> | undefined;

/** `count` requests signed now with the engine's Standard Webhooks signer, each with its own id. */
function prepare(label: string, count: number, slug: string): PreparedRequest[] {
  const data = (sharedData ??= makeData());
  const scheme = getScheme('standard');
  const timestamp = Math.floor(Date.now() / 1000);
  const iso = new Date(timestamp * 1000).toISOString();
  const path = `/in/${slug}`;
  const out: PreparedRequest[] = new Array(count);
  const run = `${Date.now().toString(36)}${label.replace(/[^a-z0-9]/gi, '')}`;
  for (let i = 0; i < count; i++) {
    const id = `msg_${run}_${String(i).padStart(8, '0')}`;
    const body = Buffer.from(JSON.stringify({ id, type: EVENT_TYPE, timestamp: iso, data }));
    const signed = scheme.sign({ id, timestamp, eventType: EVENT_TYPE, body, secrets: [SECRET] });
    out[i] = {
      path,
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Hookbench/0.1 (+webhook workbench)', ...signed },
    };
  }
  return out;
}

/** The one load generator: CONCURRENCY workers, each POSTing the next request and reading the answer. */
export async function load(
  ctx: BenchContext,
  agent: Agent,
  baseUrl: string,
  requests: PreparedRequest[],
): Promise<LoadResult> {
  const latencies = new Float64Array(requests.length);
  let next = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  // One listener on the section's signal; the requests in flight listen on this one.
  const abort = new AbortController();
  setMaxListeners(CONCURRENCY * 2, abort.signal);
  const onAbort = () => abort.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  const worker = async () => {
    while (next < requests.length) {
      if (ctx.signal.aborted) throw new Error('aborted');
      const i = next++;
      const r = requests[i]!;
      const t = performance.now();
      const res = await request(baseUrl + r.path, {
        method: 'POST',
        headers: r.headers,
        body: r.body,
        dispatcher: agent,
        signal: abort.signal,
      });
      const text = await res.body.text();
      latencies[i] = performance.now() - t;
      if (res.statusCode !== 200) {
        failures++;
        firstFailure ??= `${res.statusCode} ${text.slice(0, 200)}`;
      }
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    ms,
    perSecond: requests.length / (ms / 1000),
    latencies,
    failures,
    firstFailure,
    generatorCpuUs: (cpu.user + cpu.system) / requests.length,
  };
}

/**
 * A child's CPU time so far, µs, from /proc (Linux); undefined elsewhere. All threads, or with
 * `thread` one of them (the process id is its main thread: the event loop).
 */
export function procCpu(pid: number, thread?: number): { userUs: number; systemUs: number } | undefined {
  try {
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based).
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = 1e6 / CLOCK_TICKS_PER_S;
    return { userUs: Number(fields[11]) * tick, systemUs: Number(fields[12]) * tick };
  } catch {
    return undefined;
  }
}

export function cpuPerRequest(
  before: { userUs: number; systemUs: number } | undefined,
  after: { userUs: number; systemUs: number } | undefined,
  n: number,
): CpuPerRequest | undefined {
  if (!before || !after) return undefined;
  const userUs = (after.userUs - before.userUs) / n;
  const systemUs = (after.systemUs - before.systemUs) / n;
  return { userUs, systemUs, totalUs: userUs + systemUs };
}

export const describeCpu = (c: CpuPerRequest | undefined) =>
  c ? `${c.totalUs.toFixed(0)} µs (user ${c.userUs.toFixed(0)}, system ${c.systemUs.toFixed(0)})` : 'n/a';

export function requireAll200(r: LoadResult, what: string): void {
  if (r.failures) throw new Error(`${what}: ${r.failures} requests did not get 200 (first: ${r.firstFailure})`);
}

// ---------------------------------------------------------------------------------------------

export interface IngestChild {
  url: string;
  pid: number;
  /** Resolves once every request the receiver has taken in is stored. */
  idle(): Promise<void>;
  count(slug: string): Promise<IngestCounts>;
  close(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Forks receiverIngestChild.ts on a fresh temp SQLite file and waits for its port. */
export async function startIngestChild(
  ctx: BenchContext,
  timeoutMs = 20_000,
  inboxes: Pick<IngestChildConfig, 'slugs' | 'catalogs'> = { slugs: [SLUG, WARMUP_SLUG] },
): Promise<IngestChild> {
  const dir = ctx.tempDir('hookbench-bench-receiver-');
  const config: IngestChildConfig = { dbFile: join(dir, 'hookbench.db'), secret: SECRET, ...inboxes };
  const profDir = process.env.HOOKBENCH_BENCH_CPU_PROF;
  const child: ChildProcess = fork(CHILD_SCRIPT, [JSON.stringify(config)], {
    execArgv: [
      '--import',
      import.meta.resolve('tsx'),
      ...(profDir ? ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${profDir}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  let exited = false;
  const exitedP = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const close = async () => {
    if (exited) return;
    // Disconnecting lets the child close the store and exit normally (and write a CPU profile).
    if (child.connected) child.disconnect();
    // Within the runner's 5 s per clean-up.
    const term = setTimeout(() => {
      if (!exited) child.kill('SIGTERM');
    }, 2_000);
    const kill = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, 4_000);
    await exitedP;
    clearTimeout(term);
    clearTimeout(kill);
  };
  ctx.defer(close);

  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`receiver child did not report its port within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.on('message', (m: IngestReply) => {
      if (m.type === 'ready') {
        clearTimeout(t);
        resolve(m.port);
      }
      if (m.type === 'failed') {
        clearTimeout(t);
        reject(new Error(`receiver child failed to start: ${m.message}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(t);
      reject(new Error(`receiver child exited early (code ${code}, signal ${signal})`));
    });
    child.once('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });

  let nextId = 1;
  const ask = <R extends IngestReply>(m: WithoutId<IngestMessage>, askTimeoutMs = 30_000): Promise<R> =>
    new Promise((resolve, reject) => {
      if (exited || !child.connected) return reject(new Error('receiver child is not running'));
      const id = nextId++;
      const onMessage = (r: IngestReply) => {
        if (r.type === m.type && 'id' in r && r.id === id) {
          cleanup();
          resolve(r as R);
        }
      };
      const onAbort = () => {
        cleanup();
        reject(new Error(`aborted while waiting for the receiver child (${m.type})`));
      };
      const t = setTimeout(() => {
        cleanup();
        reject(new Error(`receiver child did not answer ${m.type} within ${askTimeoutMs} ms`));
      }, askTimeoutMs);
      const cleanup = () => {
        clearTimeout(t);
        child.off('message', onMessage);
        ctx.signal.removeEventListener('abort', onAbort);
      };
      child.on('message', onMessage);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      child.send({ ...m, id } as IngestMessage);
    });

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    idle: async () => {
      await ask({ type: 'idle' });
    },
    count: async (slug) => (await ask<Extract<IngestReply, { type: 'count' }>>({ type: 'count', slug })).counts,
    close,
  };
}
