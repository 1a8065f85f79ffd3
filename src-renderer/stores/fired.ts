/** Deliveries made by events fired from this window, followed live (Fire event page, first-run guide). */
import { create } from 'zustand';
import type { Delivery, EventEnvelope } from '../../src-main/api/types';

export interface FiredEvent {
  event: EventEnvelope;
  deliveryIds: string[];
}

interface FiredState {
  /** Newest first, at most 20. */
  events: FiredEvent[];
  deliveries: Record<string, Delivery>;
  add(event: EventEnvelope, deliveries: Delivery[]): void;
  applyUpdates(updates: Delivery[]): void;
}

const MAX_EVENTS = 20;

export const useFired = create<FiredState>((set, get) => ({
  events: [],
  deliveries: {},
  add(event, deliveries) {
    const events = [{ event, deliveryIds: deliveries.map((d) => d.id) }, ...get().events].slice(0, MAX_EVENTS);
    const keep = new Set(events.flatMap((e) => e.deliveryIds));
    const map: Record<string, Delivery> = {};
    for (const [id, d] of Object.entries(get().deliveries)) if (keep.has(id)) map[id] = d;
    // A push may have raced ahead of the call's answer: keep the newer one.
    for (const d of deliveries) if (!map[d.id] || map[d.id]!.updatedAt <= d.updatedAt) map[d.id] = d;
    set({ events, deliveries: map });
  },
  applyUpdates(updates) {
    const current = get().deliveries;
    let next: Record<string, Delivery> | null = null;
    for (const d of updates) {
      if (!current[d.id] && !get().events.some((e) => e.deliveryIds.includes(d.id))) continue;
      next ??= { ...current };
      next[d.id] = d;
    }
    if (next) set({ deliveries: next });
  },
}));
