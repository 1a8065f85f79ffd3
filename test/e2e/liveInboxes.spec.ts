import { expect, test } from './fixtures';

test('an inbox made, renamed and deleted over REST shows in the open receiver page without a reload', async ({
  page,
  ui,
  hookbench,
}) => {
  await ui.open('#/receiver');
  await expect(page.getByText('No inboxes yet.')).toBeVisible();
  // Set on this document only: a reload would drop it.
  await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));

  const created = await hookbench.rest<{ id: string; url: string }>('POST', '/inboxes', {
    name: 'Partner API',
    slug: 'partner-api',
    scheme: 'none',
  });
  expect(created.error).toBeUndefined();
  const item = page.locator(`[data-inbox-id="${created.data.id}"]`);
  await expect(item).toContainText('Partner API');
  await expect(item).toContainText('/in/partner-api');
  // The page selects the first inbox; its URL is the one the host gave out.
  await expect(page.locator('[data-inbox-url]')).toHaveText(created.data.url);

  const renamed = await hookbench.rest('PATCH', `/inboxes/${created.data.id}`, {
    name: 'Partner API v2',
    slug: 'partner-v2',
  });
  expect(renamed.error).toBeUndefined();
  await expect(item).toContainText('Partner API v2');
  await expect(page.locator('[data-inbox-url]')).toHaveText(/\/in\/partner-v2$/);

  const deleted = await hookbench.rest('DELETE', `/inboxes/${created.data.id}`);
  expect(deleted.error).toBeUndefined();
  await expect(item).toHaveCount(0);
  await expect(page.getByText('No inboxes yet.')).toBeVisible();

  expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
