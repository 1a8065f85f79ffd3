/**
 * Profiling aid for the delivery section: only the engine throughput run (no raw baseline),
 * reporting the CPU each thread of this process spent per delivery (Linux /proc): the event
 * loop (HTTP, signing, scheduling, encoding writes), the write worker (SQLite), and the rest.
 *
 *   npx tsx test/bench/profileEngine.ts [events=20000]
 *   node --cpu-prof --cpu-prof-dir=/tmp/hookbench-prof --import tsx test/bench/profileEngine.ts
 *   npx tsx test/bench/profileSummary.ts /tmp/hookbench-prof/<file>.cpuprofile
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSender } from '../../src-main/engine/sender';
import { startReceiverProcess } from './receiverProcess';
import { waitUntil } from './stats';

const n = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'hookbench-prof-'));
const receiver = await startReceiverProcess();
const engine = openSender({ dbFile: join(dir, 'hookbench.db') }).start();
engine.webhooks.create({ url: `${receiver.url}/hook`, subscriptions: ['*'] });

/** CPU µs per thread of this process, by thread name (node names its threads). */
function threads(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const key = tid === String(process.pid) ? 'event loop' : `${name} ${tid}`;
      out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) * 10_000);
    } catch {
      // the thread ended
    }
  }
  return out;
}

const data = { id: 'usr_2Nf8kQx7LmP4rT9vW3yZ', email: 'jane.doe@example.com', note: 'x'.repeat(380) };
await engine.deliveries.fireMany(Array.from({ length: 500 }, () => ({ type: 'user.created', data })));
const due = engine.store.db
  .prepare('SELECT EXISTS (SELECT 1 FROM deliveries WHERE next_attempt_at IS NOT NULL)')
  .pluck();
const settled = () => engine.deliveries.working === 0 && due.get() === 0;
await waitUntil(settled, { timeoutMs: 30_000, what: 'warm-up' });

const before = threads();
const t0 = performance.now();
const firing: Promise<unknown>[] = [];
for (let i = 0; i < n; i += 500) {
  firing.push(
    engine.deliveries.fireMany(Array.from({ length: Math.min(500, n - i) }, () => ({ type: 'user.created', data }))),
  );
  await new Promise((r) => setImmediate(r));
}
await Promise.all(firing);
await waitUntil(settled, { timeoutMs: 120_000, intervalMs: 20, what: `${n} deliveries` });
const ms = performance.now() - t0;
const after = threads();
const ok = engine.store.db.prepare(`SELECT count(*) FROM deliveries WHERE status = 'success'`).pluck().get();
if (ok !== n + 500) throw new Error(`${ok} of ${n + 500} deliveries succeeded`);
process.stdout.write(
  `${n} deliveries in ${ms.toFixed(0)} ms = ${(n / (ms / 1000)).toFixed(0)}/s\nCPU per delivery by thread:\n`,
);
for (const [name, us] of [...after].sort((a, b) => b[1] - a[1])) {
  const d = (us - (before.get(name) ?? 0)) / n;
  if (d >= 0.5) process.stdout.write(`  ${name.padEnd(16)} ${d.toFixed(1)} µs\n`);
}
const w = engine.store.writer;
process.stdout.write(`write batches ${w.batches}, jobs ${w.jobs} (${(w.jobs / w.batches).toFixed(1)} a batch)\n`);
await engine.close();
await receiver.close();
rmSync(dir, { recursive: true, force: true });
