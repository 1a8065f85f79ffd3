/**
 * Measures what a person would notice in a layout, in the browser: sideways scrolling, column
 * headers running into each other, values cut without a way to read them, tables wider than their
 * card, and lines of prose stretched across a wide screen.
 */
import type { Page } from '@playwright/test';

export interface LayoutReport {
  /** How far the document scrolls sideways (0 when it fits). */
  pageOverflow: number;
  /** Containers (main, drawer body, top bar) whose content is wider than they are. */
  overflowing: string[];
  /** "EVENT runs into WEBHOOK": a header's text reaches past its cell or into the next header. */
  headerCollisions: string[];
  /** Text cut with an ellipsis and no title to read it in full. */
  cutWithoutTitle: string[];
  /** Tables that scroll sideways inside their card (columns out of view). */
  sidewaysTables: string[];
  /** Lines of prose wider than `maxLine` px. */
  stretched: string[];
}

/** The longest line of prose a page may show, in px (~ 130 characters of 14 px text). */
export const MAX_LINE_PX = 960;

/*
 * The in-page code reaches the DOM through the root element Playwright passes it (the node
 * tsconfig has no DOM types): `doc` is its document, `win` its window.
 */
export function measureLayout(page: Page): Promise<LayoutReport> {
  return page.locator('html').evaluate((root, maxLine): LayoutReport => {
    type El = typeof root;
    const doc = root.ownerDocument;
    const win = doc.defaultView;
    const label = (el: El) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40) || el.tagName;
    const shown = (el: El) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && win.getComputedStyle(el).visibility !== 'hidden';
    };
    const textRect = (el: El) => {
      const range = doc.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect();
    };

    const overflowing = [
      ...doc.querySelectorAll('.mantine-AppShell-main, .mantine-Drawer-body, .mantine-AppShell-header'),
    ]
      .filter((el) => shown(el) && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.className.split(' ')[0]} is ${el.scrollWidth - el.clientWidth}px too wide`);

    const headerCollisions: string[] = [];
    const rows = new Map<El, El[]>();
    for (const h of doc.querySelectorAll('[role=columnheader], th')) {
      if (!shown(h) || !h.parentElement) continue;
      rows.set(h.parentElement, [...(rows.get(h.parentElement) ?? []), h]);
    }
    for (const cells of rows.values()) {
      const sorted = cells.sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left);
      sorted.forEach((h, i) => {
        const box = h.getBoundingClientRect();
        const text = textRect(h);
        const next = sorted[i + 1];
        if (text.width > 0 && (text.right > box.right + 1 || h.scrollWidth > h.clientWidth + 1))
          headerCollisions.push(`${label(h)} is wider than its column`);
        if (next && box.right > next.getBoundingClientRect().left + 1)
          headerCollisions.push(`${label(h)} overlaps ${label(next)}`);
      });
    }

    const cutWithoutTitle = [...doc.querySelectorAll('body *')]
      .filter(
        (el) =>
          el instanceof win.HTMLElement &&
          el.children.length === 0 &&
          win.getComputedStyle(el).textOverflow === 'ellipsis' &&
          el.scrollWidth > el.clientWidth + 1 &&
          shown(el) &&
          !el.closest('[title]') &&
          !el.closest('input, textarea, .mantine-Select-root, .mantine-MultiSelect-root'),
      )
      .map((el) => `"${label(el)}"`);

    const sidewaysTables: string[] = [];
    for (const t of doc.querySelectorAll('table, [role=table]')) {
      if (!shown(t)) continue;
      for (let a = t.parentElement; a && a !== doc.body; a = a.parentElement) {
        const ox = win.getComputedStyle(a).overflowX;
        if (ox !== 'visible' && a.scrollWidth > a.clientWidth + 1) {
          sidewaysTables.push(
            `${t.getAttribute('aria-label') ?? label(t)} (${a.scrollWidth - a.clientWidth}px hidden)`,
          );
          break;
        }
      }
    }

    const stretched: string[] = [];
    const walker = doc.createTreeWalker(doc.body, win.NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || (n.textContent ?? '').trim().length < 40) continue;
      if (parent.closest('pre, code, textarea, table, [role=table], .hb-mono, .mantine-Code-root')) continue;
      if (win.getComputedStyle(parent).fontFamily.includes('mono')) continue;
      const range = doc.createRange();
      range.selectNodeContents(n);
      for (const line of range.getClientRects())
        if (line.width > maxLine) {
          stretched.push(`"${label(parent)}…" runs ${Math.round(line.width)}px`);
          break;
        }
    }

    return {
      pageOverflow: root.scrollWidth - root.clientWidth,
      overflowing,
      headerCollisions,
      cutWithoutTitle: [...new Set(cutWithoutTitle)],
      sidewaysTables,
      stretched,
    };
  }, MAX_LINE_PX);
}

/** How many characters of an element's text are on screen (all of them when it is not cut). */
export function visibleChars(page: Page, selector: string): Promise<{ text: string; shown: number }[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const text = (el.textContent ?? '').trim();
      const cut = el.scrollWidth > el.clientWidth + 1;
      return { text, shown: cut ? Math.floor((text.length * el.clientWidth) / el.scrollWidth) : text.length };
    }),
  );
}
