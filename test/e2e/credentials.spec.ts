/**
 * Credentials in a webhook's target, in the UI: masked until revealed on the webhook page and in
 * the edit form, a header can be marked secret there, and an attempt shows them as [redacted].
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

const PASSWORD = 'pw-URLPASS-c4d2e6f8';
const AUTH = 'Bearer tok-AUTH-3f9c1d7e';

let sink: Server;
test.beforeEach(async () => {
  sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
});
test.afterEach(() => new Promise<void>((resolve) => sink.close(() => resolve())));

test('credentials are masked until revealed, can be marked secret, and attempts show [redacted]', async ({
  page,
  hookbench,
  ui,
}) => {
  const port = (sink.address() as AddressInfo).port;
  const created = await hookbench.rest<{ id: string }>('POST', '/webhooks', {
    name: 'Billing',
    url: `http://alice:${PASSWORD}@127.0.0.1:${port}/hooks`,
    subscriptions: ['*'],
    headers: { Authorization: AUTH, 'X-Env': 'staging-env' },
  });
  expect(created.status).toBe(201);
  const id = created.data.id;

  await ui.open(`#/webhooks/${id}`);
  const config = page.getByText('Configuration').locator('..');
  await expect(config.getByText(`http://alice:••••••@127.0.0.1:${port}/hooks`)).toBeVisible();
  await expect(page.getByText(PASSWORD)).toHaveCount(0);
  await expect(page.getByText(AUTH)).toHaveCount(0);
  await expect(page.getByText('staging-env')).toBeVisible(); // not a credential
  await page.getByRole('button', { name: 'Reveal Authorization' }).click();
  await expect(page.getByText(AUTH)).toBeVisible();

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = page.getByRole('dialog');
  await expect(form.getByLabel('Endpoint URL')).toHaveValue(`http://alice:••••••@127.0.0.1:${port}/hooks`);
  await form.getByRole('button', { name: 'Reveal URL password' }).click();
  await expect(form.getByLabel('Endpoint URL')).toHaveValue(`http://alice:${PASSWORD}@127.0.0.1:${port}/hooks`);
  await expect(form.locator('[data-secret-header="Authorization"]')).toHaveAttribute('type', 'password');
  await form.getByRole('button', { name: 'Mark X-Env secret' }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('staging-env')).toHaveCount(0);
  const stored = await hookbench.rest<{ secretHeaders: string[]; headers: Record<string, string> }>(
    'GET',
    `/webhooks/${id}`,
  );
  expect(stored.data).toMatchObject({
    secretHeaders: ['x-env'],
    headers: { Authorization: AUTH, 'X-Env': 'staging-env' },
  });

  const fired = await hookbench.rest<{ deliveries: { id: string }[] }>('POST', '/events/trigger', {
    type: 'user.created',
  });
  await ui.open('#/deliveries');
  await page.locator(`[data-delivery-id="${fired.data.deliveries[0]!.id}"]`).click();
  await expect(page.getByText(`http://alice:[redacted]@127.0.0.1:${port}/hooks`)).toBeVisible();
  await expect(page.getByText('[redacted]', { exact: true })).toHaveCount(2); // Authorization and X-Env
});
