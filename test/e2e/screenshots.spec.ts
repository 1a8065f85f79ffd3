/**
 * Not an assertion of behaviour: fills a workspace the way a person would, then saves a
 * screenshot of every page in light and dark to test-results/screenshots/; and every view
 * (pages and drawers) at 1024 × 700 and 1440 × 900 to docs/screenshots/, the README's pictures.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { appViews } from './appViews';
import { expect, test, type Ui } from './fixtures';
import { LONG, seedLongValues } from './longValues';

const DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

async function shot(page: Page, name: string, dir = DIR) {
  // Toasts would cover the page: close them.
  for (const close of await page.locator('.mantine-Notification-closeButton').all())
    await close.click().catch(() => undefined);
  await page.mouse.move(0, (page.viewportSize()?.height ?? 800) - 1);
  await page.waitForTimeout(400); // transitions settle
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

async function fire(page: Page, ui: Ui, type: string) {
  await ui.open(`#/fire?type=${type}`);
  await page.getByRole('button', { name: `Fire ${type}` }).click();
  await expect(page.getByLabel('Fired events').locator('[data-delivery-id]').first()).toBeVisible();
}

async function localInbox(
  page: Page,
  ui: Ui,
  name: string,
  opts: { preset?: string; delays?: string; failFirst?: string; status?: string },
) {
  await ui.open('#/webhooks');
  await page.getByRole('button', { name: 'Send to a local inbox' }).first().click();
  const form = page.getByRole('form', { name: 'Send to a local inbox' });
  await form.getByLabel('Name').fill(name);
  if (opts.preset) await ui.choose('Retry preset', opts.preset);
  if (opts.delays) {
    await ui.choose('Retry preset', 'custom delays');
    await form.getByLabel('Custom delays (seconds)').fill(opts.delays);
  }
  if (opts.failFirst) await form.getByLabel('Fail the first N').fill(opts.failFirst);
  if (opts.status) await form.getByLabel('Status', { exact: true }).fill(opts.status);
  await form.getByRole('button', { name: 'Create inbox and webhook' }).click();
  await expect(form).toBeHidden();
}

test('screenshots of every page, light and dark', async ({ page, ui, hookbench }) => {
  test.setTimeout(180_000);
  await ui.open('#/settings');
  await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Light').click();
  await ui.open('#/dashboard');
  await expect(page.getByText('Send your first webhook')).toBeVisible();
  await shot(page, 'first-run-light');

  // A workspace with some history: a verified inbox, a flaky one, a broken one, a forged request.
  await page.getByRole('button', { name: 'Create a local inbox and a webhook to it' }).click();
  await page.getByRole('button', { name: 'Fire user.created' }).click();
  await expect(page.getByLabel('First delivery').locator('[data-status="success"]')).toBeVisible();
  await shot(page, 'first-run-done-light');
  await localInbox(page, ui, 'Orders service', { preset: 'fast', failFirst: '2' });
  await localInbox(page, ui, 'Legacy CRM', { delays: '1, 1, 1, 1', status: '503' });
  for (const type of ['order.created', 'payment.succeeded', 'invoice.paid', 'user.updated', 'subscription.renewed'])
    await fire(page, ui, type);
  const inbox = (await hookbench.rest<{ url: string; slug: string }[]>('GET', '/inboxes')).data.find(
    (i) => i.slug === 'local-inbox',
  )!;
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const body = JSON.stringify({ id: 'evt_forged', type: 'payment.refunded', data: { amount: 100 } });
  const ts = Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
    .update(`evt_forged.${ts}.${body}`)
    .digest('base64');
  await fetch(inbox.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': 'evt_forged',
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${sig}`,
    },
    body,
  });
  await fetch(`${hookbench.receiverUrl}/in/nowhere`, { method: 'POST', body: 'hello' });
  // Legacy CRM fails every attempt: alerts at 3 and 5, disabled at 10.
  await expect(ui.alertBadge()).toHaveText('3', { timeout: 45_000 });
  await page.waitForTimeout(4000); // the flaky deliveries finish their retries
  await ui.open('#/dashboard');
  await page.getByRole('button', { name: 'Close the guide' }).click();

  for (const scheme of ['light', 'dark'] as const) {
    await ui.open('#/settings');
    await page
      .getByRole('radiogroup', { name: 'Theme' })
      .getByText(scheme === 'light' ? 'Light' : 'Dark')
      .click();
    await shot(page, `settings-${scheme}`);
    for (const p of ['dashboard', 'webhooks', 'fire', 'deliveries', 'receiver', 'alerts']) {
      await ui.open(`#/${p}`);
      await shot(page, `${p}-${scheme}`);
    }
    await ui.open('#/webhooks');
    await page.locator('[data-webhook-id] a').first().click();
    await expect(page.getByText('Configuration')).toBeVisible();
    await shot(page, `webhook-detail-${scheme}`);

    await ui.open('#/deliveries');
    await page.locator('[data-delivery-id]', { hasText: 'order.created' }).first().click();
    await expect(page.getByText(/Attempts \(\d\)/)).toBeVisible();
    await shot(page, `delivery-detail-${scheme}`);

    await ui.open('#/receiver');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.getByRole('form', { name: 'Inbox settings' })).toBeVisible();
    await shot(page, `inbox-settings-${scheme}`);
    await page.getByRole('tab', { name: 'Live feed' }).click();
    await page.locator('[data-request-id]', { hasText: 'invalid' }).first().click();
    await expect(page.getByLabel('Verification')).toBeVisible();
    await shot(page, `request-detail-${scheme}`);
  }
});

test.describe('the README pictures', () => {
  test.use({ colorScheme: 'light' });

  test('every view at 1024 × 700, 1440 × 900 and 1920 × 1080, with long names, types and URLs', async ({
    page,
    ui,
    hookbench,
  }) => {
    test.setTimeout(150_000);
    const seeded = await seedLongValues(hookbench);
    await ui.open(`#/fire?type=${LONG.eventType}`);
    await page.getByRole('button', { name: `Fire ${LONG.eventType}` }).click();
    await expect(page.getByLabel('Fired events').locator('[data-delivery-id]').first()).toBeVisible();
    // 1024 and 1440 for the README; 1920 only to look at (test-results/screenshots).
    for (const size of [
      { width: 1024, height: 700, dir: DOCS },
      { width: 1440, height: 900, dir: DOCS },
      { width: 1920, height: 1080, dir: DIR },
    ]) {
      await page.setViewportSize(size);
      for (const view of appViews(seeded)) {
        await page.goto(hookbench.at(view.hash));
        await expect(view.ready(page)).toBeVisible();
        await shot(page, `${view.name}-${size.width}`, size.dir);
      }
    }
    // The top bar on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(hookbench.at('#/deliveries'));
    await shot(page, 'phone-390', DIR);
  });
});
