import { create } from 'zustand';
import type { Workspace } from '../../src-main/api/types';
import { client } from '../api/client';
import { errorText } from '../api/errorText';

const CURRENT_KEY = 'hookbench.workspace';

interface WorkspaceState {
  workspaces: Workspace[];
  /** The remembered one at start (checked when the list loads); null when none is known yet. */
  currentId: string | null;
  /** The list has loaded at least once. */
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  select(id: string): void;
  create(name: string): Promise<Workspace>;
}

function remembered(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}

export const useWorkspace = create<WorkspaceState>((set, get) => ({
  workspaces: [],
  loaded: false,
  currentId: remembered(),
  error: null,
  async load() {
    try {
      const workspaces = await client.call('workspaces.list', {});
      const wanted = get().currentId ?? remembered();
      const current = workspaces.find((w) => w.id === wanted) ?? workspaces[0] ?? null;
      set({ workspaces, currentId: current?.id ?? null, error: null, loaded: true });
    } catch (e) {
      set({ error: errorText(e) });
    }
  },
  select(id) {
    try {
      localStorage.setItem(CURRENT_KEY, id);
    } catch {
      /* not remembered across reloads */
    }
    set({ currentId: id });
  },
  async create(name) {
    const w = await client.call('workspaces.create', { name });
    set({ workspaces: [...get().workspaces, w] });
    get().select(w.id);
    return w;
  },
}));

/** The current workspace id for calls (undefined lets the engine use its default). */
export const currentWorkspaceId = (): string | undefined => useWorkspace.getState().currentId ?? undefined;
