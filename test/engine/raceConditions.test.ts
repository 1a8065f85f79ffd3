/**
 * What happens while an attempt's write is still on its way to the database: a second "retry
 * now", a cancel whose write fails, a person enabling a webhook the engine is disabling. The
 * writer's commits are held back (each job settles 300 ms late) to open the window every time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreWriter } from '../../src-main/engine/store/storeWriter';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';

let t: TestEngine;
let server: ScriptedServer;
afterEach(async () => {
  await t?.cleanup();
  await server?.stop();
});

/**
 * Each job reaches the writer `ms` late (so it commits after whatever happens meanwhile on the
 * main connection) — or, with `settle`, is committed at once and its promise settles `ms` late
 * (or, given `until`, once that promise resolves: no timing to lose on a loaded machine);
 * with `failOnce`, the next job fails as a full disk would fail it.
 */
function holdBack(
  writer: StoreWriter,
  ms: number,
  opts: { failOnce?: boolean; settle?: boolean; until?: Promise<void> } = {},
): void {
  const submit = writer.submit.bind(writer);
  let failed = !opts.failOnce;
  const later = <T>(value: T) =>
    opts.until ? opts.until.then(() => value) : new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
  writer.submit = (job) => {
    if (!failed) {
      failed = true;
      return Promise.reject(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }));
    }
    return opts.settle ? submit(job).then(later) : later(undefined).then(() => submit(job));
  };
}

describe('while an attempt is being recorded', () => {
  it('a second retry now is refused, and the first one gets its own result', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 500 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [60, 60], jitter: false },
    });
    const id = (await t.sender.deliveries.fire({ type: 'order.created' })).deliveries[0]!.id;
    await eventually(() => t.sender.deliveries.detail(id).status === 'retrying');
    let release!: () => void;
    holdBack(t.sender.store.writer, 0, { settle: true, until: new Promise<void>((r) => (release = r)) });
    const first = t.sender.deliveries.retryNow(id);
    await server.waitForCalls(2);
    await new Promise((r) => setTimeout(r, 50)); // answered 500 (still retrying): its write is on its way, held
    await expect(t.sender.deliveries.retryNow(id)).rejects.toMatchObject({ code: 'conflict' });
    release();
    expect(await first).toMatchObject({ status: 'retrying', attemptCount: 2 });
    expect(server.calls).toHaveLength(2);
  });

  it("retry now while the previous attempt's write is committing answers with its own attempt", async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 503, delayMs: 300 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [60, 60], jitter: false },
    });
    const id = (await t.sender.deliveries.fire({ type: 'order.created' })).deliveries[0]!.id;
    // Attempt 1's write commits, but the engine hears of it only on release().
    let release!: () => void;
    holdBack(t.sender.store.writer, 0, { settle: true, until: new Promise<void>((r) => (release = r)) });
    await server.waitForCalls(1);
    await eventually(() => t.sender.store.deliveries.get(id)?.status === 'retrying');
    const first = t.sender.deliveries.retryNow(id);
    await server.waitForCalls(2);
    release(); // attempt 1's completion arrives while attempt 2 waits for its answer
    const detail = await first;
    expect(detail).toMatchObject({ status: 'retrying', attemptCount: 2 });
    expect(detail.attempts.map((a) => a.response?.status)).toEqual([500, 503]);
  });

  it('a cancel whose write fails leaves the delivery as stored: still retried', async () => {
    server = await new ScriptedServer([{ status: 500 }, { status: 200 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [0.5], jitter: false } });
    const id = (await t.sender.deliveries.fire({ type: 'order.created' })).deliveries[0]!.id;
    await eventually(() => t.sender.deliveries.detail(id).status === 'retrying');
    holdBack(t.sender.store.writer, 0, { failOnce: true }); // the next job — the cancel — fails
    await expect(t.sender.deliveries.cancel(id)).rejects.toThrow(/disk I\/O error/);
    await eventually(() => t.sender.deliveries.detail(id).status === 'success', 5000);
    expect(server.calls).toHaveLength(2);
  });

  it("a webhook enabled by hand stays enabled when the engine's disabling commits after", async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    t.sender.updateSettings({ alerts: { alertAt: [1], disableAfter: 1, disableAfterMinutes: 0 } });
    const w = t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [60], jitter: false },
    });
    holdBack(t.sender.store.writer, 300);
    await t.sender.deliveries.fire({ type: 'order.created' });
    await server.waitForCalls(1);
    await new Promise((r) => setTimeout(r, 50)); // the failure decided to disable; its write is not committed yet
    expect(t.sender.store.webhooks.get(w.id)!.enabled).toBe(true);
    t.sender.webhooks.update({ id: w.id, enabled: true, name: 'fixed' });
    await t.sender.store.writer.idle();
    await new Promise((r) => setTimeout(r, 400));
    const stored = t.sender.store.webhooks.get(w.id)!;
    expect(stored).toMatchObject({ enabled: true, name: 'fixed', consecutiveFailures: 0 });
  });
});

describe('closing with writes queued', () => {
  it('commits them without arming the retry timer again (a closed engine holds no timer)', async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: { delays: [30], jitter: false } });
    holdBack(t.sender.store.writer, 200, { settle: true });
    const id = (await t.sender.deliveries.fire({ type: 'order.created' })).deliveries[0]!.id;
    await server.waitForCalls(1);
    await new Promise((r) => setTimeout(r, 50)); // the attempt's write is committed; the engine hears of it 200 ms later
    const deliveries = t.sender.deliveries as unknown as { timer: { timer: NodeJS.Timeout | null } };
    await t.sender.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveries.timer.timer).toBeNull(); // (armed, it would keep this process alive 30 s)
    const reopened = await t.reopen();
    expect(reopened.deliveries.detail(id)).toMatchObject({ status: 'retrying', attemptCount: 1 });
  });
});
