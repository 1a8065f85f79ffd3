import { createHmac, randomBytes } from 'node:crypto';
import { startFakeServer } from './fakeServer';
import { expect, test } from './fixtures';

/** Standard Webhooks v1: base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, key = the secret after `whsec_`. */
function signStandard(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

test('a request signed with the wrong secret shows "invalid: bad signature" with expected vs received, and replays to a local server', async ({
  page,
  ui,
}) => {
  await ui.open('#/receiver');
  await page.getByRole('button', { name: 'New inbox' }).click();
  const form = page.getByRole('form', { name: 'New inbox' });
  await form.getByLabel('Name').fill('Partner');
  await form.getByRole('button', { name: 'Create inbox' }).click();
  await expect(form).toBeHidden();
  const inboxUrl = (await page.locator('[data-inbox-url]').textContent())!;
  expect(inboxUrl).toMatch(/\/in\/partner$/);

  // A third party signs with a secret the inbox does not have.
  const wrongSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const id = 'msg_wrong_secret_1';
  const ts = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id, type: 'invoice.paid', data: { amount: 4200 } });
  const signature = signStandard(wrongSecret, id, ts, body);
  const res = await fetch(inboxUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${signature}`,
    },
    body,
  });
  expect(res.status).toBe(200);

  const row = page.locator('[data-request-id]').first();
  await expect(row.getByText('invalid: bad signature')).toBeVisible();
  await row.click();
  const detail = page.getByRole('dialog');
  const verification = detail.getByLabel('Verification');
  await expect(verification).toContainText('invalid: bad signature');
  await expect(verification.locator('[data-signature="received"]')).toHaveText(`v1,${signature}`);
  const expected = verification.locator('[data-signature="expected"]');
  await expect(expected).toHaveCount(1);
  await expect(expected).not.toHaveText(`v1,${signature}`);
  await expect(verification).toContainText('webhook-signature');

  // Headers in arrival order, the body as received.
  const headerNames = await detail.getByLabel('Received request').locator('tbody tr td:first-child').allTextContents();
  expect(headerNames.indexOf('webhook-id')).toBeLessThan(headerNames.indexOf('webhook-signature'));

  // Replay the exact request into "your handler".
  const handler = await startFakeServer();
  try {
    const replay = detail.getByLabel('Replay');
    await replay.getByLabel('Replay URL').fill(`${handler.url}/webhooks`);
    await replay.getByRole('button', { name: 'Replay' }).click();
    await expect(replay.getByLabel('Replay result')).toContainText('200');
    expect(handler.received).toHaveLength(1);
    expect(handler.received[0]!.body).toBe(body);
    expect(handler.received[0]!.headers['webhook-signature']).toBe(`v1,${signature}`);
  } finally {
    await handler.close();
  }
});
