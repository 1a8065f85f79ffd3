/**
 * Holds push batches until the renderer says it is ready (it subscribed), then passes them
 * straight through. While waiting it keeps at most `maxEvents` (newest win) and counts the
 * rest as dropped, so a window that never becomes ready cannot grow memory. Pure.
 */
import type { PushBatch } from '../api/pushBatcher';

export interface PushGate {
  /** A batch from the batcher: sent now when ready, else held. */
  offer(batch: PushBatch): void;
  /** The renderer subscribed: send what was held (one batch) and pass the rest through. */
  open(): void;
  /** The page is reloading or gone: hold again until it says it is ready. */
  close(): void;
  readonly isOpen: boolean;
}

export function createPushGate(send: (batch: PushBatch) => void, maxEvents: number): PushGate {
  let isOpen = false;
  let held: PushBatch['events'] = [];
  let dropped = 0;

  return {
    offer(batch) {
      if (isOpen) {
        send(batch);
        return;
      }
      held.push(...batch.events);
      dropped += batch.dropped;
      if (held.length > maxEvents) {
        dropped += held.length - maxEvents;
        held = held.slice(held.length - maxEvents);
      }
    },
    open() {
      isOpen = true;
      if (held.length === 0 && dropped === 0) return;
      const batch = { events: held, dropped };
      held = [];
      dropped = 0;
      send(batch);
    },
    close() {
      isOpen = false;
    },
    get isOpen() {
      return isOpen;
    },
  };
}
