/**
 * Replay with edits from the Receiver request drawer (re-signed for another inbox: valid there,
 * with the diff) and from the delivery drawer (original signature kept, sent to a local server).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { InboxWithUrl } from '../../src-main/api/contract';
import type { ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import type { DeliveryDetail, Webhook } from '../../src-main/api/types';
import { startFakeServer } from './fakeServer';
import { expect, test } from './fixtures';
import type { HookbenchHost } from './hostProcess';

const SHOTS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

/** Inbox A receives one signed test delivery; inbox B holds another secret. */
async function setUp(host: HookbenchHost) {
  const a = (await host.rest<InboxWithUrl>('POST', '/inboxes', { name: 'Orders A', scheme: 'standard' })).data;
  const b = (await host.rest<InboxWithUrl>('POST', '/inboxes', { name: 'Orders B', scheme: 'standard' })).data;
  const webhook = (
    await host.rest<Webhook>('POST', '/webhooks', {
      name: 'to A',
      url: a.url,
      subscriptions: ['*'],
      scheme: 'standard',
      secret: a.secrets[0],
    })
  ).data;
  const delivery = (await host.rest<DeliveryDetail>('POST', `/webhooks/${webhook.id}/test`)).data;
  expect(delivery.status).toBe('success');
  return { a, b, delivery };
}

const requestsIn = async (host: HookbenchHost, inboxId: string) =>
  (await host.rest<{ items: ReceivedRequestSummary[] }>('GET', `/inboxes/${inboxId}/requests`)).data.items;

async function shot(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.getByRole('region', { name: 'Replay response' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(400); // layout and transitions settle
  await page.screenshot({ path: join(SHOTS, `replay-edits-${width}.png`) });
}

test('a received request replayed with an edited body, re-signed for another inbox, arrives valid and shows the diff', async ({
  page,
  ui,
  hookbench,
}) => {
  const { a, b } = await setUp(hookbench);
  await ui.open('#/receiver');
  await page.locator('[data-request-id]').first().click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('button', { name: 'Replay with edits…' }).click();
  const form = page.getByRole('form', { name: 'Replay with edits' });

  // Prefilled from the original: its method, its inbox URL, its headers (minus Host, Content-Length).
  await expect(form.getByLabel('Method')).toHaveValue('POST');
  await expect(form.getByLabel('URL')).toHaveValue(a.url!);
  const names = await form
    .getByLabel('Header name')
    .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value.toLowerCase()));
  expect(names).toContain('webhook-signature');
  expect(names).not.toContain('host');

  // A bad edit is refused on its field and nothing is sent.
  await form.getByLabel('Method').fill('PO ST');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(ui.fieldError('Method')).toContainText('HTTP token');
  await expect(form.getByRole('alert')).toContainText('Nothing was sent');
  expect(await requestsIn(hookbench, b.id)).toHaveLength(0);

  // Edit: method back, URL to inbox B, one header more, a value in the body; re-sign with B's secret.
  await form.getByLabel('Method').fill('POST');
  await form.getByLabel('URL').fill(b.url!);
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header name').last().fill('X-Replayed-By');
  await form.getByLabel('Header value').last().fill('hookbench');
  const body = form.getByLabel('Body');
  const original = await body.inputValue();
  const edited = original.replace(/"data":\s*\{/, '"data":{"edited":true,');
  expect(edited).not.toBe(original);
  await body.fill(edited);
  await form.getByRole('radiogroup', { name: 'Signature mode' }).getByText('Re-sign').click();
  await form.getByLabel('Secret').fill(b.secrets[0]!);
  await form.getByRole('button', { name: 'Send' }).click();

  const result = page.getByRole('region', { name: 'Replay result' });
  await expect(result.getByRole('region', { name: 'Replay response' })).toContainText('200');
  await expect(result.getByRole('region', { name: 'Replayed request' })).toContainText('X-Replayed-By');
  await expect(result.getByRole('region', { name: 'Original request' })).not.toContainText('X-Replayed-By');
  const diff = result.getByRole('region', { name: 'Replay diff' });
  await expect(diff.getByText('valid', { exact: true })).toBeVisible();
  await expect(diff.getByLabel('JSON changes')).toContainText('$.data.edited');
  await expect(diff.locator('[data-header-change="added"]', { hasText: 'X-Replayed-By' })).toBeVisible();
  await expect(diff.locator('[data-header-change="changed"]', { hasText: 'webhook-signature' })).toBeVisible();

  const atB = await requestsIn(hookbench, b.id);
  expect(atB).toHaveLength(1);
  expect(atB[0]!.valid).toBe(true);

  await shot(page, 1024);
  await shot(page, 1440);
});

test('a delivery attempt replayed with its original signature and an edited method arrives as edited', async ({
  page,
  ui,
  hookbench,
}) => {
  const { delivery } = await setUp(hookbench);
  const handler = await startFakeServer();
  try {
    await ui.open(`#/deliveries?delivery=${delivery.id}`);
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('button', { name: 'Replay with edits…' }).click();
    const form = page.getByRole('form', { name: 'Replay with edits' });
    await form.getByLabel('Method').fill('PUT');
    await form.getByLabel('URL').fill(`${handler.url}/hooks`);
    await form.getByRole('radiogroup', { name: 'Signature mode' }).getByText('Keep original signature').click();
    await form.getByRole('button', { name: 'Send' }).click();
    const result = page.getByRole('region', { name: 'Replay result' });
    await expect(result.getByRole('region', { name: 'Replay response' })).toContainText('200');
    await expect(result.getByRole('region', { name: 'Replay diff' })).toContainText('not to an inbox of this receiver');
    expect(handler.received).toHaveLength(1);
    expect(handler.received[0]).toMatchObject({ method: 'PUT', url: '/hooks', body: delivery.body });
    expect(handler.received[0]!.headers['webhook-signature']).toBe(
      delivery.attempts[0]!.request.headers['webhook-signature'],
    );
  } finally {
    await handler.close();
  }
});
