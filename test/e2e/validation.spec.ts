import { expect, test } from './fixtures';

test("bad form input shows the field's error and creates nothing", async ({ page, ui, hookbench }) => {
  await ui.open('#/webhooks');
  await page.getByRole('button', { name: 'New webhook' }).first().click();
  const form = page.getByRole('form', { name: 'New webhook' });

  // A non-http URL and no subscriptions: the contract names both fields.
  await form.getByLabel('Endpoint URL').fill('ftp://example.com/hooks');
  const subs = form.getByLabel('Subscriptions');
  await subs.click();
  await subs.press('Backspace');
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(ui.fieldError('Endpoint URL')).toHaveText('url must be http or https, not ftp');
  await expect(ui.fieldError('Subscriptions')).toHaveText('subscribe to at least one event type (or *)');
  await expect(form.getByText('Fix the highlighted fields.')).toBeVisible();

  // Fixing the URL alone still leaves the subscriptions error: nothing is written.
  await form.getByLabel('Endpoint URL').fill('not a url');
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(ui.fieldError('Endpoint URL')).toHaveText('"not a url" is not a valid URL');
  await expect(ui.fieldError('Subscriptions')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(page.getByText('No webhooks yet')).toBeVisible();
  expect((await hookbench.rest<unknown[]>('GET', '/webhooks')).data).toEqual([]);

  // An invalid JSON payload is flagged before sending, and cannot be fired.
  await ui.open('#/fire?type=order.created');
  const payload = page.getByLabel("Payload (the event's data)");
  await payload.fill('{ "id": "ord_1", }');
  await expect(ui.fieldError("Payload (the event's data)")).toContainText('Invalid JSON');
  await expect(page.getByRole('button', { name: 'Fire order.created' })).toBeDisabled();
  await payload.fill('["an array"]');
  await expect(ui.fieldError("Payload (the event's data)")).toHaveText('must be a JSON object { … }');
  await expect(page.getByRole('button', { name: 'Fire order.created' })).toBeDisabled();
  await page.getByRole('button', { name: 'Reset to sample' }).click();
  await expect(ui.fieldError("Payload (the event's data)")).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Fire order.created' })).toBeEnabled();

  const deliveries = await hookbench.rest<{ items: unknown[] }>('GET', '/deliveries');
  expect(deliveries.data.items).toEqual([]);
});
