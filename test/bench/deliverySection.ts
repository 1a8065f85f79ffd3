/**
 * Issues "delivery engine" and "one durable write path": how close the engine (sign + persist every attempt + send) comes to
 * a raw undici loop against the same bare receiver, its end-to-end latency at a steady rate,
 * and how punctually a burst of retries goes out.
 */
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { openSender, type Sender } from '../../src-main/engine/sender';
import { startReceiverProcess, type ReceiverProcess } from './receiverProcess';
import { inChunks, percentile, round, waitUntil } from './stats';
import type { BenchContext, BenchSection, Figures } from './types';

const CONCURRENCY = 10; // the engine's default per-endpoint concurrency
const FIRE_CHUNK = 500;
const EVENT_TYPE = 'user.created';
const TARGET_BODY_BYTES = 500;

/** A `data` object that makes the engine's envelope about TARGET_BODY_BYTES long. */
function makeData(): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
    email: 'jane.doe@example.com',
    name: 'Jane Doe',
    role: 'member',
    organization_id: 'org_7Hc3Lp9QwE2xK5mN',
    locale: 'en-US',
    timezone: 'America/New_York',
    signup_source: 'web',
    created_at: '2025-03-14T09:26:53Z',
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

const section: BenchSection = {
  name: 'delivery',
  title: 'Delivery engine vs a raw undici loop (bare receiver in a child process, 127.0.0.1)',
  timeoutMs: 300_000,
  targets: [
    { key: 'delivery.ratio', min: 0.4 },
    { key: 'retry.punctuality_p99_ms', max: 50 },
  ],
  notes: {
    'delivery.events': 'events per throughput run',
    'delivery.concurrency': 'requests in flight (raw) = per-endpoint concurrency (engine)',
    'delivery.payload_bytes': 'envelope size sent',
    'delivery.raw_per_s': 'req/s, undici request loop, best of a run before and after the engine run',
    'delivery.raw_before_per_s': 'req/s, raw run before the engine run',
    'delivery.raw_after_per_s': 'req/s, raw run after the engine run',
    'delivery.engine_per_s': 'deliveries/s, first fire → last delivery success in SQLite',
    'delivery.engine_ms': 'ms, first fire → last success',
    'delivery.engine_fire_ms': 'ms spent firing all events (fireMany, chunks of 500, overlapping with sending)',
    'delivery.ratio': 'engine_per_s / raw_per_s',
    'delivery.latency_rate_per_s': 'events/s actually fired in the steady-rate run',
    'delivery.latency_events': 'events in the steady-rate run',
    'delivery.latency_p50_ms': 'ms, fire() → delivery.updated(success) on the bus',
    'delivery.latency_p99_ms': 'ms, fire() → delivery.updated(success) on the bus',
    'delivery.latency_max_ms': 'ms, fire() → delivery.updated(success) on the bus',
    'retry.deliveries': 'deliveries failing once (500) then succeeding, retry delay 2 s, no jitter',
    'retry.due_spread_ms': 'ms between the first and the last retry falling due',
    'retry.punctuality_p50_ms': 'ms, attempt 2 started_at − scheduled_at',
    'retry.punctuality_p99_ms': 'ms, attempt 2 started_at − scheduled_at',
    'retry.punctuality_max_ms': 'ms, attempt 2 started_at − scheduled_at',
    'retry.total_ms': 'ms, first fire → all retries succeeded',
  },

  async run(ctx) {
    const figures: Figures = {};
    const receiver = await startReceiverProcess();
    ctx.defer(() => receiver.close());
    ctx.log(`bare receiver pid ${receiver.pid} on ${receiver.url}`);

    const n = ctx.scaled(20_000, 500);
    const data = makeData();
    figures['delivery.events'] = n;
    figures['delivery.concurrency'] = CONCURRENCY;

    const rawBefore = await rawBaseline(ctx, receiver, data, n);
    const engine = await engineThroughput(ctx, receiver, data, n);
    const rawAfter = await rawBaseline(ctx, receiver, data, n);
    const raw = Math.max(rawBefore.perSecond, rawAfter.perSecond);
    Object.assign(figures, {
      'delivery.payload_bytes': engine.payloadBytes,
      'delivery.raw_per_s': round(raw, 0),
      'delivery.raw_before_per_s': round(rawBefore.perSecond, 0),
      'delivery.raw_after_per_s': round(rawAfter.perSecond, 0),
      'delivery.engine_per_s': round(engine.perSecond, 0),
      'delivery.engine_ms': round(engine.ms, 0),
      'delivery.engine_fire_ms': round(engine.fireMs, 0),
      'delivery.ratio': round(engine.perSecond / raw, 3),
    });

    Object.assign(figures, await steadyLatency(ctx, receiver, data));
    Object.assign(figures, await retryPunctuality(ctx, receiver, data));
    return figures;
  },
};

