import type { Engine } from '../engine';
import { DAY_MS } from '../retention';
import type { Receiver } from './receiver';

/** Received requests older than settings.retention.requestDays go with the engine's daily clean-up. */
export function registerReceiverRetention(engine: Engine, receiver: Receiver): void {
  engine.retention.addTask((now) => receiver.requests.deleteOlderThan(now - engine.getSettings().retention.requestDays * DAY_MS));
}
