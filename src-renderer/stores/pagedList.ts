/**
 * A window over a cursor-paged log list (deliveries, received requests): the first page on
 * `reload`, older pages on `loadMore`, and live rows merged in newest first. A query that a newer
 * one replaced never writes its answer. Live rows the client cannot place (a free-text search
 * covers bodies it does not hold) are placed by the server: `refreshHead` asks for the first page
 * again and merges the rows not shown yet.
 */
import type { Page } from '../../src-main/api/logTypes';
import { errorText } from '../api/errorText';

export interface PagedListState<Row, F> {
  filters: F;
  rows: Row[];
  nextCursor: string | null;
  /** 'loading' only for the first page of a query; more pages set `loadingMore`. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: string | null;
  /** Replaces the filters (empty values dropped) and reloads. */
  setFilters(filters: F): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  /**
   * New rows may match the query but the client cannot tell: merge the ones the first page now
   * holds. Calls while one runs are folded into one more run after it.
   */
  refreshHead(): void;
}

export interface PagedListOptions<Row, F, S> {
  fetchPage(filters: F, cursor: string | undefined): Promise<Page<Row>>;
  /** More of the store's state reset when a query starts. */
  resetOnReload?: Partial<S>;
  /** The list's order (newest first). */
  order(a: Row, b: Row): number;
}

/** Filters without empty values (undefined, '', []): the query leaves them out. */
function withoutEmpty<F extends object>(f: F): F {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as F;
}

export function pagedList<Row extends { id: string }, F extends object, S extends PagedListState<Row, F>>(
  set: (patch: Partial<S>) => void,
  get: () => S,
  opts: PagedListOptions<Row, F, S>,
): PagedListState<Row, F> {
  let querySeq = 0;
  let head: 'idle' | 'running' | 'again' = 'idle';
  const put = (patch: Partial<PagedListState<Row, F>>) => set(patch as Partial<S>);
  return {
    filters: {} as F,
    rows: [],
    nextCursor: null,
    status: 'idle',
    loadingMore: false,
    error: null,
    setFilters(filters) {
      put({ filters: withoutEmpty(filters) });
      void get().reload();
    },
    async reload() {
      const seq = ++querySeq;
      set({ status: 'loading', error: null, loadingMore: false, ...opts.resetOnReload } as Partial<S>);
      try {
        const page = await opts.fetchPage(get().filters, undefined);
        if (seq === querySeq) put({ rows: page.items, nextCursor: page.nextCursor, status: 'ready' });
      } catch (e) {
        if (seq === querySeq) put({ status: 'error', error: errorText(e), rows: [], nextCursor: null });
      }
    },
    async loadMore() {
      const { nextCursor, loadingMore, status, filters } = get();
      if (!nextCursor || loadingMore || status !== 'ready') return;
      const seq = querySeq;
      put({ loadingMore: true });
      try {
        const page = await opts.fetchPage(filters, nextCursor);
        if (seq !== querySeq) return;
        const known = new Set(get().rows.map((r) => r.id));
        put({
          rows: [...get().rows, ...page.items.filter((r) => !known.has(r.id))],
          nextCursor: page.nextCursor,
          loadingMore: false,
        });
      } catch (e) {
        if (seq === querySeq) put({ loadingMore: false, error: errorText(e) });
      }
    },
    refreshHead() {
      if (head !== 'idle') {
        head = 'again';
        return;
      }
      head = 'running';
      void (async () => {
        do {
          head = 'running';
          const { status, filters } = get();
          if (status !== 'ready') break;
          const seq = querySeq;
          try {
            const page = await opts.fetchPage(filters, undefined);
            // A newer query answered meanwhile: this page is for the old one; a push folded in since still runs.
            if (seq !== querySeq) continue;
            const merged = mergeHead(get(), page, opts.order);
            if (!merged) continue;
            // Starting over: an older page still loading belongs to the list that was replaced.
            if (merged.startedOver) querySeq += 1;
            put({ rows: merged.rows, nextCursor: merged.nextCursor, loadingMore: false });
          } catch (e) {
            if (seq === querySeq) put({ error: errorText(e) });
            break;
          }
        } while ((head as string) === 'again');
        head = 'idle';
      })();
    },
  };
}

/**
 * The rows after a fresh first page arrived: its rows not shown yet join in order. When the page
 * shares no row with the list and has more behind it, rows between the two are unknown, so the
 * list starts over from the page (as a reload would, without the flash).
 */
export function mergeHead<Row extends { id: string }>(
  current: { rows: Row[]; nextCursor: string | null },
  page: Page<Row>,
  order: (a: Row, b: Row) => number,
): { rows: Row[]; nextCursor: string | null; startedOver: boolean } | null {
  const known = new Set(current.rows.map((r) => r.id));
  const fresh = page.items.filter((r) => !known.has(r.id));
  if (fresh.length === 0) return null;
  const overlaps = page.nextCursor === null || page.items.some((r) => known.has(r.id));
  if (current.rows.length === 0 || !overlaps)
    return { rows: page.items, nextCursor: page.nextCursor, startedOver: current.rows.length > 0 };
  return { rows: [...fresh, ...current.rows].sort(order), nextCursor: current.nextCursor, startedOver: false };
}

/** Newest first by `timeOf`, ties broken by id (descending), as the lists are ordered. */
export const newestFirst =
  <Row extends { id: string }>(timeOf: (row: Row) => number) =>
  (a: Row, b: Row): number =>
    timeOf(b) - timeOf(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
