import { expect, test } from './fixtures';

test('keyboard shortcuts navigate, open "Fire event" and list themselves', async ({ page, ui }) => {
  await ui.open('#/dashboard');
  await page.keyboard.press('g');
  await page.keyboard.press('l');
  await expect(page).toHaveURL(/#\/deliveries$/);
  await page.keyboard.press('g');
  await page.keyboard.press('w');
  await expect(page).toHaveURL(/#\/webhooks$/);
  await page.keyboard.press('f');
  await expect(page).toHaveURL(/#\/fire/);
  await expect(page.getByRole('heading', { name: 'Fire event' })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+8');
  await expect(page).toHaveURL(/#\/settings$/);
  await page.keyboard.press('ControlOrMeta+k');
  await expect(page).toHaveURL(/#\/fire/);
  // Typing in a field is not a shortcut.
  await page.getByLabel('Search event types').fill('gl');
  await expect(page).toHaveURL(/#\/fire/);
  await page.getByLabel('Search event types').blur();
  await page.keyboard.press('?');
  await expect(page.getByText('Keyboard shortcuts', { exact: true })).toBeVisible();
  await expect(page.getByText('Go to Deliveries')).toBeVisible();
  // The list says Esc closes it, and it does (focus is still on the page, not in the list).
  await expect(page.getByText('Close a drawer, dialog or this list')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Keyboard shortcuts', { exact: true })).toBeHidden();
});

test("the theme button's first click changes what is on screen, and so does every click after", async ({
  page,
  ui,
}) => {
  for (const system of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: system });
    await ui.open('#/dashboard');
    const shown = () => page.locator('html').getAttribute('data-mantine-color-scheme');
    // A fresh workspace follows the system.
    await expect.poll(shown).toBe(system);
    for (let click = 0; click < 3; click++) {
      const before = await shown();
      await page.getByRole('button', { name: /^Switch to the (light|dark) theme$/ }).click();
      await expect.poll(shown).not.toBe(before);
    }
    // Back to following the system, for the next round.
    await ui.open('#/settings');
    await page.getByRole('region', { name: 'Appearance' }).getByText('System', { exact: true }).click();
    await expect.poll(shown).toBe(system);
  }
});

test('a banner says when the host is gone, and reconnecting is retried', async ({ page, ui, hookbench }) => {
  await ui.open('#/deliveries');
  await expect(page.getByText('No deliveries yet')).toBeVisible();
  await hookbench.stop();
  const banner = page.getByRole('alert').filter({ hasText: 'Disconnected from Hookbench' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Reconnecting/);
});
