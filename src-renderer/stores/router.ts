/**
 * A tiny hash router: `#/deliveries?delivery=dlv_1`, `#/webhooks/wh_1`, `#/receiver/ibx_1?request=req_1`.
 * The hash keeps the page's `?token=` query untouched and survives reloads.
 */
import { create } from 'zustand';

import { PAGE_TABLE, pageAtPath, PAGES, type PageKey } from '../../src-main/api/pages';

export { PAGES, type PageKey };

export interface Route {
  page: PageKey;
  /** The segment after the page (`#/webhooks/<id>`). */
  id: string | null;
  params: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?');
  const [segment, id] = path.split('/');
  const params = Object.fromEntries(new URLSearchParams(query));
  const page = pageAtPath(segment ?? '');
  return { page: page ?? PAGES[0]!, id: page && id ? decodeURIComponent(id) : null, params };
}

export function hrefOf(page: PageKey, id?: string | null, params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') q.set(k, v);
  const qs = q.toString();
  return `#/${PAGE_TABLE[page].path}${id ? `/${encodeURIComponent(id)}` : ''}${qs ? `?${qs}` : ''}`;
}

interface RouterState {
  route: Route;
  navigate(page: PageKey, id?: string | null, params?: Record<string, string | undefined>): void;
  /** Change query params of the current page without adding history entries. */
  setParams(params: Record<string, string | undefined>): void;
}

export const useRouter = create<RouterState>((set, get) => ({
  route: parseHash(window.location.hash),
  navigate(page, id, params) {
    const href = hrefOf(page, id, params);
    if (window.location.hash !== href) window.location.hash = href;
    else set({ route: parseHash(href) });
  },
  setParams(params) {
    const { route } = get();
    const next = hrefOf(route.page, route.id, { ...route.params, ...params });
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${next}`);
    set({ route: parseHash(next) });
  },
}));

window.addEventListener('hashchange', () => useRouter.setState({ route: parseHash(window.location.hash) }));
