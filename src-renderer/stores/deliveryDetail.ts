/** The delivery open in the detail drawer, refreshed when its pushes arrive. */
import { create } from 'zustand';
import type { DeliveryDetail } from '../../src-main/api/types';
import { client } from '../api/client';
import { errorText } from '../api/errorText';

interface DeliveryDetailState {
  id: string | null;
  detail: DeliveryDetail | null;
  error: string | null;
  open(id: string | null): void;
  refresh(): Promise<void>;
  /** A push touched this delivery: refetch soon (several pushes in a row become one call). */
  touched(deliveryId: string): void;
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

export const useDeliveryDetail = create<DeliveryDetailState>((set, get) => ({
  id: null,
  detail: null,
  error: null,
  open(id) {
    if (id === get().id) return;
    set({ id, detail: null, error: null });
    if (id) void get().refresh();
  },
  async refresh() {
    const id = get().id;
    if (!id) return;
    try {
      const detail = await client.call('deliveries.get', { id });
      if (get().id === id) set({ detail, error: null });
    } catch (e) {
      if (get().id === id) set({ error: errorText(e) });
    }
  },
  touched(deliveryId) {
    if (deliveryId !== get().id) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void get().refresh(), 120);
  },
}));
