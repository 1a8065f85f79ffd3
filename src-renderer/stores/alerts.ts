import { create } from 'zustand';
import type { Alert } from '../../src-main/api/types';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { currentWorkspaceId } from './workspace';

interface AlertsState {
  alerts: Alert[];
  /** As counted by the engine for the workspace (the list holds at most 200). */
  unread: number;
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  markRead(ids: string[]): Promise<void>;
  markAllRead(): Promise<void>;
  /** `alert.raised` push. */
  raised(alert: Alert): void;
}

export const useAlerts = create<AlertsState>((set, get) => ({
  alerts: [],
  unread: 0,
  loaded: false,
  error: null,
  async load() {
    try {
      const { alerts, unread } = await client.call('alerts.list', { workspaceId: currentWorkspaceId(), limit: 200 });
      set({ alerts, unread, loaded: true, error: null });
    } catch (e) {
      set({ error: errorText(e) });
    }
  },
  async markRead(ids) {
    const { unread } = await client.call('alerts.markRead', { workspaceId: currentWorkspaceId(), ids });
    const read = new Set(ids);
    set({ unread, alerts: get().alerts.map((a) => (read.has(a.id) ? { ...a, read: true } : a)) });
  },
  async markAllRead() {
    const { unread } = await client.call('alerts.markRead', { workspaceId: currentWorkspaceId(), all: true });
    set({ unread, alerts: get().alerts.map((a) => ({ ...a, read: true })) });
  },
  raised(alert) {
    if (alert.workspaceId !== currentWorkspaceId()) return;
    if (get().alerts.some((a) => a.id === alert.id)) return;
    set({ alerts: [alert, ...get().alerts], unread: get().unread + (alert.read ? 0 : 1) });
  },
}));
