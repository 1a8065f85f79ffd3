/** The rotate dialog and the scheme select read the scheme table: plain HMAC-SHA256 signs with both secrets. */
import type { Webhook } from '../../src-main/api/types';
import { expect, test } from './fixtures';

test('the rotate dialog tells which schemes sign with both secrets', async ({ page, ui, hookbench }) => {
  const create = async (scheme: string) =>
    (
      await hookbench.rest<Webhook>('POST', '/webhooks', {
        name: `via ${scheme}`,
        url: 'http://127.0.0.1:9/hooks',
        subscriptions: ['*'],
        scheme,
      })
    ).data;
  const cases = [
    [await create('hmac-sha256'), 'During the grace period deliveries carry signatures made with both secrets', true],
    [
      await create('github'),
      'GitHub requests carry one signature, so deliveries are signed with the new secret only',
      false,
    ],
  ] as const;

  for (const [webhook, note, asksGrace] of cases) {
    await ui.open(`#/webhooks/${webhook.id}`);
    await page.getByRole('button', { name: 'Rotate', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate secret' });
    await expect(dialog).toContainText(note);
    await expect(dialog).not.toContainText('where the scheme allows it');
    // A grace period means something only where both secrets sign.
    await expect(dialog.getByLabel('Keep the old secret valid for (hours)')).toHaveCount(asksGrace ? 1 : 0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }

  // An out-of-range grace period is reported as typed, not clamped, and nothing rotates.
  const [hmac] = cases[0];
  await ui.open(`#/webhooks/${hmac.id}`);
  await page.getByRole('button', { name: 'Rotate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate secret' });
  const grace = dialog.getByLabel('Keep the old secret valid for (hours)');
  await grace.fill('900');
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(grace).toHaveValue('900');
  await expect(dialog).toContainText(/720/);
  expect((await hookbench.rest<Webhook>('GET', `/webhooks/${hmac.id}`)).data.secret).toBe(hmac.secret);
  await grace.fill('2');
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(dialog).toBeHidden();
  expect((await hookbench.rest<Webhook>('GET', `/webhooks/${hmac.id}`)).data.secret).not.toBe(hmac.secret);

  // The form's scheme select lists the table's labels.
  await ui.open('#/webhooks');
  await page.getByRole('button', { name: 'New webhook' }).first().click();
  const form = page.getByRole('form', { name: 'New webhook' });
  await expect(form.getByRole('textbox', { name: 'Signing scheme' })).toHaveValue('Standard Webhooks');
});
