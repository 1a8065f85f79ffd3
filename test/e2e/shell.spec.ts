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
  await page.keyboard.press('ControlOrMeta+7');
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
});

test('a banner says when the host is gone, and reconnecting is retried', async ({ page, ui, hookbench }) => {
  await ui.open('#/deliveries');
  await expect(page.getByText('No deliveries yet')).toBeVisible();
  await hookbench.stop();
  const banner = page.getByRole('alert').filter({ hasText: 'Disconnected from Hookbench' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Reconnecting/);
});
