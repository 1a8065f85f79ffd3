/**
 * The paged log list's live head refresh (a free-text search the client cannot decide): the
 * store logic on its own, against an in-memory log whose answers the test releases one by one,
 * so the orders that lost rows before can be played exactly.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from '../../src-main/api/logTypes';
import { mergeHead, newestFirst, pagedList, type PagedListState } from '../../src-renderer/stores/pagedList';

interface Row {
  id: string;
  at: number;
}
type Filters = { q?: string };
type State = PagedListState<Row, Filters>;

const row = (n: number, prefix = 'r'): Row => ({ id: `${prefix}${String(n).padStart(3, '0')}`, at: n });
const order = newestFirst<Row>((r) => r.at);

/** A log (newest first) served in pages of `size`; each answer waits until the test releases it. */
function harness(initial: Row[], size = 2) {
  let log = [...initial].sort(order);
  const waiting: { release: () => void; cursor: string | undefined }[] = [];
  const answer = (cursor: string | undefined): Page<Row> => {
    const start = cursor === undefined ? 0 : log.findIndex((r) => r.id === cursor) + 1;
    const items = log.slice(start, start + size);
    const more = start + size < log.length;
    return { items, nextCursor: more ? items[items.length - 1]!.id : null };
  };
  let state = {} as State;
  const set = (patch: Partial<State>) => void (state = { ...state, ...patch });
  const get = () => state;
  state = pagedList<Row, Filters, State>(set, get, {
    order,
    fetchPage: (_filters, cursor) =>
      new Promise((resolve) => waiting.push({ cursor, release: () => resolve(answer(cursor)) })),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    get: () => state,
    add: (...rows: Row[]) => void (log = [...rows, ...log].sort(order)),
    pending: () => waiting.map((w) => w.cursor ?? 'head'),
    /** Answers the oldest waiting query (or the oldest one for `cursor`; `newest`: the newest), then lets the store run. */
    async release(cursor?: string, newest = false) {
      const matches = (w: (typeof waiting)[number]) => cursor === undefined || (w.cursor ?? 'head') === cursor;
      const i = newest ? waiting.findLastIndex(matches) : waiting.findIndex(matches);
      expect(i, `a query for ${cursor ?? 'the oldest'} is waiting`).toBeGreaterThanOrEqual(0);
      waiting.splice(i, 1)[0]!.release();
      await settle();
      await settle();
    },
    ids: () => state.rows.map((r) => r.id),
  };
}

async function loaded(h: ReturnType<typeof harness>) {
  const reload = h.get().reload();
  await h.release();
  await reload;
}

describe('mergeHead', () => {
  const rows = [row(6), row(5)];
  it('adds the rows not shown yet, in order, and keeps the cursor', () => {
    const merged = mergeHead({ rows, nextCursor: 'r005' }, { items: [row(7), row(6)], nextCursor: 'r006' }, order);
    expect(merged).toEqual({ rows: [row(7), row(6), row(5)], nextCursor: 'r005', startedOver: false });
  });
  it('is nothing when the page holds nothing new', () => {
    expect(mergeHead({ rows, nextCursor: null }, { items: [row(6), row(5)], nextCursor: null }, order)).toBeNull();
  });
  it('starts over from the page when it shares no row with the list and more lies behind it', () => {
    const merged = mergeHead({ rows, nextCursor: 'r005' }, { items: [row(9), row(8)], nextCursor: 'r008' }, order);
    expect(merged).toEqual({ rows: [row(9), row(8)], nextCursor: 'r008', startedOver: true });
  });
});

describe('refreshHead', () => {
  it('folds the refreshes asked for while one runs into one more run, which sees the newest rows', async () => {
    const h = harness([row(2), row(1)], 5);
    await loaded(h);
    h.add(row(3));
    h.get().refreshHead();
    h.add(row(4));
    h.get().refreshHead();
    h.get().refreshHead();
    expect(h.pending()).toEqual(['head']); // one at a time
    await h.release();
    expect(h.pending()).toEqual(['head']); // the folded one
    await h.release();
    expect(h.pending()).toEqual([]);
    expect(h.ids()).toEqual(['r004', 'r003', 'r002', 'r001']);
  });

  it('still runs a refresh asked for while its query was replaced by a new search', async () => {
    const h = harness([row(2), row(1)], 5);
    await loaded(h);
    h.get().refreshHead(); // #1 in flight
    const search = h.get().reload(); // a new search replaces the query
    expect(h.pending()).toEqual(['head', 'head']);
    await h.release('head', true); // the search's answer comes first…
    await search;
    h.add(row(3));
    h.get().refreshHead(); // …a new match arrives: folded behind #1
    await h.release('head'); // #1 answers, for the old query
    expect(h.pending()).toEqual(['head']); // the folded refresh runs anyway
    await h.release();
    expect(h.ids()).toEqual(['r003', 'r002', 'r001']);
  });

  it('a burst that starts the list over discards an older page still loading, so no row is lost', async () => {
    const h = harness([row(6), row(5), row(4), row(3)], 2);
    await loaded(h);
    expect(h.ids()).toEqual(['r006', 'r005']);
    const more = h.get().loadMore(); // older page, in flight
    h.add(row(9), row(8), row(7));
    h.get().refreshHead();
    await h.release('head'); // [9, 8] shares nothing with [6, 5]: start over
    expect(h.ids()).toEqual(['r009', 'r008']);
    await h.release('r005'); // the stale older page answers
    await more;
    expect(h.ids()).toEqual(['r009', 'r008']);
    expect(h.get().nextCursor).toBe('r008');
    // Scrolling on reaches every row, none skipped.
    for (;;) {
      const next = h.get().loadMore();
      if (!h.pending().length) break;
      await h.release();
      await next;
    }
    expect(h.ids()).toEqual(['r009', 'r008', 'r007', 'r006', 'r005', 'r004', 'r003']);
  });
});
