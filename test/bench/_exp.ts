/**
 * Profiling aid for the delivery section: only the engine throughput run (no raw baseline),
 * with wall-time accounting around the engine's main steps (wrapped on the instance at run
 * time; no engine file is changed).
 *
 *   npx tsx test/bench/profileEngine.ts [events=20000]
 *   node --cpu-prof --cpu-prof-dir=/tmp/hookbench-prof --import tsx test/bench/profileEngine.ts
 *   npx tsx test/bench/profileSummary.ts /tmp/hookbench-prof/<file>.cpuprofile
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src-main/engine/engine';
import { startReceiverProcess } from './receiverProcess';
import { inChunks, waitUntil } from './stats';

const n = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'hookbench-prof-'));
const receiver = await startReceiverProcess();
const engine = openEngine({ dbFile: join(dir, 'hookbench.db') });
const EXP = process.env.EXP ?? '';
const db0 = engine.store.db;
if (EXP.includes('T')) for (const r of db0.prepare("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE '%rollup%'").all() as {name:string}[]) db0.exec(`DROP TRIGGER ${r.name}`);
if (EXP.includes('I')) for (const i of ['deliveries_by_status','deliveries_by_event','deliveries_ws_type_time','deliveries_ws_code_time','deliveries_ws_status_time','deliveries_by_workspace']) db0.exec(`DROP INDEX ${i}`);
if (EXP.includes('F')) for (const r of db0.prepare("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'events_fts%'").all() as {name:string}[]) db0.exec(`DROP TRIGGER ${r.name}`);
if (EXP.includes('S')) db0.pragma('synchronous = OFF');
if (EXP.includes('C')) db0.pragma('wal_autocheckpoint = 0');
engine.start();

interface Acc { calls: number; ms: number }
const acc = new Map<string, Acc>();
/** Wraps obj[name] to add its synchronous wall time (or until its promise settles, if async=true) to `label`. */
function time(obj: object, name: string, label: string, async = false): void {
  const o = obj as Record<string, (...a: unknown[]) => unknown>;
  const orig = o[name]!;
  const a: Acc = acc.get(label) ?? { calls: 0, ms: 0 };
  acc.set(label, a);
  o[name] = function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    const r = orig.apply(this, args);
    if (async && r instanceof Promise) return r.finally(() => { a.calls++; a.ms += performance.now() - t; });
    a.calls++;
    a.ms += performance.now() - t;
    return r;
  };
}

const d = engine.deliveries as unknown as Record<string, object>;
const store = engine.store;
time(engine.deliveries, 'fire', 'fire() total');
time(engine.events, 'build', '  fire: events.build');
time(store.webhooks, 'listEnabled', '  fire: webhooks.listEnabled');
time(store.workspaces, 'get', '  workspaces.get');
time(store.events, 'insert', '  fire: events.insert');
time(store.deliveries, 'insert', '  fire: deliveries.insert');
time(d, 'pump', 'pump() total');
time(store.deliveries, 'due', '  pump: deliveries.due');
time(store.deliveries, 'earliestDue', '  pump: deliveries.earliestDue');
time(d, 'beginAttempt', '  pump: beginAttempt');
time(store.deliveries, 'claim', '    beginAttempt: claim');
time(store.events, 'get', '    events.get (beginAttempt)');
time(store.deliveries, 'startAttempt', '    beginAttempt: startAttempt');
time(d, 'launch', '  pump: launch (sync part)');
time(d['dispatcher']!, 'send', 'dispatcher.send (async, wall, overlapping)', true);
time(d, 'flush', 'flush() total');
time(d, 'record', '  flush: record');
time(store.deliveries, 'finishAttempt', '    record: finishAttempt');
time(store.deliveries, 'get', '    deliveries.get');
time(store.webhooks, 'get', '  webhooks.get');
time(store.webhooks, 'save', '    record: webhooks.save');
time(store.deliveries, 'setOutcome', '    record: setOutcome');
time(store.settings, 'get', '  settings.get');
time(d, 'detail', '  flush: detail()');
time(store, 'tx', 'store.tx (incl. commit)');

try {
  engine.webhooks.create({ url: `${receiver.url}/hook`, subscriptions: ['*'], retryPolicy: { delays: [1], jitter: false } });
  const data = { note: 'x'.repeat(380), email: 'jane.doe@example.com', name: 'Jane Doe' };
  const open = engine.store.db.prepare(`SELECT EXISTS (SELECT 1 FROM deliveries WHERE next_attempt_at IS NOT NULL)
    OR EXISTS (SELECT 1 FROM deliveries WHERE status = 'sending')`).pluck();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await inChunks(Math.ceil(n / 500), 1, () => { engine.deliveries.fireMany(Array.from({ length: 500 }, () => ({ type: 'user.created', data }))); });
  const fireMs = performance.now() - t0;
  const tEnd = await waitUntil(() => open.get() === 0, { timeoutMs: 180_000, what: 'deliveries' });
  const ms = tEnd - t0;
  const elu = performance.eventLoopUtilization(elu0);
  process.stdout.write(`${n} deliveries in ${ms.toFixed(0)} ms = ${(n / (ms / 1000)).toFixed(0)}/s; firing ${fireMs.toFixed(0)} ms; event-loop utilisation ${(elu.utilization * 100).toFixed(0)} %\n`);
  process.stdout.write('step                                             calls     total ms   µs/call  % of run\n');
  for (const [label, a] of acc) {
    if (a.calls === 0) continue;
    process.stdout.write(`${label.padEnd(46)} ${String(a.calls).padStart(7)} ${a.ms.toFixed(0).padStart(12)} ${((a.ms * 1000) / a.calls).toFixed(1).padStart(9)} ${((a.ms / ms) * 100).toFixed(1).padStart(8)}\n`);
  }
} finally {
  await engine.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
}
