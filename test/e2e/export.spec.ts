import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test, type Ui } from './fixtures';

interface Har {
  log: {
    version: string;
    creator: { name: string };
    entries: { request: { method: string; url: string; postData?: { text: string } }; response: { status: number } }[];
  };
}

async function downloadHar(page: Page): Promise<{ har: Har; raw: string; name: string }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /HAR 1\.2/ }).click(),
  ]);
  const raw = await readFile((await download.path())!, 'utf8');
  return { har: JSON.parse(raw) as Har, raw, name: download.suggestedFilename() };
}

async function fire(page: Page, ui: Ui, type: string) {
  await ui.open(`#/fire?type=${type}`);
  await page.getByRole('button', { name: `Fire ${type}` }).click();
  await expect(
    page.getByLabel('Fired events').locator('[data-delivery-id]').first().locator('[data-status="success"]'),
  ).toBeVisible();
}

test('export HAR from Deliveries downloads a HAR 1.2 file with the filtered deliveries', async ({
  page,
  ui,
  hookbench,
}) => {
  await ui.open('#/dashboard');
  await page.getByRole('button', { name: 'Create a local inbox and a webhook to it' }).click();
  await expect(page.getByRole('button', { name: 'Fire user.created' })).toBeEnabled();
  await fire(page, ui, 'user.created');
  await fire(page, ui, 'order.created');

  await ui.open('#/deliveries');
  await expect(page.locator('[data-delivery-id]')).toHaveCount(2);
  const all = await downloadHar(page);
  expect(all.name).toMatch(/^hookbench-deliveries-\d{8}-\d{6}\.har$/); // the name the desktop dialog and the CLI use too
  expect(all.har.log.version).toBe('1.2');
  expect(all.har.log.entries).toHaveLength(2);
  for (const e of all.har.log.entries) {
    expect(e.request.method).toBe('POST');
    expect(e.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/in\/local-inbox$/);
    expect(e.response.status).toBe(200);
  }
  const types = all.har.log.entries.map((e) => (JSON.parse(e.request.postData!.text) as { type: string }).type).sort();
  expect(types).toEqual(['order.created', 'user.created']);
  // Secrets are never exported.
  const [hook] = (await hookbench.rest<{ secret: string }[]>('GET', '/webhooks')).data;
  expect(all.raw).not.toContain(hook!.secret);

  // The current filters apply: only user.created.
  await ui.choose('Event type', 'user.created');
  await expect(page.locator('[data-delivery-id]')).toHaveCount(1);
  const filtered = await downloadHar(page);
  expect(filtered.har.log.version).toBe('1.2');
  expect(filtered.har.log.entries).toHaveLength(1);
  expect(filtered.har.log.entries[0]!.request.postData!.text).toContain('"type":"user.created"');
});
