/**
 * The delivery engine's view of its webhooks: every enabled one (loaded at open, kept current
 * from `webhook.changed`) with its endpoint origin. The failure counters here are the engine's,
 * ahead of the store's by a commit; counter changes are announced once per webhook per turn.
 */
import type { Webhook } from '../../api/types';
import type { EventBus } from '../eventBus';
import type { WebhooksRepo } from '../store/webhooksRepo';
import { originOf } from './endpointSlots';

export interface EngineWebhook {
  webhook: Webhook;
  origin: string;
}

export class EngineWebhooks {
  private readonly byId = new Map<string, EngineWebhook>();
  /** Webhooks whose counters changed since the last `webhook.changed` was sent for them. */
  private readonly changed = new Set<string>();

  constructor(
    private readonly repo: WebhooksRepo,
    private readonly bus: EventBus,
  ) {
    for (const webhook of repo.listAllEnabled()) this.set(webhook);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): Iterable<string> {
    return this.byId.keys();
  }

  all(): Iterable<EngineWebhook> {
    return this.byId.values();
  }

  /** The webhook as held here, if it is (no store read). */
  peek(id: string): Webhook | undefined {
    return this.byId.get(id)?.webhook;
  }

  /** A webhook by id, from the store if it is not here (a disabled one: tests, retries by hand). */
  get(id: string): EngineWebhook | undefined {
    const entry = this.byId.get(id);
    if (entry) return entry;
    const webhook = this.repo.get(id);
    return webhook && this.set(webhook);
  }

  /** Keeps `webhook` (its origin worked out again only if its URL changed). */
  set(webhook: Webhook): EngineWebhook {
    const was = this.byId.get(webhook.id);
    const entry = { webhook, origin: was && was.webhook.url === webhook.url ? was.origin : originOf(webhook.url) };
    this.byId.set(webhook.id, entry);
    return entry;
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  /** Reads a webhook from the store again (an outcome write of the engine's did not apply). */
  reload(id: string): void {
    const stored = this.repo.get(id);
    if (stored) this.set(stored);
    else this.delete(id);
  }

  /** Its counters changed: one `webhook.changed` per webhook per turn, with the view then current. */
  announce(id: string): void {
    if (this.changed.size === 0) {
      setImmediate(() => {
        const ids = [...this.changed];
        this.changed.clear();
        for (const webhookId of ids) {
          const entry = this.byId.get(webhookId);
          if (entry) this.bus.emit('webhook.changed', { webhook: entry.webhook, id: webhookId, deleted: false });
        }
      });
    }
    this.changed.add(id);
  }
}
