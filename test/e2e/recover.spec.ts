import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

test('Recover failed… sends the failed deliveries of a webhook again, and they succeed once the endpoint is back', async ({
  page,
  ui,
}) => {
  // An inbox that fails the first 2 requests, and a webhook to it with one retry after 1 s: the delivery fails for good.
  await ui.open('#/webhooks');
  await page.getByRole('button', { name: 'Send to a local inbox' }).first().click();
  const form = page.getByRole('form', { name: 'Send to a local inbox' });
  await form.getByLabel('Name').fill('Flaky');
  await ui.choose('Retry preset', 'custom delays');
  await form.getByLabel('Custom delays (seconds)').fill('1');
  await form.getByLabel('±20 % jitter').uncheck();
  await form.getByLabel('Fail the first N').fill('2');
  await form.getByRole('button', { name: 'Create inbox and webhook' }).click();
  await expect(form).toBeHidden();

  await ui.open('#/fire?type=user.created');
  await page.getByRole('button', { name: 'Fire user.created' }).click();
  await ui.open('#/deliveries');
  const row = page.locator('[data-delivery-id]').first();
  await expect(row).toContainText('failed', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Recover failed…' }).click();
  const dialog = page.getByRole('form', { name: 'Recover failed deliveries' });
  await expect(dialog.getByLabel('Webhook')).toHaveValue('every enabled webhook');
  for (const width of [1024, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `recover-${width}.png`) });
  }
  // A custom time needs its date: said under the field, nothing sent.
  await ui.choose('Failed deliveries created in', 'since a date and time…');
  await dialog.getByRole('button', { name: 'Recover' }).click();
  await expect(ui.fieldError('Since (local time)')).toHaveText('choose the date and time to recover from');
  await ui.choose('Failed deliveries created in', 'the last hour');
  await dialog.getByRole('button', { name: 'Recover' }).click();
  await expect(page.getByText('Sending 1 failed delivery again')).toBeVisible();
  await expect(row).toContainText('success', { timeout: 20_000 });
});
