/**
 * Every test gets its own `hookbench serve` on a fresh temp data dir (ports chosen by the OS),
 * and a page already open on its UI. No switches in the app: the fixture drives the real thing.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startHost, type HookbenchHost } from './hostProcess';

export interface Ui {
  /** Opens a page of the app by its hash (`#/deliveries`) and waits for the shell. */
  open(hash?: string): Promise<void>;
  /** The error shown under a form field, found by the field's label. */
  fieldError(label: string | RegExp): Locator;
  /** Picks an option of a Mantine Select / combobox found by its label. */
  choose(label: string | RegExp, option: string | RegExp): Promise<void>;
  /** The unread-alerts badge in the navigation. */
  alertBadge(): Locator;
}

export const test = base.extend<{ hookbench: HookbenchHost; ui: Ui }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern: none
  hookbench: async ({}, use, testInfo) => {
    const host = await startHost();
    try {
      await use(host);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('hookbench-serve.log', { body: host.output(), contentType: 'text/plain' });
      await host.stop();
    }
  },
  ui: async ({ page, hookbench }, use) => {
    await use(uiFor(page, hookbench));
  },
});

function uiFor(page: Page, host: HookbenchHost): Ui {
  return {
    async open(hash = '#/dashboard') {
      await page.goto(host.at(hash));
      await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
    },
    fieldError(label) {
      return page
        .locator('.mantine-InputWrapper-root', { has: page.getByLabel(label) })
        .locator('.mantine-InputWrapper-error');
    },
    async choose(label, option) {
      await page.getByRole('textbox', { name: label, exact: typeof label === 'string' }).click();
      await page.getByRole('option', { name: option }).click();
    },
    alertBadge() {
      return page.getByTestId('unread-alerts');
    },
  };
}

export { expect };
