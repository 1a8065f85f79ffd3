import { create } from 'zustand';
import type { WebhookListItem } from '../../src-main/api/contract';
import type { PushEventMap } from '../../src-main/api/contract';
import type { Delivery } from '../../src-main/api/types';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { currentWorkspaceId } from './workspace';

interface WebhooksState {
  items: WebhookListItem[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  /** A `webhook.changed` push: insert, replace (keeping list-only figures) or remove. */
  applyChange(change: PushEventMap['webhook.changed']): void;
  /** A `delivery.updated` push: last delivery of its webhook; the success rate refreshes lazily. */
  noteDelivery(d: Delivery): void;
}

let reloadTimer: ReturnType<typeof setTimeout> | undefined;
let loadSeq = 0;

export const useWebhooks = create<WebhooksState>((set, get) => ({
  items: [],
  loaded: false,
  loading: false,
  error: null,
  async load() {
    const seq = ++loadSeq;
    set({ loading: true });
    try {
      const items = await client.call('webhooks.list', { workspaceId: currentWorkspaceId() });
      if (seq === loadSeq) set({ items, loaded: true, loading: false, error: null });
    } catch (e) {
      if (seq === loadSeq) set({ loading: false, error: errorText(e) });
    }
  },
  applyChange({ webhook, id, deleted }) {
    const items = get().items;
    if (deleted || !webhook) {
      set({ items: items.filter((w) => w.id !== id) });
      return;
    }
    if (webhook.workspaceId !== currentWorkspaceId()) return;
    const i = items.findIndex((w) => w.id === id);
    if (i === -1) {
      set({ items: [...items, { ...webhook, successRate: null, lastDeliveryAt: null, lastDeliveryStatus: null }] });
    } else {
      const next = items.slice();
      next[i] = { ...items[i]!, ...webhook };
      set({ items: next });
    }
  },
  noteDelivery(d) {
    const items = get().items;
    const i = items.findIndex((w) => w.id === d.webhookId);
    if (i === -1) return;
    const next = items.slice();
    next[i] = { ...items[i]!, lastDeliveryAt: d.updatedAt, lastDeliveryStatus: d.status };
    set({ items: next });
    if (d.status === 'success' || d.status === 'failed') {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => void get().load(), 1500);
    }
  },
}));

export const webhookName = (items: WebhookListItem[], id: string | null | undefined): string =>
  (id && items.find((w) => w.id === id)?.name) || id || '—';
