import { create } from 'zustand';
import type { InboxWithUrl } from '../../src-main/api/contract';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { currentWorkspaceId } from './workspace';

interface InboxesState {
  items: InboxWithUrl[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** After a create/update call (inbox changes are not pushed). */
  upsert(inbox: InboxWithUrl): void;
  remove(id: string): void;
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
}));
