/**
 * Compare mode: "Compare with previous" in a delivery drawer, and picking a received request
 * then a delivery attempt (two pages) to see them side by side with their diff.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InboxWithUrl } from '../../src-main/api/contract';
import type { Delivery, Webhook } from '../../src-main/api/types';
import { expect, test } from './fixtures';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

test('compare a delivery with the previous one, and a received request with the attempt that sent it', async ({
  page,
  ui,
  hookbench,
}) => {
  const inbox = (await hookbench.rest<InboxWithUrl>('POST', '/inboxes', { name: 'Orders', scheme: 'standard' })).data;
  const webhook = (
    await hookbench.rest<Webhook>('POST', '/webhooks', {
      name: 'to Orders',
      url: inbox.url,
      subscriptions: ['*'],
      scheme: 'standard',
      secret: inbox.secrets[0],
    })
  ).data;
  const fire = async (data: Record<string, unknown>) =>
    (
      await hookbench.rest<{ deliveries: Delivery[] }>('POST', '/events/trigger', {
        type: 'order.created',
        data,
        webhookIds: [webhook.id],
      })
    ).data.deliveries[0]!;
  await fire({ order: 'A-1', amount: 4900 });
  const second = await fire({ order: 'A-1', amount: 1 });
  await expect
    .poll(async () => (await hookbench.rest<Delivery>('GET', `/deliveries/${second.id}`)).data.status)
    .toBe('success');

  // The second delivery against the first: the changed value by its JSON path.
  await ui.open(`#/deliveries?delivery=${second.id}`);
  const drawer = page.getByRole('dialog').first();
  await drawer.getByRole('button', { name: 'Compare with previous' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare' });
  await expect(compare.getByRole('region', { name: 'Differences' })).toBeVisible();
  await expect(compare.getByLabel('JSON changes')).toContainText('$.data.amount');
  await expect(compare.getByLabel('JSON changes')).toContainText('4900 → 1');
  for (const width of [1024, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, `compare-${width}.png`) });
  }
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();

  // Pick the request the receiver stored, then open the delivery that sent it: compare across pages.
  await ui.open('#/receiver');
  await page.locator('[data-request-id]').first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Compare…' }).click();
  await expect(page.getByRole('status', { name: 'Compare' })).toContainText('Comparing');
  await ui.open(`#/deliveries?delivery=${second.id}`);
  await page
    .getByRole('dialog')
    .first()
    .getByRole('button', { name: /^Compare with POST \/in\/orders/ })
    .click();
  await expect(compare.getByRole('region', { name: 'Differences' })).toBeVisible();
  // Same event: the bodies are the same bytes; the sender's and the receiver's views of the headers differ.
  await expect(compare.getByRole('region', { name: 'Differences' })).toContainText('Same bytes');
  await expect(compare.getByRole('region', { name: /^Left: request req_/ })).toBeVisible();
  await expect(compare.getByRole('region', { name: /^Right: delivery dlv_/ })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'compare-request-attempt-1440.png') });
});
