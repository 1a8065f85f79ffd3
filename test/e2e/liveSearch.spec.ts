import type { InboxWithUrl } from '../../src-main/api/contract';
import type { Delivery, Webhook } from '../../src-main/api/types';
import { startFakeServer } from './fakeServer';
import { expect, test } from './fixtures';

test('a text search on Deliveries stays live: fired and redelivered matches appear, others do not', async ({
  page,
  ui,
  hookbench,
}) => {
  const server = await startFakeServer();
  try {
    const webhook = (
      await hookbench.rest<Webhook>('POST', '/webhooks', {
        name: 'orders',
        url: `${server.url}/hooks`,
        subscriptions: ['*'],
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
    const first = await fire({ customer: { name: 'zebrafish-co' } });
    await fire({ customer: { name: 'gnu-gmbh' } });
    await ui.open('#/deliveries');
    await expect(page.locator('[data-delivery-id]')).toHaveCount(2);
    await page.getByRole('textbox', { name: 'Search payloads' }).fill('zebrafish');
    // The search is applied: the other delivery has left the table.
    await expect(page.locator('[data-delivery-id]')).toHaveCount(1);
    await expect(page.locator(`[data-delivery-id="${first.id}"]`)).toBeVisible();

    // Fired through the API while the search is open: the match appears, the other does not.
    const matching = await fire({ customer: { name: 'zebrafish-co' }, total: 2 });
    const other = await fire({ customer: { name: 'lion-ltd' } });
    await expect(page.locator(`[data-delivery-id="${matching.id}"]`)).toBeVisible();
    // The other delivery is in the log (the unfiltered list has it), but not in this search.
    await expect
      .poll(async () => (await hookbench.rest<Delivery>('GET', `/deliveries/${other.id}`)).data.status)
      .toBe('success');
    await expect(page.locator('[data-delivery-id]')).toHaveCount(2);

    // Redeliver makes a new delivery of the same event: it matches too.
    const again = await hookbench.rest<Delivery>('POST', `/deliveries/${first.id}/redeliver`);
    expect(again.error).toBeUndefined();
    await expect(page.locator(`[data-delivery-id="${again.data.id}"]`)).toBeVisible();
    await expect(page.locator('[data-delivery-id]')).toHaveCount(3);
    // Newest first.
    await expect(page.locator('[data-delivery-id]').first()).toHaveAttribute('data-delivery-id', again.data.id);
  } finally {
    await server.close();
  }
});

test('a text search on the Receiver feed stays live', async ({ page, ui, hookbench }) => {
  const inbox = (await hookbench.rest<InboxWithUrl>('POST', '/inboxes', { name: 'Partner', scheme: 'none' })).data;
  const post = (body: unknown) =>
    fetch(inbox.url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post({ note: 'aardvark-seen' });
  await post({ note: 'wombat' });
  await ui.open('#/receiver');
  await expect(page.locator('[data-request-id]')).toHaveCount(2);
  await page.getByRole('textbox', { name: 'Search requests' }).fill('aardvark');
  // The search is applied: the other request has left the feed.
  await expect(page.locator('[data-request-id]')).toHaveCount(1);

  await post({ note: 'aardvark-again' });
  await post({ note: 'platypus' });
  await expect(page.locator('[data-request-id]')).toHaveCount(2);
  await expect(page.locator('[data-request-id]').first()).toContainText('POST');
  // The non-matching request is stored; the search alone keeps it out.
  await page.getByRole('textbox', { name: 'Search requests' }).fill('');
  await expect(page.locator('[data-request-id]')).toHaveCount(4);
});
