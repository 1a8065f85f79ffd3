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
    [await create('hmac-sha256'), 'During the grace period deliveries carry signatures made with both secrets'],
    [await create('github'), 'GitHub requests carry one signature, so deliveries are signed with the new secret only'],
  ] as const;

  for (const [webhook, note] of cases) {
    await ui.open(`#/webhooks/${webhook.id}`);
    await page.getByRole('button', { name: 'Rotate', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate secret' });
    await expect(dialog).toContainText(note);
    await expect(dialog).not.toContainText('where the scheme allows it');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }

  // The form's scheme select lists the table's labels.
  await ui.open('#/webhooks');
  await page.getByRole('button', { name: 'New webhook' }).first().click();
  const form = page.getByRole('form', { name: 'New webhook' });
  await expect(form.getByRole('textbox', { name: 'Signing scheme' })).toHaveValue('Standard Webhooks');
});
