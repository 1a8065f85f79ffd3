/**
 * The receiver's live feed: a window over received requests (cursor pages of 100), with
 * `request.received` pushes prepended when they match the feed's filters.
 */
import { create } from 'zustand';
import type { RequestFilters } from '../../src-main/api/logSchemas';
import type { ReceivedRequest, ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { matchesHttpStatus, newestFirst } from './deliveryFilters';
import { currentWorkspaceId } from './workspace';

export type RequestFilterState = Omit<RequestFilters, 'workspaceId'>;

const PAGE = 100;

function matches(r: ReceivedRequestSummary, f: RequestFilterState): boolean | null {
  if (f.inboxId === 'unrouted' ? r.inboxId !== null : f.inboxId && r.inboxId !== f.inboxId) return false;
  if (f.valid !== undefined && r.valid !== f.valid) return false;
  if (f.method && r.method.toUpperCase() !== f.method.toUpperCase()) return false;
  if (f.httpStatus !== undefined && !matchesHttpStatus(r.responseStatus, f.httpStatus)) return false;
  if (f.q) return null;
  return true;
}

interface RequestsState {
  filters: RequestFilterState;
  rows: ReceivedRequestSummary[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: string | null;
  setFilters(filters: RequestFilterState): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  applyReceived(batch: ReceivedRequestSummary[]): void;
  /** The request open in the detail panel. */
  selected: { id: string; request: ReceivedRequest | null; error: string | null } | null;
  select(id: string | null): Promise<void>;
}

let seqNo = 0;

export const useRequests = create<RequestsState>((set, get) => ({
  filters: {},
  rows: [],
  nextCursor: null,
  status: 'idle',
  loadingMore: false,
  error: null,
  selected: null,
  setFilters(filters) {
    const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as RequestFilterState;
    set({ filters: clean });
    void get().reload();
  },
  async reload() {
    const seq = ++seqNo;
    set({ status: 'loading', error: null });
    try {
      const page = await client.call('requests.list', { ...get().filters, workspaceId: currentWorkspaceId(), limit: PAGE });
      if (seq === seqNo) set({ rows: page.items, nextCursor: page.nextCursor, status: 'ready' });
    } catch (e) {
      if (seq === seqNo) set({ status: 'error', error: errorText(e), rows: [], nextCursor: null });
    }
  },
  async loadMore() {
    const { nextCursor, loadingMore, status, filters } = get();
    if (!nextCursor || loadingMore || status !== 'ready') return;
    const seq = seqNo;
    set({ loadingMore: true });
    try {
      const page = await client.call('requests.list', { ...filters, workspaceId: currentWorkspaceId(), limit: PAGE, cursor: nextCursor });
      if (seq !== seqNo) return;
      const known = new Set(get().rows.map((r) => r.id));
      set({ rows: [...get().rows, ...page.items.filter((r) => !known.has(r.id))], nextCursor: page.nextCursor, loadingMore: false });
    } catch (e) {
      if (seq === seqNo) set({ loadingMore: false, error: errorText(e) });
    }
  },
  applyReceived(batch) {
    const { rows, filters, status } = get();
    if (status !== 'ready') return;
    const ws = currentWorkspaceId();
    const known = new Set(rows.map((r) => r.id));
    const added = batch.filter((r) => (!ws || r.workspaceId === ws) && !known.has(r.id) && matches(r, filters) === true);
    if (!added.length) return;
    const byTime = (a: ReceivedRequestSummary, b: ReceivedRequestSummary) => newestFirst({ createdAt: a.receivedAt, id: a.id }, { createdAt: b.receivedAt, id: b.id });
    set({ rows: [...added, ...rows].sort(byTime) });
  },
  async select(id) {
    if (!id) {
      set({ selected: null });
      return;
    }
    if (get().selected?.id === id && get().selected?.request) return;
    set({ selected: { id, request: null, error: null } });
    try {
      const request = await client.call('requests.get', { id });
      if (get().selected?.id === id) set({ selected: { id, request, error: null } });
    } catch (e) {
      if (get().selected?.id === id) set({ selected: { id, request: null, error: errorText(e) } });
    }
  },
}));
