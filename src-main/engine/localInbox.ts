/** "Send to a local inbox": one click from the sender side to a receiving, verifying inbox. */
import { HookbenchError } from '../api/errors';
import { localInboxSchema, type LocalInboxInput } from '../api/receiverSchemas';
import type { Inbox } from '../api/receiverTypes';
import { parseInput } from '../api/schemas';
import type { Webhook } from '../api/types';
import type { Engine } from './engine';
import type { Receiver } from './receiver/receiver';

/**
 * Creates an inbox and a webhook pointed at it that share scheme and secret, so every event
 * the webhook is sent arrives verified. If the webhook cannot be created the inbox is removed.
 */
export function sendToLocalInbox(engine: Engine, receiver: Receiver, input: LocalInboxInput = {}): { inbox: Inbox; webhook: Webhook } {
  const p = parseInput(localInboxSchema, input);
  const status = receiver.status();
  if (!status.listening || status.url === null) {
    throw new HookbenchError('unavailable', 'the local receiver is not running; start it (Settings → Receiver, or `hookbench listen`) and try again', 'receiver');
  }
  const name = p.name ?? 'Local inbox';
  const inbox = receiver.inboxes.create({ workspaceId: p.workspaceId, name, scheme: p.scheme, responseRule: p.responseRule });
  try {
    const webhook = engine.webhooks.create({
      workspaceId: inbox.workspaceId,
      name: `${name} (local)`,
      description: `Sends to the local inbox /in/${inbox.slug}`,
      url: `${status.url}/in/${inbox.slug}`,
      subscriptions: p.subscriptions,
      scheme: p.scheme,
      // `none` keeps no inbox secret; the webhook then makes its own (never used to sign).
      secret: inbox.secrets[0],
      retryPolicy: p.retryPolicy,
    });
    return { inbox, webhook };
  } catch (e) {
    receiver.inboxes.delete(inbox.id);
    throw e;
  }
}