export default section;

// ---------------------------------------------------------------------------------------------

/** (a) undici request loop, CONCURRENCY in flight, after a short warm-up. */
async function rawBaseline(ctx: BenchContext, receiver: ReceiverProcess, data: Record<string, unknown>, n: number) {
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  const url = `${receiver.url}/hook`;
  const ts = String(Math.floor(Date.now() / 1000));
  // Same headers as the engine sends (the signature is a fixed fake of the real length).
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Hookbench/0.1 (+webhook workbench)',
    'webhook-timestamp': ts,
    'webhook-signature': `v1,${'A'.repeat(43)}=`,
  };
  let failures = 0;
  const loop = async (count: number) => {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        if (ctx.signal.aborted) throw new Error('aborted');
        const i = next++;
        const id = `msg_raw${String(i).padStart(22, '0')}`;
        const body = Buffer.from(JSON.stringify({ id, type: EVENT_TYPE, timestamp: new Date().toISOString(), data }));
        const res = await request(url, {
          method: 'POST',
          headers: { ...headers, 'webhook-id': id },
          body,
          dispatcher: agent,
        });
        await res.body.text();
        if (res.statusCode !== 200) failures++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
  try {
    await loop(Math.min(5_000, n));
    const t0 = performance.now();
    await loop(n);
    const ms = performance.now() - t0;
    if (failures) throw new Error(`raw baseline: ${failures} requests did not get 200`);
    ctx.log(`raw: ${n} requests in ${ms.toFixed(0)} ms = ${(n / (ms / 1000)).toFixed(0)}/s`);
    return { perSecond: n / (ms / 1000), ms };
  } finally {
    await agent.close();
  }
}

function openBenchEngine(ctx: BenchContext, label: string): Sender {
  const dir = ctx.tempDir(`hookbench-bench-${label}-`);
  const engine = openSender({ dbFile: join(dir, 'hookbench.db') }).start();
  ctx.defer(() => engine.close());
  return engine;
}

const countStatus = (engine: Sender, status: string) => {
  const stmt = engine.store.db.prepare('SELECT count(*) FROM deliveries WHERE status = ?').pluck();
  return () => stmt.get(status) as number;
};

/**
 * True once nothing is due or being worked on. Polled every 20 ms while the engine runs, so it
 * must not steal the engine's event loop: one seek on the partial due index (~3 µs) and a counter.
 */
const allSettled = (engine: Sender) => {
  const stmt = engine.store.db
    .prepare('SELECT EXISTS (SELECT 1 FROM deliveries WHERE next_attempt_at IS NOT NULL)')
    .pluck();
  return () => engine.deliveries.working === 0 && stmt.get() === 0;
};

