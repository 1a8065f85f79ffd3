import { expect, test } from './fixtures';

test('a webhook to an always-500 inbox alerts at the 3rd and 5th failure and is disabled after the 10th; the badge counts them', async ({
  page,
  ui,
  hookbench,
}) => {
  // Thresholds through the settings page (alert at 3 and 5, disable after 10, however fast).
  await ui.open('#/settings');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await alerts.getByLabel('Alert at failures').fill('3, 5');
  await alerts.getByLabel('Disable after').fill('10');
  await alerts.getByLabel('…failing for at least').fill('0'); // the count alone (the default waits 5 minutes)
  await alerts.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Alerts saved')).toBeVisible();

  // An inbox that always answers 500, and a webhook to it retrying every second (up to 11
  // attempts): 10 attempts in ~9 s, then the webhook is disabled and the 11th waits, paused.
  await ui.open('#/webhooks');
  await page.getByRole('button', { name: 'Send to a local inbox' }).first().click();
  const form = page.getByRole('form', { name: 'Send to a local inbox' });
  await form.getByLabel('Name').fill('Broken');
  await ui.choose('Retry preset', 'custom delays');
  await form.getByLabel('Custom delays (seconds)').fill('1, 1, 1, 1, 1, 1, 1, 1, 1, 1');
  await form.getByLabel('±20 % jitter').uncheck();
  await form.getByLabel('Status', { exact: true }).fill('500');
  await form.getByRole('button', { name: 'Create inbox and webhook' }).click();
  await expect(form).toBeHidden();
  await expect(page.locator('[data-webhook-id]')).toHaveCount(1);

  await ui.open('#/fire?type=user.created');
  await page.getByRole('button', { name: 'Fire user.created' }).click();
  const fired = page.getByLabel('Fired events').locator('[data-delivery-id]');
  await expect(fired).toHaveCount(1);
  const deliveryId = await fired.getAttribute('data-delivery-id');

  // The badge counts as the alerts arrive: 3rd failure, 5th failure, then disabled at the 10th.
  await expect(ui.alertBadge()).toHaveText('1', { timeout: 20_000 });
  await expect(ui.alertBadge()).toHaveText('2', { timeout: 20_000 });
  await expect(ui.alertBadge()).toHaveText('3', { timeout: 30_000 });

  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: /^Alerts/ })
    .click();
  const list = page.getByRole('table', { name: 'Alerts' });
  const rows = list.locator('[data-alert-id]');
  await expect(rows).toHaveCount(3);
  // Newest first: disabled@10, failing@5, failing@3.
  await expect(rows.nth(0)).toContainText('disabled');
  await expect(rows.nth(0)).toContainText('10');
  await expect(rows.nth(1)).toContainText('failing');
  await expect(rows.nth(1)).toContainText('has failed 5 times in a row');
  await expect(rows.nth(2)).toContainText('has failed 3 times in a row');

  // Marking one read lowers the badge.
  await rows.nth(2).getByRole('button', { name: 'Mark read' }).click();
  await expect(ui.alertBadge()).toHaveText('2');

  await ui.open('#/webhooks');
  const hook = page.locator('[data-webhook-id]').first();
  await expect(hook.getByText('disabled', { exact: true })).toBeVisible();
  const stored = await hookbench.rest<{ enabled: boolean; consecutiveFailures: number }[]>('GET', '/webhooks');
  expect(stored.data[0]).toMatchObject({ enabled: false, consecutiveFailures: 10 });

  // Its delivery still has an 11th attempt to go: shown paused, not as overdue.
  await ui.open(`#/deliveries?delivery=${deliveryId}`);
  const timeline = page.getByRole('dialog').getByLabel('Attempts');
  await expect(timeline.locator('[data-attempt]')).toHaveCount(10);
  await expect(timeline.getByText('Attempt 11 paused')).toBeVisible();
  await expect(
    timeline.getByText(/the webhook is disabled; it goes out once the webhook is enabled again/),
  ).toBeVisible();
});
