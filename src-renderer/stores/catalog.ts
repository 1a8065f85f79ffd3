import { create } from 'zustand';
import type { EventTypeInfo } from '../../src-main/api/contract';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { currentWorkspaceId } from './workspace';

/** The event catalog (built-in plus the workspace's custom types), from `events.available`. */
interface CatalogState {
  types: EventTypeInfo[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useCatalog = create<CatalogState>((set) => ({
  types: [],
  loaded: false,
  error: null,
  async load() {
    try {
      const types = await client.call('events.available', { workspaceId: currentWorkspaceId() });
      set({ types, loaded: true, error: null });
    } catch (e) {
      set({ error: errorText(e) });
    }
  },
}));

/** Subscription choices: `*`, each category's `cat.*`, then every type. */
export function subscriptionOptions(types: EventTypeInfo[]): string[] {
  const categories = [...new Set(types.map((t) => t.type.split('.')[0]!))];
  return ['*', ...categories.map((c) => `${c}.*`), ...types.map((t) => t.type)];
}
