import { create } from 'zustand';
import type { Settings } from '../../src-main/api/schemas';
import { client } from '../api/client';
import { errorText } from '../api/errorText';

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  load(): Promise<void>;
  /** Throws the contract's typed error (field errors) on bad input. */
  update(patch: Partial<Settings>): Promise<Settings>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  error: null,
  async load() {
    try {
      set({ settings: await client.call('settings.get', {}), error: null });
    } catch (e) {
      set({ error: errorText(e) });
    }
  },
  async update(patch) {
    const settings = await client.call('settings.update', patch);
    set({ settings, error: null });
    return settings;
  },
}));
