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

test('one submit of the webhook form shows every field error in plain words; "Use http://…" fixes the URL', async ({
  page,
  ui,
  hookbench,
}) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await ui.open('#/webhooks');
  await page.getByRole('button', { name: 'New webhook' }).first().click();
  const form = page.getByRole('form', { name: 'New webhook' });

  // The walkthrough's four mistakes, and a timeout out of range, sent in one submit.
  await form.getByLabel('Endpoint URL').fill('localhost:3000/webhooks');
  await form.getByLabel('Secret', { exact: true }).fill('whsec_not base64!');
  await ui.choose('Retry preset', 'custom delays');
  await form.getByLabel('Custom delays (seconds)').fill('1, x, -5');
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header name').fill('Bad Header:');
  await form.getByLabel('Header value').fill('v');
  await form.getByLabel('Timeout (s)').fill('500');
  await form.getByLabel('Name', { exact: true }).click(); // blur: the number is not clamped behind the person's back
  await expect(form.getByLabel('Timeout (s)')).toHaveValue('500');
  await form.getByRole('button', { name: 'Create webhook' }).click();

  await expect(ui.fieldError('Endpoint URL')).toContainText(
    '“localhost:3000/webhooks” has no http:// or https:// in front: did you mean http://localhost:3000/webhooks?',
  );
  await expect(ui.fieldError(/^Secret$/)).toHaveText('the part of the secret after whsec_ is not base64');
  await expect(ui.fieldError('Custom delays (seconds)')).toHaveText(
    '“x” is not a number · -5: a delay cannot be negative',
  );
  await expect(ui.fieldError('Header name')).toHaveText(
    '“Bad Header:”: header names cannot contain spaces or ‘:’ (use letters, digits and -)',
  );
  await expect(ui.fieldError('Timeout (s)')).toHaveText('timeout must be at most 120 s');
  await expect(form.getByLabel('Header name')).toHaveAttribute('aria-invalid', 'true');
  await expect(form).not.toContainText(/Invalid input|Invalid key|expected \w+, received/);
  await page.screenshot({ path: test.info().outputPath('webhook-form-errors-1024.png') });
  expect((await hookbench.rest<unknown[]>('GET', '/webhooks')).data).toEqual([]);

  // The offered fix fills the URL in and its error goes.
  await form.getByRole('button', { name: 'Use http://localhost:3000/webhooks' }).click();
  await expect(form.getByLabel('Endpoint URL')).toHaveValue('http://localhost:3000/webhooks');
  await expect(ui.fieldError('Endpoint URL')).toHaveCount(0);

  // Fixing the rest creates the webhook as typed.
  await form.getByLabel('Secret', { exact: true }).fill('');
  await form.getByLabel('Custom delays (seconds)').fill('1, 5');
  await form.getByLabel('Header name').fill('X-Good');
  await form.getByLabel('Timeout (s)').fill('20');
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(form).toBeHidden();
  const hooks = (await hookbench.rest<Record<string, unknown>[]>('GET', '/webhooks')).data;
  expect(hooks).toHaveLength(1);
  expect(hooks[0]).toMatchObject({
    url: 'http://localhost:3000/webhooks',
    headers: { 'X-Good': 'v' },
    timeoutSec: 20,
    retryPolicy: { delays: [1, 5] },
  });
});

test('the inbox form keeps out-of-range numbers as typed and says the range of each', async ({
  page,
  ui,
  hookbench,
}) => {
  await ui.open('#/receiver');
  await page.getByRole('button', { name: 'New inbox' }).first().click();
  const form = page.getByRole('form', { name: 'New inbox' });
  await form.getByLabel('Timestamp tolerance (s)').fill('-3');
  await form.getByLabel('Status', { exact: true }).fill('999');
  await form.getByLabel('Delay (ms)').click(); // blur
  await expect(form.getByLabel('Timestamp tolerance (s)')).toHaveValue('-3');
  await expect(form.getByLabel('Status', { exact: true })).toHaveValue('999');
  await form.getByRole('button', { name: /^Create/ }).click();
  await expect(ui.fieldError('Timestamp tolerance (s)')).toHaveText('tolerance must be 0–604800 s (7 days); was -3');
  await expect(ui.fieldError(/^Status$/)).toHaveText('status must be 200–599; was 999');
  expect((await hookbench.rest<unknown[]>('GET', '/inboxes')).data).toEqual([]);

  // Forward-to without its scheme: the same one-click fix as the webhook form's URL.
  await form.getByLabel('Timestamp tolerance (s)').fill('300');
  await form.getByLabel('Status', { exact: true }).fill('200');
  await form.getByLabel('Forward to').fill('localhost:3000/webhooks');
  await form.getByRole('button', { name: /^Create/ }).click();
  await expect(ui.fieldError('Forward to')).toContainText('did you mean http://localhost:3000/webhooks?');
  await form.getByRole('button', { name: 'Use http://localhost:3000/webhooks' }).click();
  await expect(form.getByLabel('Forward to')).toHaveValue('http://localhost:3000/webhooks');
  await expect(ui.fieldError('Forward to')).toHaveCount(0);
  await form.getByRole('button', { name: /^Create/ }).click();
  await expect(form).toBeHidden();
  const [inbox] = (await hookbench.rest<{ forwardTo: string | null }[]>('GET', '/inboxes')).data;
  expect(inbox?.forwardTo).toBe('http://localhost:3000/webhooks');
});
