import { describe, expect, it } from 'vitest';
import type { PushBatch } from '../../src-main/api/pushBatcher';
import { createPushGate } from '../../src-main/desktop/pushGate';

const ev = (id: number) => ({ name: 'alert.raised' as const, payload: { id } as never });
const batch = (ids: number[], dropped = 0): PushBatch => ({ events: ids.map(ev), dropped });

describe('push gate', () => {
  it('holds batches while closed and sends them as one when opened', () => {
    const sent: PushBatch[] = [];
    const gate = createPushGate((b) => sent.push(b), 10);
    gate.offer(batch([1, 2]));
    gate.offer(batch([3]));
    expect(sent).toEqual([]);
    gate.open();
    expect(sent).toEqual([batch([1, 2, 3])]);
    gate.offer(batch([4]));
    expect(sent.at(-1)).toEqual(batch([4]));
  });

  it('keeps only the newest events while closed and counts the rest as dropped', () => {
    const sent: PushBatch[] = [];
    const gate = createPushGate((b) => sent.push(b), 3);
    gate.offer(batch([1, 2], 5));
    gate.offer(batch([3, 4, 5]));
    gate.open();
    expect(sent).toEqual([batch([3, 4, 5], 7)]);
  });

  it('sends nothing on open when nothing was held, and holds again after close', () => {
    const sent: PushBatch[] = [];
    const gate = createPushGate((b) => sent.push(b), 3);
    gate.open();
    expect(sent).toEqual([]);
    gate.close();
    expect(gate.isOpen).toBe(false);
    gate.offer(batch([1]));
    expect(sent).toEqual([]);
  });
});
