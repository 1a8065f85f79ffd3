import { create } from 'zustand';
import type { InboxWithUrl, PushEventMap } from '../../src-main/api/contract';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { currentWorkspaceId } from './workspace';

interface InboxesState {
  items: InboxWithUrl[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** After this window's own create/update call (its answer carries the URL). */
  upsert(inbox: InboxWithUrl): void;
  remove(id: string): void;
  /**
   * `inbox.changed` pushes (made over REST, in another tab or window), batched: a deleted inbox
   * leaves at once; a new or changed one reloads the list, since its URL is the host's to tell.
   */
  applyChanges(changes: PushEventMap['inbox.changed'][]): void;
}

let loadSeq = 0;

export const useInboxes = create<InboxesState>((set, get) => ({
  items: [],
  loaded: false,
  error: null,
  async load() {
    const seq = ++loadSeq;
    try {
      const items = await client.call('inboxes.list', { workspaceId: currentWorkspaceId() });
      if (seq === loadSeq) set({ items, loaded: true, error: null });
    } catch (e) {
      if (seq === loadSeq) set({ error: errorText(e) });
    }
  },
  upsert(inbox) {
    const items = get().items;
    const i = items.findIndex((x) => x.id === inbox.id);
    if (i === -1) set({ items: [...items, inbox] });
    else set({ items: items.map((x) => (x.id === inbox.id ? inbox : x)) });
  },
  remove(id) {
    set({ items: get().items.filter((x) => x.id !== id) });
  },
  applyChanges(changes) {
    const gone = new Set(changes.filter((c) => c.deleted).map((c) => c.id));
    if (gone.size > 0) set({ items: get().items.filter((x) => !gone.has(x.id)) });
    const ws = currentWorkspaceId();
    if (changes.some((c) => !c.deleted && c.inbox !== null && (!ws || c.inbox.workspaceId === ws))) void get().load();
  },
}));
