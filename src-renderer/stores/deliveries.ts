/**
 * The delivery table: a window over the log, never all of it. Pages come from
 * `deliveries.list` (cursor, 100 at a time) as the table scrolls; live updates patch rows
 * in place and insert new ones that match the filters.
 */
import { create } from 'zustand';
import { matchesDeliveryFilters } from '../../src-main/api/logFilters';
import type { Delivery } from '../../src-main/api/types';
import { client } from '../api/client';
import type { DeliveryFilterState } from './deliveryFilters';
import { newestFirst, pagedList, type PagedListState } from './pagedList';
import { currentWorkspaceId } from './workspace';

export const DELIVERY_PAGE_SIZE = 100;

interface DeliveriesState extends PagedListState<Delivery, DeliveryFilterState> {
  /** Changes some filters (empty values drop theirs) and reloads. */
  setFilters(patch: Partial<DeliveryFilterState>): void;
  clearFilters(): void;
  /** `delivery.updated` pushes, batched. */
  applyUpdates(updates: Delivery[]): void;
}

const byCreated = newestFirst<Delivery>((d) => d.createdAt);

export const useDeliveries = create<DeliveriesState>((set, get) => {
  const list = pagedList<Delivery, DeliveryFilterState, DeliveriesState>(set, get, {
    fetchPage: (filters, cursor) =>
      client.call('deliveries.list', {
        ...filters,
        workspaceId: currentWorkspaceId(),
        limit: DELIVERY_PAGE_SIZE,
        cursor,
      }),
    order: byCreated,
  });
  return {
    ...list,
    setFilters: (patch) => list.setFilters({ ...get().filters, ...patch }),
    clearFilters: () => list.setFilters({}),
    applyUpdates(updates) {
      const { rows, filters, nextCursor, status } = get();
      if (status !== 'ready') return;
      const ws = currentWorkspaceId();
      const index = new Map(rows.map((r, i) => [r.id, i]));
      let next: Delivery[] | null = null;
      const added: Delivery[] = [];
      let unplaced = false;
      const oldest = rows.length ? rows[rows.length - 1]!.createdAt : -Infinity;
      for (const d of updates) {
        if (ws && d.workspaceId !== ws) continue;
        const i = index.get(d.id);
        const match = matchesDeliveryFilters(d, filters);
        if (i !== undefined) {
          next ??= rows.slice();
          // A row that stops matching stays until the next query, so the table does not jump.
          next[i] = d;
        } else if (match === true && (nextCursor === null || d.createdAt >= oldest)) {
          index.set(d.id, -1);
          added.push(d);
        } else if (match === null && (nextCursor === null || d.createdAt >= oldest)) {
          // Only rows that would land inside the loaded window: an update of an old delivery
          // below it (a retry storm) asks the server nothing.
          unplaced = true;
        }
      }
      // A free-text match is decided by the server: it places the new rows.
      if (unplaced) get().refreshHead();
      if (!next && added.length === 0) return;
      let merged = next ?? rows;
      if (added.length) merged = [...added, ...merged].sort(byCreated);
      set({ rows: merged });
    },
  };
});
