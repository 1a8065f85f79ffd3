import { expect, test } from './fixtures';

test('an inbox that fails the first 2 requests: with the fast preset the delivery retries and succeeds on attempt 3', async ({
  page,
  ui,
}) => {
  await ui.open('#/receiver');
  await page.getByRole('button', { name: 'Inbox + webhook' }).click();
  const form = page.getByRole('form', { name: 'Send to a local inbox' });
  await form.getByLabel('Name').fill('Flaky');
  await ui.choose('Retry preset', 'fast');
  await form.getByLabel('±20 % jitter').uncheck();
  await form.getByLabel('Fail the first N').fill('2');
  await form.getByRole('button', { name: 'Create inbox and webhook' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('fails the first 2')).toBeVisible();

  await ui.open('#/fire?type=user.created');
  await expect(page.getByLabel('Recipients').getByText('Flaky (local)')).toBeVisible();
  await page.getByRole('button', { name: 'Fire user.created' }).click();
  const fired = page.getByLabel('Fired events').locator('[data-delivery-id]');
  await expect(fired).toHaveCount(1);
  await fired.getByRole('link', { name: 'Inspect' }).click();

  const drawer = page.getByRole('dialog');
  // 500 on attempt 1 → retrying (1 s) → 500 on attempt 2 → retrying (2 s) → 200 on attempt 3.
  await expect(drawer.locator('[data-status="retrying"]')).toBeVisible();
  await expect(drawer.locator('[data-status="success"]')).toBeVisible({ timeout: 20_000 });
  const timeline = drawer.getByLabel('Attempts');
  await expect(timeline.locator('[data-attempt]')).toHaveCount(3);
  await expect(timeline.locator('[data-attempt="1"]')).toContainText('500');
  await expect(timeline.locator('[data-attempt="2"]')).toContainText('500');
  await expect(timeline.locator('[data-attempt="3"]')).toContainText('200');
  await expect(drawer.getByText('Attempts (3)')).toBeVisible();

  // Each attempt says when it started (local time, UTC on hover) and how long after the one before.
  const started = timeline.locator('[data-attempt-time] time');
  await expect(started).toHaveCount(3);
  for (const time of await started.all()) {
    await expect(time).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
    const iso = (await time.getAttribute('datetime'))!;
    await expect(time).toHaveAttribute('title', `${iso.replace('T', ' ').replace('Z', '')} UTC`);
  }
  const gap = async (n: number) => {
    const text = await timeline.locator(`[data-attempt-time="${n}"]`).innerText();
    return Number(new RegExp(`([\\d.]+) s after attempt ${n - 1}`).exec(text)?.[1]);
  };
  await expect(timeline.locator('[data-attempt-time="1"]')).not.toContainText('after attempt');
  // The fast preset waits 1 s, then 2 s (jitter off): the gaps are at least that.
  expect(await gap(2)).toBeGreaterThanOrEqual(1);
  expect(await gap(2)).toBeLessThan(2);
  expect(await gap(3)).toBeGreaterThanOrEqual(2);

  // The table row agrees once the drawer closes.
  await page.keyboard.press('Escape');
  const row = page.locator('[data-delivery-id]').first();
  await expect(row.locator('[data-status="success"]')).toBeVisible();
  await expect(row.locator('[data-column="attempts"]')).toHaveText('3');
});
