/**
 * The delivery table: a window over the log, never all of it. Pages come from
 * `deliveries.list` (cursor, 100 at a time) as the table scrolls; live updates patch rows
 * in place and insert new ones that match the filters.
 */
import { create } from 'zustand';
import type { Delivery } from '../../src-main/api/types';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { matchesDeliveryFilters, newestFirst, type DeliveryFilterState } from './deliveryFilters';
import { currentWorkspaceId } from './workspace';

export const DELIVERY_PAGE_SIZE = 100;

interface DeliveriesState {
  filters: DeliveryFilterState;
  rows: Delivery[];
  nextCursor: string | null;
  /** 'loading' only for the first page of a query; more pages set `loadingMore`. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: string | null;
  /** New deliveries that may match a free-text filter (the client cannot tell): offer a refresh. */
  unplaced: number;
  setFilters(patch: Partial<DeliveryFilterState>): void;
  clearFilters(): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  /** `delivery.updated` pushes, batched. */
  applyUpdates(updates: Delivery[]): void;
}

let querySeq = 0;

function clean(f: DeliveryFilterState): DeliveryFilterState {
  const out: DeliveryFilterState = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export const useDeliveries = create<DeliveriesState>((set, get) => ({
  filters: {},
  rows: [],
  nextCursor: null,
  status: 'idle',
  loadingMore: false,
  error: null,
  unplaced: 0,
  setFilters(patch) {
    set({ filters: clean({ ...get().filters, ...patch }) });
    void get().reload();
  },
  clearFilters() {
    set({ filters: {} });
    void get().reload();
  },
  async reload() {
    const seq = ++querySeq;
    set({ status: 'loading', error: null, unplaced: 0, loadingMore: false });
    try {
      const page = await client.call('deliveries.list', { ...get().filters, workspaceId: currentWorkspaceId(), limit: DELIVERY_PAGE_SIZE });
      if (seq !== querySeq) return;
      set({ rows: page.items, nextCursor: page.nextCursor, status: 'ready' });
    } catch (e) {
      if (seq === querySeq) set({ status: 'error', error: errorText(e), rows: [], nextCursor: null });
    }
  },
  async loadMore() {
    const { nextCursor, loadingMore, status, filters } = get();
    if (!nextCursor || loadingMore || status !== 'ready') return;
    const seq = querySeq;
    set({ loadingMore: true });
    try {
      const page = await client.call('deliveries.list', { ...filters, workspaceId: currentWorkspaceId(), limit: DELIVERY_PAGE_SIZE, cursor: nextCursor });
      if (seq !== querySeq) return;
      const known = new Set(get().rows.map((r) => r.id));
      set({ rows: [...get().rows, ...page.items.filter((d) => !known.has(d.id))], nextCursor: page.nextCursor, loadingMore: false });
    } catch (e) {
      if (seq === querySeq) set({ loadingMore: false, error: errorText(e) });
    }
  },
  applyUpdates(updates) {
    const { rows, filters, nextCursor, status } = get();
    if (status !== 'ready') return;
    const ws = currentWorkspaceId();
    const index = new Map(rows.map((r, i) => [r.id, i]));
    let next: Delivery[] | null = null;
    const added: Delivery[] = [];
    let unplaced = 0;
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
      } else if (match === null && d.status === 'pending') {
        unplaced += 1;
      }
    }
    if (!next && added.length === 0 && unplaced === 0) return;
    let merged = next ?? rows;
    if (added.length) merged = [...added, ...merged].sort(newestFirst);
    set({ rows: merged, unplaced: get().unplaced + unplaced });
  },
}));
