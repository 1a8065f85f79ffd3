/**
 * The renderer's hash routes as main needs them (menu items, notification clicks): the router
 * (src-renderer/stores/router.ts: `#/<path>[/<id>][?query]`) and this read the page table,
 * src-main/api/pages.ts. Pure.
 */

import { PAGE_TABLE, pageAtPath, PAGE_TITLES, PAGES, type PageKey } from '../api/pages';

export { PAGE_TITLES, PAGES };
export type Page = PageKey;

/** encodeURIComponent leaves !'()* alone; encode them too, so a route is only letters, digits and %XX. */
const encodeSegment = (id: string) =>
  encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function pageRoute(page: Page, id?: string | null): string {
  return `#/${PAGE_TABLE[page].path}${id ? `/${encodeSegment(id)}` : ''}`;
}

export const webhookRoute = (webhookId: string) => pageRoute('webhooks', webhookId);

/** Only our own pages travel to the renderer: `#/<known page>`, an optional id segment, an optional query. */
export function isAppRoute(route: unknown): route is string {
  if (typeof route !== 'string' || route.length > 500) return false;
  const m = /^#\/([a-z]+)(\/[A-Za-z0-9._~%-]+)?(\?[A-Za-z0-9._~%&=+-]*)?$/.exec(route);
  return !!m && pageAtPath(m[1]!) !== null;
}
