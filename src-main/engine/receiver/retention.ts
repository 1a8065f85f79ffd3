import type { Sender } from '../sender';
import { DAY_MS } from '../retention';
import type { Receiver } from './receiver';

/** Received requests older than settings.retention.requestDays go with the sender's daily clean-up. */
export function registerReceiverRetention(sender: Sender, receiver: Receiver): void {
  sender.retention.addTask((now) =>
    receiver.requests.deleteOlderThan(now - sender.getSettings().retention.requestDays * DAY_MS),
  );
}
