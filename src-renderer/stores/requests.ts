/**
 * The receiver's live feed: a window over received requests (cursor pages of 100), with
 * `request.received` pushes prepended when they match the feed's filters.
 */
import { create } from 'zustand';
import { matchesRequestFilters } from '../../src-main/api/logFilters';
import type { RequestFilters } from '../../src-main/api/logSchemas';
import type { ReceivedRequest, ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { newestFirst, pagedList, type PagedListState } from './pagedList';
import { currentWorkspaceId } from './workspace';

export type RequestFilterState = Omit<RequestFilters, 'workspaceId'>;

const PAGE = 100;

interface RequestsState extends PagedListState<ReceivedRequestSummary, RequestFilterState> {
  applyReceived(batch: ReceivedRequestSummary[]): void;
  /** The request open in the detail panel. */
  selected: { id: string; request: ReceivedRequest | null; error: string | null } | null;
  select(id: string | null): Promise<void>;
}

const byReceived = newestFirst<ReceivedRequestSummary>((r) => r.receivedAt);

export const useRequests = create<RequestsState>((set, get) => ({
  ...pagedList<ReceivedRequestSummary, RequestFilterState, RequestsState>(set, get, {
    fetchPage: (filters, cursor) =>
      client.call('requests.list', { ...filters, workspaceId: currentWorkspaceId(), limit: PAGE, cursor }),
    order: byReceived,
  }),
  selected: null,
  applyReceived(batch) {
    const { rows, filters, status } = get();
    if (status !== 'ready') return;
    const ws = currentWorkspaceId();
    const known = new Set(rows.map((r) => r.id));
    const added: ReceivedRequestSummary[] = [];
    let undecided = false;
    for (const r of batch) {
      if ((ws && r.workspaceId !== ws) || known.has(r.id)) continue;
      const match = matchesRequestFilters(r, filters);
      if (match === true) added.push(r);
      else if (match === null) undecided = true;
    }
    // A free-text match is decided by the server: it places the new rows.
    if (undecided) get().refreshHead();
    if (!added.length) return;
    set({ rows: [...added, ...rows].sort(byReceived) });
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
