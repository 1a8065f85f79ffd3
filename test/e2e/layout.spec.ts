/**
 * Every view fits a 1024 × 700 window and reads well at 1440 × 900 and 1920 × 1080, on a
 * workspace with long names, event types and URLs; the top bar fits a 390 px phone.
 */
import type { Page } from '@playwright/test';
import { appViews } from './appViews';
import { expect, test } from './fixtures';
import { measureLayout } from './layoutProbe';
import { LONG, seedLongValues } from './longValues';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

/** A table (or a grid with the table role) by its accessible name. */
const tableNamed = (name: string) => `:is(table, [role=table])[aria-label="${name}"]`;

/** The columns a person reads a table by: on screen at every width, and this many characters of each value at least. */
const IMPORTANT: Record<string, { table: string; columns: Record<string, number> }> = {
  deliveries: {
    table: tableNamed('Deliveries'),
    columns: { Status: 6, Event: LONG.eventType.length, Webhook: 24, Created: 5 },
  },
  receiver: { table: tableNamed('Received requests'), columns: { Verdict: 5, Request: 32, Received: 5 } },
  webhooks: { table: tableNamed('Webhooks'), columns: { Name: 24, Status: 6, URL: 28 } },
  alerts: { table: tableNamed('Alerts'), columns: { Kind: 6, Webhook: 24, Message: 24, When: 5 } },
  'webhook-detail': { table: tableNamed('History'), columns: { Status: 6, Event: LONG.eventType.length } },
};

/**
 * Per important column of a table: the fewest characters on screen of a value cut with an
 * ellipsis (the share of its text that fits), UNCUT when no value is cut, or -1 when the column
 * is not shown.
 */
const UNCUT = Number.MAX_SAFE_INTEGER;
function columnReadability(page: Page, table: string, columns: string[]): Promise<Record<string, number>> {
  return page.locator('html').evaluate(
    (root, [selector, names, uncut]) => {
      const t = root.querySelector(selector);
      if (!t) return Object.fromEntries(names.map((n) => [n, -1]));
      const shown = (el: typeof root) => el.getBoundingClientRect().width > 0;
      const headers = [...t.querySelectorAll('[role=columnheader], th')].filter(shown);
      const rows = [...t.querySelectorAll('[role=row], tr')].filter(
        (r) => r.querySelector('[role=cell], td') && shown(r),
      );
      const out: Record<string, number> = {};
      for (const name of names) {
        const i = headers.findIndex((h) => (h.textContent ?? '').trim().toLowerCase() === name.toLowerCase());
        out[name] = i < 0 ? -1 : uncut;
        if (i < 0) continue;
        for (const r of rows) {
          const cell = [...r.querySelectorAll('[role=cell], td')].filter(shown)[i];
          const cut = cell && [cell, ...cell.querySelectorAll('*')].find((e) => e.scrollWidth > e.clientWidth + 1);
          if (!cut) continue;
          const text = (cut.textContent ?? '').trim();
          out[name] = Math.min(out[name], Math.floor((text.length * cut.clientWidth) / cut.scrollWidth));
        }
      }
      return out;
    },
    [table, columns, UNCUT] as const,
  );
}

for (const size of SIZES) {
  test(`every view fits at ${size.width} × ${size.height}`, async ({ page, ui, hookbench }) => {
    test.setTimeout(150_000);
    const seeded = await seedLongValues(hookbench);
    await page.setViewportSize(size);
    await ui.open(`#/fire?type=${LONG.eventType}`);
    // The fire page's list of fired events, with the event's deliveries.
    await page.getByRole('button', { name: `Fire ${LONG.eventType}` }).click();
    await expect(page.getByLabel('Fired events').locator('[data-delivery-id]').first()).toBeVisible();

    for (const view of appViews(seeded)) {
      const at = `${view.name} at ${size.width}px`;
      await page.goto(hookbench.at(view.hash));
      await expect(view.ready(page)).toBeVisible();
      await page.waitForTimeout(350); // drawers slide in
      const r = await measureLayout(page);
      expect.soft(r.pageOverflow, `${at}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      expect.soft(r.overflowing, `${at}: content wider than its container`).toEqual([]);
      expect.soft(r.headerCollisions, `${at}: column headers collide`).toEqual([]);
      expect.soft(r.cutWithoutTitle, `${at}: values cut with no title to read them`).toEqual([]);
      expect.soft(r.sidewaysTables, `${at}: tables scroll sideways`).toEqual([]);
      expect.soft(r.stretched, `${at}: stretched lines`).toEqual([]);
      for (const action of view.primary(page)) {
        const box = await action.boundingBox();
        expect.soft(box, `${at}: ${String(action)} is shown`).not.toBeNull();
        if (box)
          expect
            .soft(
              box.x >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height,
              `${at}: ${String(action)} is on screen without scrolling (${JSON.stringify(box)})`,
            )
            .toBe(true);
      }
      const important = IMPORTANT[view.name];
      if (important) {
        const fewest = await columnReadability(page, important.table, Object.keys(important.columns));
        for (const [column, min] of Object.entries(important.columns))
          expect
            .soft(
              fewest[column],
              `${at}: the ${column} column is shown, with at least ${min} characters of a cut value`,
            )
            .toBeGreaterThanOrEqual(min);
      }
      if (view.name === 'deliveries') {
        // The delivery id gives way first: hidden at 1024, shown where there is room.
        const idColumn = page.getByRole('columnheader', { name: 'Delivery', exact: true });
        if (size.width <= 1024) await expect.soft(idColumn, `${at}: the id column is hidden`).toBeHidden();
        else await expect.soft(idColumn, `${at}: the id column is shown`).toBeVisible();
      }
    }
  });
}

test('the top bar fits a 390 px wide phone', async ({ page, ui }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await ui.open('#/deliveries');
  const header = page.locator('header.mantine-AppShell-header');
  await expect(header.getByRole('button', { name: 'Navigation' })).toBeVisible();
  const outside = await header.evaluate((h) =>
    [h, ...h.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < 0 || r.right > h.ownerDocument.defaultView.innerWidth + 0.5);
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} ${el.getAttribute('aria-label') ?? ''}`,
      ),
  );
  expect(outside, 'top bar items outside the viewport').toEqual([]);
  expect(await header.evaluate((h) => h.scrollWidth - h.clientWidth)).toBeLessThanOrEqual(0);
  // What the top bar cannot hold is one tap away: the pages and the workspace switcher.
  await page.getByRole('button', { name: 'Navigation' }).click();
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(nav.getByRole('link', { name: /Alerts/ })).toBeInViewport();
  await expect(page.getByRole('textbox', { name: 'Workspace' })).toBeInViewport();
});
