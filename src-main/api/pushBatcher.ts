/**
 * Push batching shared by every face that forwards engine events (WebSocket, Electron IPC):
 * subscribes to every push event, buffers, and hands the sink at most one batch every
 * PUSH_FLUSH_MS with at most PUSH_MAX_PER_FLUSH events, so a flood of deliveries cannot
 * freeze a renderer. Isomorphic: timers only.
 */
import { PUSH_EVENT_NAMES, type PushEventMap, type PushEventName } from './contract';
import { PUSH_FLUSH_MS, PUSH_MAX_PER_FLUSH, type PushEnvelope } from './transport';

/** Anything with the Workbench's `on(name, cb) → unsubscribe`. */
export interface PushSource {
  on<K extends PushEventName>(name: K, listener: (payload: PushEventMap[K]) => void): () => void;
}

export interface PushBatch {
  /** Oldest first. A delivery appears once, with its newest state. */
  events: PushEnvelope[];
  /** Events thrown away (oldest first) since the previous batch because the buffer was full. */
  dropped: number;
}

export interface PushBatcherOptions {
  flushMs?: number;
  maxPerFlush?: number;
  /** Only these events (default: every push event of the contract). */
  names?: readonly PushEventName[];
}

export interface PushBatcher {
  /** Send what is buffered now (a batch is delivered only when there is something in it). */
  flush(): void;
  /** Unsubscribe from the source and forget the buffer. */
  stop(): void;
  /** Events dropped since the batcher started. */
  readonly dropped: number;
}

/**
 * Starts forwarding `source`'s push events to `sink` in batches. The buffer never holds more
 * than `maxPerFlush` events: past that the oldest go first (the newest state is what a screen
 * needs), and `delivery.updated` is coalesced by delivery id so only the newest state is kept.
 */
export function startPushBatcher(
  source: PushSource,
  sink: (batch: PushBatch) => void,
  opts: PushBatcherOptions = {},
): PushBatcher {
  const flushMs = opts.flushMs ?? PUSH_FLUSH_MS;
  const maxPerFlush = Math.max(1, opts.maxPerFlush ?? PUSH_MAX_PER_FLUSH);
  // Insertion-ordered: delete + set moves a coalesced delivery to the end, after the attempt that changed it.
  const buffer = new Map<string, PushEnvelope>();
  let seq = 0;
  let droppedSinceFlush = 0;
  let droppedTotal = 0;
  let lastFlushAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const keyOf = (name: PushEventName, payload: unknown): string => {
    if (name === 'delivery.updated') {
      const id = (payload as { id?: unknown } | null)?.id;
      if (typeof id === 'string') return `delivery:${id}`;
    }
    return `#${seq++}`;
  };

  const flush = (): void => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (buffer.size === 0) return;
    const batch: PushBatch = { events: [...buffer.values()], dropped: droppedSinceFlush };
    buffer.clear();
    droppedSinceFlush = 0;
    lastFlushAt = Date.now();
    try {
      sink(batch);
    } catch {
      // A failing sink (a closed socket, a destroyed window) must not stop the engine's event bus.
    }
  };

  const schedule = (): void => {
    if (timer !== null || stopped) return;
    const wait = Math.max(0, lastFlushAt + flushMs - Date.now());
    timer = setTimeout(flush, wait);
  };

  const push = (name: PushEventName, payload: unknown): void => {
    if (stopped) return;
    const key = keyOf(name, payload);
    buffer.delete(key);
    buffer.set(key, { name, payload } as PushEnvelope);
    while (buffer.size > maxPerFlush) {
      const oldest = buffer.keys().next().value as string;
      buffer.delete(oldest);
      droppedSinceFlush++;
      droppedTotal++;
    }
    schedule();
  };

  const unsubscribes = (opts.names ?? PUSH_EVENT_NAMES).map((name) =>
    source.on(name, (payload) => push(name, payload)),
  );

  return {
    flush,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const off of unsubscribes) off();
      if (timer !== null) clearTimeout(timer);
      timer = null;
      buffer.clear();
    },
    get dropped() {
      return droppedTotal;
    },
  };
}
