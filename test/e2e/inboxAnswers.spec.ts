/**
 * A new inbox takes the provider's secret as pasted and can answer invalid signatures with 401,
 * as a real handler does: the feed and the detail show the status actually answered, and a
 * tampered resend of a seen event is not called a duplicate.
 */
import { createHmac } from 'node:crypto';
import { expect, test } from './fixtures';

/** A Stripe endpoint secret as the dashboard shows it (Stripe keys its HMAC with the whole string). */
const STRIPE_SECRET = 'whsec_5a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d';

function stripeSignature(secret: string, body: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

async function post(url: string, body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature) headers['stripe-signature'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

test('a Stripe inbox made with a pasted whsec_ secret and "reject invalid signatures" answers 401 to a bad request', async ({
  page,
  ui,
}) => {
  await ui.open('#/receiver');
  await page.getByRole('button', { name: 'New inbox' }).click();
  const form = page.getByRole('form', { name: 'New inbox' });
  const autoHint = form.getByText("auto detects it from each request's headers");
  await expect(autoHint).toBeHidden();
  await ui.choose('Scheme', 'auto');
  await expect(autoHint).toBeVisible();
  await ui.choose('Scheme', 'Stripe');
  await expect(autoHint).toBeHidden();

  await form.getByLabel('Name').fill('Stripe live');
  await form.getByLabel('Secret').fill(STRIPE_SECRET);
  await form.getByLabel('Reject invalid signatures').check();
  await expect(form.getByLabel('Reject status')).toHaveValue('401');
  await form.getByRole('button', { name: 'Create inbox' }).click();
  await expect(form).toBeHidden();
  const inboxUrl = (await page.locator('[data-inbox-url]').textContent())!;
  expect(inboxUrl).toMatch(/\/in\/stripe-live$/);
  // The inbox's header says how it answers.
  await expect(page.locator('[data-reject-invalid]')).toHaveText('· invalid signatures get 401');

  // Signed with the pasted secret: the rule answers. Tampered: 401 and why.
  const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'charge.succeeded', data: { amount: 4200 } });
  const signature = stripeSignature(STRIPE_SECRET, body);
  expect((await post(inboxUrl, body, signature)).status).toBe(200);
  const tampered = await post(inboxUrl, body.replace('4200', '1'), signature);
  expect(tampered.status).toBe(401);
  expect(JSON.parse(tampered.text)).toMatchObject({ error: 'invalid_signature', reason: 'bad_signature' });

  const rows = page.locator('[data-request-id]');
  await expect(rows).toHaveCount(2);
  const rejected = rows.first();
  await expect(rejected.getByText('invalid: bad signature')).toBeVisible();
  await expect(rejected.getByText('401', { exact: true })).toBeVisible();
  // The tampered post carried the seen event's id only in an unverified body: no duplicate.
  await expect(rejected.getByText('duplicate')).toHaveCount(0);
  await expect(rows.nth(1).getByText('valid', { exact: true })).toBeVisible();

  await rejected.click();
  const sent = page.getByRole('dialog').getByRole('region', { name: 'Response sent' });
  await expect(sent).toContainText('401');
  await expect(sent).toContainText('invalid_signature');
  await expect(page.getByRole('dialog')).toContainText('not counted for duplicates');
});

test('a bad secret and a bad reject status are both reported in one submit, and nothing is created', async ({
  page,
  ui,
  hookbench,
}) => {
  await ui.open('#/receiver');
  await page.getByRole('button', { name: 'New inbox' }).click();
  const form = page.getByRole('form', { name: 'New inbox' });
  await form.getByLabel('Name').fill('Standard');
  await form.getByLabel('Secret').fill('not-a-whsec-secret');
  await form.getByLabel('Reject invalid signatures').check();
  await form.getByLabel('Reject status').fill('200');
  await form.getByRole('button', { name: 'Create inbox' }).click();
  await expect(ui.fieldError('Secret')).toContainText('a Standard Webhooks secret starts with whsec_');
  await expect(ui.fieldError('Reject status')).toContainText('400–599');
  await expect(form.getByLabel('Reject status')).toHaveValue('200');
  const listed = await hookbench.rest<unknown[]>('GET', '/inboxes');
  expect(listed.data).toEqual([]);
});
