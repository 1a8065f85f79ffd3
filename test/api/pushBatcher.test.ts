import { afterEach, describe, expect, it } from 'vitest';
import { PUSH_EVENT_NAMES, type PushEventMap, type PushEventName } from '../../src-main/api/contract';
import { startPushBatcher, type PushBatch, type PushBatcher, type PushSource } from '../../src-main/api/pushBatcher';
import { PUSH_FLUSH_MS } from '../../src-main/api/transport';

/** A real in-memory event source with the Workbench's `on(name, cb) → unsubscribe`. */
class Source implements PushSource {
  readonly listeners = new Map<PushEventName, Set<(p: unknown) => void>>();
  on<K extends PushEventName>(name: K, cb: (payload: PushEventMap[K]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set);
    set.add(cb as (p: unknown) => void);
    return () => set.delete(cb as (p: unknown) => void);
  }
  emit(name: PushEventName, payload: unknown): void {
    for (const cb of this.listeners.get(name) ?? []) cb(payload);
  }
  count(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

const delivery = (id: string, status: string) => ({ id, status }) as unknown as PushEventMap['delivery.updated'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('push batcher', () => {
  let batcher: PushBatcher | undefined;
  afterEach(() => batcher?.stop());

  it('subscribes to every push event of the contract and unsubscribes on stop', () => {
    const source = new Source();
    batcher = startPushBatcher(source, () => {});
    expect([...source.listeners.keys()].sort()).toEqual([...PUSH_EVENT_NAMES].sort());
    expect(source.count()).toBe(PUSH_EVENT_NAMES.length);
    batcher.stop();
    expect(source.count()).toBe(0);
  });

  it('delivers events emitted in the same tick as one batch, in order', async () => {
    const source = new Source();
    const batches: PushBatch[] = [];
    batcher = startPushBatcher(source, (b) => batches.push(b));
    source.emit('alert.raised', { id: 'a1' });
    source.emit('webhook.changed', { id: 'w1', webhook: null, deleted: true });
    source.emit('request.received', { id: 'r1' });
    await sleep(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((e) => e.name)).toEqual(['alert.raised', 'webhook.changed', 'request.received']);
    expect(batches[0]!.dropped).toBe(0);
  });

  it('flushes at most once per PUSH_FLUSH_MS under a steady stream', async () => {
    const source = new Source();
    const flushTimes: number[] = [];
    batcher = startPushBatcher(source, () => flushTimes.push(Date.now()));
    const started = Date.now();
    while (Date.now() - started < 550) {
      source.emit('attempt.recorded', { id: Math.random() });
      await sleep(5);
    }
    await sleep(PUSH_FLUSH_MS + 20);
    // ~650 ms of events at ≤ 10 flushes/s: at most 7–8 flushes (timer slack allowed).
    expect(flushTimes.length).toBeGreaterThanOrEqual(4);
    expect(flushTimes.length).toBeLessThanOrEqual(8);
    for (let i = 1; i < flushTimes.length; i++)
      expect(flushTimes[i]! - flushTimes[i - 1]!).toBeGreaterThanOrEqual(PUSH_FLUSH_MS - 5);
  });

  it('coalesces delivery.updated by id so the newest state wins', async () => {
    const source = new Source();
    const batches: PushBatch[] = [];
    batcher = startPushBatcher(source, (b) => batches.push(b));
    source.emit('delivery.updated', delivery('d1', 'pending'));
    source.emit('delivery.updated', delivery('d2', 'pending'));
    source.emit('attempt.recorded', { id: 1, deliveryId: 'd1' });
    source.emit('delivery.updated', delivery('d1', 'success'));
    await sleep(20);
    const events = batches.flatMap((b) => b.events);
    expect(events.map((e) => e.name)).toEqual(['delivery.updated', 'attempt.recorded', 'delivery.updated']);
    const d1 = events.filter((e) => e.name === 'delivery.updated' && (e.payload as { id: string }).id === 'd1');
    expect(d1).toHaveLength(1);
    expect((d1[0]!.payload as { status: string }).status).toBe('success');
    expect(batches.reduce((n, b) => n + b.dropped, 0)).toBe(0);
  });

  it('caps a batch at maxPerFlush, keeping the newest and counting the dropped', async () => {
    const source = new Source();
    const batches: PushBatch[] = [];
    batcher = startPushBatcher(source, (b) => batches.push(b), { maxPerFlush: 50 });
    for (let i = 0; i < 1000; i++) source.emit('attempt.recorded', { id: i });
    await sleep(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events).toHaveLength(50);
    expect((batches[0]!.events[0]!.payload as { id: number }).id).toBe(950);
    expect((batches[0]!.events[49]!.payload as { id: number }).id).toBe(999);
    expect(batches[0]!.dropped).toBe(950);
    expect(batcher.dropped).toBe(950);
    // The next batch reports only what was dropped since.
    source.emit('alert.raised', { id: 'x' });
    await sleep(PUSH_FLUSH_MS + 30);
    expect(batches[1]!.dropped).toBe(0);
  });

  it('keeps delivering when the sink throws, and sends nothing after stop', async () => {
    const source = new Source();
    let calls = 0;
    batcher = startPushBatcher(
      source,
      () => {
        calls++;
        throw new Error('window gone');
      },
      { flushMs: 10 },
    );
    source.emit('alert.raised', { id: 1 });
    await sleep(30);
    source.emit('alert.raised', { id: 2 });
    await sleep(30);
    expect(calls).toBe(2);
    batcher.stop();
    source.emit('alert.raised', { id: 3 });
    await sleep(30);
    expect(calls).toBe(2);
  });

  it('flush() sends what is buffered at once', () => {
    const source = new Source();
    const batches: PushBatch[] = [];
    batcher = startPushBatcher(source, (b) => batches.push(b));
    source.emit('alert.raised', { id: 1 });
    batcher.flush();
    expect(batches).toHaveLength(1);
    batcher.flush();
    expect(batches).toHaveLength(1);
  });
});
