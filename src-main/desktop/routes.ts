/**
 * The renderer's hash routes as main needs them (menu items, notification clicks). The renderer
 * owns its router (src-renderer/stores/router.ts: `#/<page>[/<id>][?query]`); this mirrors its
 * page list, and test/desktop/menu.test.ts fails if the two drift apart. Pure.
 */

/** In the renderer's order: the menu's CmdOrCtrl+1…7 follow it, as the UI's own shortcuts do. */
export const PAGES = ['dashboard', 'webhooks', 'fire', 'deliveries', 'receiver', 'alerts', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export const PAGE_TITLES: Record<Page, string> = {
  dashboard: 'Dashboard',
  webhooks: 'Webhooks',
  fire: 'Fire event',
  deliveries: 'Deliveries',
  receiver: 'Receiver',
  alerts: 'Alerts',
  settings: 'Settings',
};

/** encodeURIComponent leaves !'()* alone; encode them too, so a route is only letters, digits and %XX. */
const encodeSegment = (id: string) => encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function pageRoute(page: Page, id?: string | null): string {
  return `#/${page}${id ? `/${encodeSegment(id)}` : ''}`;
}

export const webhookRoute = (webhookId: string) => pageRoute('webhooks', webhookId);

/** Only our own pages travel to the renderer: `#/<known page>`, an optional id segment, an optional query. */
export function isAppRoute(route: unknown): route is string {
  if (typeof route !== 'string' || route.length > 500) return false;
  const m = /^#\/([a-z]+)(\/[A-Za-z0-9._~%-]+)?(\?[A-Za-z0-9._~%&=+-]*)?$/.exec(route);
  return !!m && (PAGES as readonly string[]).includes(m[1]!);
}
