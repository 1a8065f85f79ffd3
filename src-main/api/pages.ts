/**
 * The app's pages, in navigation order (Ctrl/⌘+1…7 follow it), with their titles. One list for
 * the renderer's router and shortcuts and for the desktop menu. Isomorphic.
 */
export const PAGES = ['dashboard', 'webhooks', 'fire', 'deliveries', 'receiver', 'alerts', 'settings'] as const;
export type PageKey = (typeof PAGES)[number];

export const PAGE_TITLES: Record<PageKey, string> = {
  dashboard: 'Dashboard',
  webhooks: 'Webhooks',
  fire: 'Fire event',
  deliveries: 'Deliveries',
  receiver: 'Receiver',
  alerts: 'Alerts',
  settings: 'Settings',
};