/** (b) the engine delivering n events to one webhook, fired in chunks so firing overlaps sending. */
async function engineThroughput(
  ctx: BenchContext,
  receiver: ReceiverProcess,
  data: Record<string, unknown>,
  n: number,
) {
  const engine = openBenchEngine(ctx, 'throughput');
  engine.webhooks.create({
    url: `${receiver.url}/hook`,
    subscriptions: ['*'],
    retryPolicy: { delays: [1], jitter: false },
  });
  const succeeded = countStatus(engine, 'success');
  await receiver.setMode({ failOnce: false });
  // Warmed up like the raw loop (whose first 5,000 requests are not timed), so the JIT has settled in both.
  const warmup = Math.min(5_000, n);
  for (let i = 0; i < warmup; i += FIRE_CHUNK)
    await engine.deliveries.fireMany(
      Array.from({ length: Math.min(FIRE_CHUNK, warmup - i) }, () => ({ type: EVENT_TYPE, data })),
    );
  await waitUntil(allSettled(engine), {
    timeoutMs: 60_000,
    intervalMs: 20,
    signal: ctx.signal,
    what: 'the engine warm-up',
  });
  const before = succeeded();
  await receiver.setMode({ failOnce: false }); // resets its request count

  const t0 = performance.now();
  let payloadBytes = 0;
  // Bursts go through fireMany: one transaction per chunk of FIRE_CHUNK events (events.triggerMany).
  const firing: Promise<unknown>[] = [];
  await inChunks(
    Math.ceil(n / FIRE_CHUNK),
    1,
    (c) => {
      const size = Math.min(FIRE_CHUNK, n - c * FIRE_CHUNK);
      const fired = engine.deliveries.fireMany(Array.from({ length: size }, () => ({ type: EVENT_TYPE, data })));
      firing.push(c === 0 ? fired.then((f) => (payloadBytes = Buffer.byteLength(JSON.stringify(f[0]!.event)))) : fired);
    },
    ctx.signal,
  );
  await Promise.all(firing);
  const fireMs = performance.now() - t0;
  const settled = allSettled(engine);
  const tEnd = await waitUntil(settled, {
    timeoutMs: 120_000,
    intervalMs: 20,
    signal: ctx.signal,
    what: `${n} engine deliveries to succeed`,
    describe: () => `${succeeded()} succeeded`,
  });
  const ms = tEnd - t0;
  if (succeeded() - before !== n) throw new Error(`engine run: ${succeeded() - before} of ${n} deliveries succeeded`);

  const db = engine.store.db;
  const attempts = (db.prepare('SELECT count(*) FROM attempts').pluck().get() as number) - warmup;
  const ok = (db.prepare('SELECT count(*) FROM attempts WHERE response_status = 200').pluck().get() as number) - warmup;
  if (attempts !== n || ok !== n)
    throw new Error(`engine run: expected ${n} attempts answered 200, got ${attempts} attempts, ${ok} answered 200`);
  const got = (await receiver.stats()).requests;
  if (got !== n) throw new Error(`engine run: the receiver saw ${got} requests, expected ${n}`);
  ctx.log(
    `engine: ${n} deliveries in ${ms.toFixed(0)} ms = ${(n / (ms / 1000)).toFixed(0)}/s (firing took ${fireMs.toFixed(0)} ms)`,
  );
  await engine.close();
  return { perSecond: n / (ms / 1000), ms, fireMs, payloadBytes };
}

