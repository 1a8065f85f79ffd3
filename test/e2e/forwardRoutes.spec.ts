/**
 * Forwarding per event type in the UI: the inbox header lists the routes in the order they are
 * checked, the settings form edits them (with the same URL checks and one-click fix as Forward
 * to), and a request's detail says which route sent it where.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

async function target(): Promise<{ url: string; server: Server; types: string[] }> {
  const types: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      types.push((JSON.parse(body) as { type: string }).type);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, types };
}

test('routes are listed in the header, edited in settings, and named in the request detail (1024 px)', async ({
  page,
  ui,
  hookbench,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  const payments = await target();
  try {
    const created = await hookbench.rest<{ id: string; url: string }>('POST', '/inboxes', {
      name: 'Stripe payments',
      scheme: 'none',
      forwardTo: 'http://127.0.0.1:9/everything-else',
      forwardRoutes: [
        { events: ['payment_intent.*'], url: `${payments.url}/payments` },
        { events: ['customer.created', 'customer.updated'], url: 'http://127.0.0.1:9/customers' },
      ],
    });
    const inbox = created.data;
    await ui.open(`#/receiver/${inbox.id}`);
    const routes = page.locator('[data-forward-routes-list]');
    await expect(routes).toContainText('payment_intent.*');
    await expect(routes).toContainText(`${payments.url}/payments`);
    await expect(routes).toContainText('customer.created, customer.updated');
    await expect(page.getByText('otherwise forwards to')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'forward-routes-1024.png') });

    await page.getByRole('tab', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Inbox settings' });
    await expect(form.getByLabel('Route 2 event types')).toHaveValue('customer.created, customer.updated');
    await form.getByRole('button', { name: 'Add route' }).click();
    await form.getByLabel('Route 3 event types').fill('invoice.*');
    await form.getByLabel('Route 3 URL').fill('localhost:3003/invoices');
    await form.getByRole('button', { name: 'Save inbox' }).click();
    await expect(ui.fieldError('Route 3 URL')).toContainText('http://');
    const saved = await hookbench.rest<{ forwardRoutes: unknown[] }>('GET', `/inboxes/${inbox.id}`);
    expect(saved.data.forwardRoutes).toHaveLength(2);
    await page.screenshot({ path: testInfo.outputPath('settings-1024.png'), fullPage: true });

    await form.getByRole('button', { name: 'Use http://localhost:3003/invoices' }).click();
    await form.getByRole('button', { name: 'Save inbox' }).click();
    await expect
      .poll(async () => (await hookbench.rest<{ forwardRoutes: unknown[] }>('GET', `/inboxes/${inbox.id}`)).data)
      .toMatchObject({ forwardRoutes: [{}, {}, { events: ['invoice.*'], url: 'http://localhost:3003/invoices' }] });

    const body = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded', data: {} });
    expect((await fetch(inbox.url, { method: 'POST', body })).status).toBe(200);
    await expect.poll(() => payments.types).toEqual(['payment_intent.succeeded']);
    await page.getByRole('tab', { name: 'Live feed' }).click();
    await page.locator('[data-request-id]').first().click();
    const choice = page.getByRole('dialog').locator('[data-forward-choice]');
    await expect(choice).toHaveText('payment_intent.succeeded matched the route payment_intent.*');
    await page.screenshot({ path: testInfo.outputPath('drawer-1024.png') });
    // The same inbox at 1440: routes in the header and the settings' route editor, for the README.
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('tab', { name: 'Settings' }).click();
    await form.getByLabel('Route 3 URL').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'forward-routes-settings-1440.png') });
  } finally {
    payments.server.close();
  }
});
