import { expect, test } from './fixtures';

test('first run: one click makes an inbox and a webhook; user.created is delivered and verified', async ({
  page,
  ui,
  hookbench,
}) => {
  await ui.open('#/dashboard');
  const guide = page.getByLabel('Getting started');
  await expect(guide.getByText('Send your first webhook')).toBeVisible();

  await guide.getByRole('button', { name: 'Create a local inbox and a webhook to it' }).click();
  await expect(guide.getByRole('link', { name: 'Local inbox (local)' })).toBeVisible();

  await guide.getByRole('button', { name: 'Fire user.created' }).click();
  const first = guide.getByLabel('First delivery');
  await expect(first.locator('[data-status="success"]')).toBeVisible();
  await expect(first.getByText('200')).toBeVisible();
  // The inbox's verdict on the signature, live.
  await expect(guide.getByText('valid', { exact: true })).toBeVisible();

  // The delivery, inspected: one attempt answered 200, signed with the standard scheme.
  await guide.getByRole('link', { name: 'Inspect the delivery' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.locator('[data-status="success"]')).toBeVisible();
  await expect(drawer.locator('[data-attempt="1"]')).toContainText('200');
  await expect(drawer.getByLabel('Signature', { exact: true })).toContainText('webhook-signature');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.locator('[data-delivery-id]')).toHaveCount(1);

  // The inbox shows the request as verified.
  await ui.open('#/receiver');
  const row = page.locator('[data-request-id]').first();
  await expect(row.getByText('valid', { exact: true })).toBeVisible();
  await row.click();
  const detail = page.getByRole('dialog');
  await expect(detail.getByLabel('Verification')).toContainText('Signature verified');
  await expect(detail.getByLabel('Verification')).toContainText('matched secret #1');

  const hooks = await hookbench.rest<unknown[]>('GET', '/webhooks');
  expect(hooks.data).toHaveLength(1);
});