/** (c) fire at a steady rate on a timer; latency = fire() → success seen on the bus. */
async function steadyLatency(
  ctx: BenchContext,
  receiver: ReceiverProcess,
  data: Record<string, unknown>,
): Promise<Figures> {
  const engine = openBenchEngine(ctx, 'latency');
  engine.webhooks.create({
    url: `${receiver.url}/hook`,
    subscriptions: ['*'],
    retryPolicy: { delays: [1], jitter: false },
  });
  await receiver.setMode({ failOnce: false });
  const rate = 200;
  const total = ctx.scaled(rate * 5, 100);
  const firedAt = new Map<string, number>();
  const latencies: number[] = [];
  const off = engine.bus.on('delivery.updated', (d) => {
    if (d.status !== 'success') return;
    const t = firedAt.get(d.eventId);
    if (t !== undefined) {
      latencies.push(performance.now() - t);
      firedAt.delete(d.eventId);
    }
  });
  ctx.defer(off);

  let fired = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      try {
        if (ctx.signal.aborted) throw new Error('aborted');
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
        while (fired < due) {
          const at = performance.now();
          void engine.deliveries
            .fire({ type: EVENT_TYPE, data })
            .then(({ event }) => firedAt.set(event.id, at), reject);
          fired++;
        }
        if (fired >= total) {
          clearInterval(timer);
          resolve();
        }
      } catch (e) {
        clearInterval(timer);
        reject(e);
      }
    }, 5);
  });
  const fireSeconds = (performance.now() - t0) / 1000;
  await waitUntil(() => latencies.length >= total, {
    timeoutMs: 30_000,
    signal: ctx.signal,
    what: `${total} steady-rate deliveries`,
    describe: () => `${latencies.length} succeeded`,
  });
  off();
  await engine.close();
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  ctx.log(`latency: ${total} events at ${rate}/s: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
  return {
    'delivery.latency_rate_per_s': round(total / fireSeconds, 0),
    'delivery.latency_events': total,
    'delivery.latency_p50_ms': round(p50, 2),
    'delivery.latency_p99_ms': round(p99, 2),
    'delivery.latency_max_ms': round(Math.max(...latencies), 2),
  };
}

/** (d) deliveries that fail once, retried 2 s later (no jitter): how late does attempt 2 start? */
async function retryPunctuality(
  ctx: BenchContext,
  receiver: ReceiverProcess,
  data: Record<string, unknown>,
): Promise<Figures> {
  const engine = openBenchEngine(ctx, 'retry');
  // 2,000 failures in a row would otherwise auto-disable the webhook after 10.
  engine.updateSettings({ alerts: { alertAt: [1_000_000], disableAfter: 0, disableAfterMinutes: 0 } });
  engine.webhooks.create({
    url: `${receiver.url}/hook`,
    subscriptions: ['*'],
    retryPolicy: { delays: [2], jitter: false },
  });
  const n = ctx.scaled(2_000, 100);
  const succeeded = countStatus(engine, 'success');
  await receiver.setMode({ failOnce: true });
  try {
    const t0 = performance.now();
    const firing: Promise<unknown>[] = [];
    await inChunks(
      n,
      FIRE_CHUNK,
      () => {
        firing.push(engine.deliveries.fire({ type: EVENT_TYPE, data }));
      },
      ctx.signal,
    );
    await Promise.all(firing);
    const tEnd = await waitUntil(allSettled(engine), {
      timeoutMs: 60_000,
      intervalMs: 20,
      signal: ctx.signal,
      what: `${n} retried deliveries to succeed`,
      describe: () => `${succeeded()} succeeded`,
    });
    if (succeeded() !== n) throw new Error(`retry run: ${succeeded()} of ${n} deliveries succeeded`);
    const db = engine.store.db;
    const rows = db.prepare('SELECT scheduled_at AS s, started_at AS t FROM attempts WHERE number = 2').all() as {
      s: number;
      t: number;
    }[];
    const firstFailed = db
      .prepare('SELECT count(*) FROM attempts WHERE number = 1 AND response_status = 500')
      .pluck()
      .get() as number;
    if (rows.length !== n || firstFailed !== n)
      throw new Error(
        `retry run: expected ${n} failed first attempts and ${n} retries, got ${firstFailed} and ${rows.length}`,
      );
    const late = rows.map((r) => r.t - r.s);
    const scheduled = rows.map((r) => r.s);
    const p50 = percentile(late, 50);
    const p99 = percentile(late, 99);
    ctx.log(`retry: ${n} retries, lateness p50 ${p50} ms, p99 ${p99} ms`);
    await engine.close();
    return {
      'retry.deliveries': n,
      'retry.due_spread_ms': Math.max(...scheduled) - Math.min(...scheduled),
      'retry.punctuality_p50_ms': p50,
      'retry.punctuality_p99_ms': p99,
      'retry.punctuality_max_ms': Math.max(...late),
      'retry.total_ms': round(tEnd - t0, 0),
    };
  } finally {
    await receiver.setMode({ failOnce: false }).catch(() => {});
  }
}
