/**
 * The page table (src-main/api/pages.ts) is the one source of the pages: every page has its own
 * route, go-key and Ctrl/⌘ digit, and the shortcut list, the desktop's Go menu and the routes
 * main sends are derived from it. (A page without a go-key, or a second page with the same
 * go-key or path, is a compile error; `npm run typecheck` holds that.)
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  PAGE_TABLE,
  pageAtPath,
  pageDigit,
  pageOfDigit,
  pageOfGoKey,
  PAGES,
  type PageDescriptor,
} from '../../src-main/api/pages';
import { appMenuTemplate } from '../../src-main/desktop/menu';
import { isAppRoute, pageRoute } from '../../src-main/desktop/routes';
import { shortcutList } from '../../src-renderer/shortcutList';

const distinct = <T>(values: T[]) => new Set(values).size === values.length;

describe('pages', () => {
  it('gives every page a unique route, go-key and Ctrl/⌘ digit', () => {
    const rows = PAGES.map((p) => PAGE_TABLE[p] as PageDescriptor);
    expect(distinct(rows.map((r) => r.path))).toBe(true);
    expect(distinct(rows.map((r) => r.goKey))).toBe(true);
    expect(distinct(rows.map((r) => r.title))).toBe(true);
    const digits = PAGES.map(pageDigit);
    expect(digits).toEqual(PAGES.map((_, i) => i + 1)); // nine pages at most, each with its digit
    expect(distinct(digits)).toBe(true);
  });

  it('maps each route, go-key and digit back to its page', () => {
    for (const page of PAGES) {
      const { path, goKey } = PAGE_TABLE[page];
      expect(pageAtPath(path)).toBe(page);
      expect(pageOfGoKey(goKey)).toBe(page);
      expect(pageOfDigit(pageDigit(page)!)).toBe(page);
      expect(pageRoute(page)).toBe(`#/${path}`);
      expect(isAppRoute(pageRoute(page, 'an id'))).toBe(true);
    }
    expect([pageAtPath('nope'), pageOfGoKey('z'), pageOfDigit(9)]).toEqual([null, null, null]);
  });

  it('derives the shortcut list from the table: g <key> and Ctrl+<digit> per page, in nav order', () => {
    const list = shortcutList('Ctrl');
    const pageRows = list.slice(0, PAGES.length);
    expect(pageRows).toEqual(
      PAGES.map((p) => ({
        keys: [`g ${PAGE_TABLE[p].goKey}`, `Ctrl+${pageDigit(p)}`],
        label: `Go to ${PAGE_TABLE[p].title}`,
      })),
    );
    const keys = list.flatMap((s) => s.keys);
    expect(distinct(keys)).toBe(true);
    expect(keys).not.toContain('g g'); // `g` starts a sequence; `f`, `?` and Ctrl+K are single keys
  });

  it("gives the desktop's Go menu the same pages, titles and digits", () => {
    const go = appMenuTemplate(
      { platform: 'linux', development: false },
      { navigate: () => {}, command: () => {} },
    ).find((m) => m.id === 'go')!;
    const items = go.submenu as MenuItemConstructorOptions[];
    expect(items.map((i) => [i.label, i.accelerator])).toEqual(
      PAGES.map((p) => [PAGE_TABLE[p].title, `CmdOrCtrl+${pageDigit(p)}`]),
    );
  });
});
