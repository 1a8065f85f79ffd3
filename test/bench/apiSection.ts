/**
 * Issue "one durable write path": does the app stay responsive while the engine delivers flat
 * out? The web host runs in a child process as `hookbench serve` does (engine, receiver and web
 * host on one event loop — in Electron, the main process answering every IPC call). A client
 * fires 20,000 events over the WebSocket in bursts of 500 (events.triggerMany) to one webhook
 * whose endpoint is the bare receiver, and all the while a second call — a cheap one, the list of
 * workspaces, as the UI makes on every page — goes out every 10 ms; its round trip is measured.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WS_PATH, type WsServerMessage } from '../../src-main/api/transport';
import type { HostChildMessage } from './hostChild';
import { startReceiverProcess } from './receiverProcess';
import { percentile, round, sleep } from './stats';
import type { BenchContext, BenchSection, Figures } from './types';

const CHILD_SCRIPT = fileURLToPath(new URL('./hostChild.ts', import.meta.url));
const BURST = 500;
const PROBE_EVERY_MS = 10;

const section: BenchSection = {
  name: 'api',
  title: 'A cheap call over the WebSocket while the engine delivers flat out (web host in a child process)',
  timeoutMs: 180_000,
  targets: [{ key: 'api.latency_under_load_p99_ms', max: 50 }],
  notes: {
    'api.events': 'events fired over the WebSocket (events.triggerMany, bursts of 500)',
    'api.deliveries_per_s': 'deliveries/s the engine reached meanwhile (first burst → last request at the endpoint)',
    'api.latency_idle_p50_ms': 'ms, round trip of workspaces.list with the engine idle',
    'api.latency_idle_p99_ms': 'ms, the same, p99',
    'api.latency_under_load_p50_ms': 'ms, round trip of workspaces.list every 10 ms while the engine delivers',
    'api.latency_under_load_p99_ms': 'ms, the same, p99',
    'api.latency_under_load_max_ms': 'ms, the same, slowest',
    'api.probes': 'calls measured under load',
  },

  async run(ctx) {
    const n = ctx.scaled(20_000, 1000);
    const endpoint = await startReceiverProcess();
    ctx.defer(() => endpoint.close());
    const host = await startHost(ctx);
    const client = await connect(host.origin, host.token);
    ctx.defer(() => client.close());

    await client.call('webhooks.create', { url: `${endpoint.url}/hook`, subscriptions: ['*'], scheme: 'standard' });
    const idle = await probe(client, 200, () => false);

    const data = { id: 'usr_2Nf8kQx7LmP4rT9vW3yZ', email: 'jane.doe@example.com', note: 'x'.repeat(380) };
    await endpoint.setMode({ failOnce: false });
    const t0 = performance.now();
    let done = false;
    const underLoad = probe(client, Infinity, () => done);
    // Flat out: the next burst goes as soon as the last is accepted (committed).
    for (let i = 0; i < n; i += BURST) {
      if (ctx.signal.aborted) throw new Error('aborted');
      await client.call('events.triggerMany', {
        events: Array.from({ length: Math.min(BURST, n - i) }, () => ({ type: 'user.created', data })),
      });
    }
    let seen = 0;
    while (seen < n) {
      if (ctx.signal.aborted) throw new Error('aborted');
      seen = (await endpoint.stats()).requests;
      if (performance.now() - t0 > 120_000) throw new Error(`only ${seen} of ${n} deliveries arrived within 120 s`);
      await sleep(50);
    }
    const seconds = (performance.now() - t0) / 1000;
    done = true;
    const rtts = await underLoad;
    ctx.log(
      `${n} deliveries in ${seconds.toFixed(1)} s while ${rtts.length} calls went round: p50 ${percentile(rtts, 50).toFixed(1)} ms, p99 ${percentile(rtts, 99).toFixed(1)} ms`,
    );
    return {
      'api.events': n,
      'api.deliveries_per_s': round(n / seconds, 0),
      'api.latency_idle_p50_ms': round(percentile(idle, 50), 2),
      'api.latency_idle_p99_ms': round(percentile(idle, 99), 2),
      'api.latency_under_load_p50_ms': round(percentile(rtts, 50), 2),
      'api.latency_under_load_p99_ms': round(percentile(rtts, 99), 2),
      'api.latency_under_load_max_ms': round(Math.max(...rtts), 2),
      'api.probes': rtts.length,
    } satisfies Figures;
  },
};

export default section;

/** Calls workspaces.list every PROBE_EVERY_MS (one at a time) until `count` calls or `stop()`; the round trips, ms. */
async function probe(client: WsClient, count: number, stop: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (out.length < count && !stop()) {
    const t = performance.now();
    await client.call('workspaces.list', {});
    out.push(performance.now() - t);
    await sleep(Math.max(0, PROBE_EVERY_MS - (performance.now() - t)));
  }
  return out;
}

interface WsClient {
  call(op: string, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

function connect(origin: string, token: string): Promise<WsClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${WS_PATH}?token=${encodeURIComponent(token)}`);
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    let nextId = 1;
    socket.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as WsServerMessage;
      if (m.type === 'hello') {
        resolve({
          call: (op, input) =>
            new Promise((res, rej) => {
              const id = nextId++;
              pending.set(id, { resolve: res, reject: rej });
              socket.send(JSON.stringify({ type: 'call', id, op, input }));
            }),
          close: () =>
            new Promise((res) => {
              if (socket.readyState === WebSocket.CLOSED) return res();
              socket.once('close', () => res());
              socket.close();
            }),
        });
      } else if (m.type === 'result') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.result);
        else p?.reject(new Error(`${m.error.code}: ${m.error.message}`));
      }
    });
    socket.once('error', reject);
  });
}

async function startHost(ctx: BenchContext): Promise<{ origin: string; token: string }> {
  const child: ChildProcess = fork(CHILD_SCRIPT, [JSON.stringify({ dataDir: ctx.tempDir('hookbench-bench-api-') })], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  ctx.defer(async () => {
    if (child.connected) child.disconnect();
    const kill = setTimeout(() => child.kill('SIGKILL'), 4_000);
    await exited;
    clearTimeout(kill);
  });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the web host child did not start within 20 s')), 20_000);
    child.on('message', (m: HostChildMessage) => {
      clearTimeout(t);
      if (m.type === 'ready') resolve(m);
      else reject(new Error(m.message));
    });
    child.once('exit', (code) => reject(new Error(`the web host child exited early (${code})`)));
  });
}
