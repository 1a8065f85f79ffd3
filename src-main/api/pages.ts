/**
 * The app's pages, one descriptor each, in navigation order: the renderer's router, nav,
 * `g <key>` and Ctrl/⌘+<n> shortcuts and help, and the desktop's Go menu and routes all derive
 * from this table. A page without a title, path or go-key does not compile. Icons are React
 * components, so they live in the renderer (components/shell/pageIcons.ts, `Record<PageKey, …>`).
 * Isomorphic.
 */

/** Each character of `S`, as a union. */
type CharsOf<S extends string> = S extends `${infer C}${infer Rest}` ? C | CharsOf<Rest> : never;
type Letter = CharsOf<'abcdefghijklmnopqrstuvwxyz'>;

export interface PageDescriptor {
  /** Nav label, window title, menu item. */
  title: string;
  /** The hash route's first segment: `#/<path>`. Lowercase letters only (desktop/routes.ts checks routes with that). */
  path: string;
  /** `g <goKey>` goes to the page. */
  goKey: Letter;
}

export const PAGE_TABLE = {
  dashboard: { title: 'Dashboard', path: 'dashboard', goKey: 'd' },
  webhooks: { title: 'Webhooks', path: 'webhooks', goKey: 'w' },
  fire: { title: 'Fire event', path: 'fire', goKey: 'f' },
  catalog: { title: 'Catalog', path: 'catalog', goKey: 'c' },
  deliveries: { title: 'Deliveries', path: 'deliveries', goKey: 'l' },
  receiver: { title: 'Receiver', path: 'receiver', goKey: 'r' },
  alerts: { title: 'Alerts', path: 'alerts', goKey: 'a' },
  settings: { title: 'Settings', path: 'settings', goKey: 's' },
} as const satisfies Record<string, PageDescriptor>;

export type PageKey = keyof typeof PAGE_TABLE;

type Field<K extends 'path' | 'goKey', P extends PageKey> = (typeof PAGE_TABLE)[P][K];
/** The pages whose `K` another page also has (`never` when every page's differs). */
type Shared<K extends 'path' | 'goKey'> = {
  [P in PageKey]: Field<K, P> extends Field<K, Exclude<PageKey, P>> ? P : never;
}[PageKey];
type AssertTrue<T extends true> = T;
/** A second page with the same go-key or path does not compile ("Type 'false' does not satisfy the constraint 'true'"). */
export type PagesAreDistinct = AssertTrue<[Shared<'goKey'> | Shared<'path'>] extends [never] ? true : false>;
export const PAGES = Object.keys(PAGE_TABLE) as readonly PageKey[];

export const pageOf = (page: PageKey): PageDescriptor => PAGE_TABLE[page];

export const PAGE_TITLES = Object.fromEntries(PAGES.map((p) => [p, PAGE_TABLE[p].title])) as Record<PageKey, string>;

/** The page a route segment names, or null. */
export function pageAtPath(path: string): PageKey | null {
  return PAGES.find((p) => PAGE_TABLE[p].path === path) ?? null;
}

/** The page `g <key>` goes to, or null. */
export function pageOfGoKey(key: string): PageKey | null {
  return PAGES.find((p) => PAGE_TABLE[p].goKey === key) ?? null;
}

/** Ctrl/⌘+<digit> follows the navigation order; a tenth page and later have none. */
export function pageDigit(page: PageKey): number | null {
  const i = PAGES.indexOf(page);
  return i >= 0 && i < 9 ? i + 1 : null;
}

/** The page Ctrl/⌘+<digit> goes to, or null. */
export function pageOfDigit(digit: number): PageKey | null {
  return PAGES.find((p) => pageDigit(p) === digit) ?? null;
}
