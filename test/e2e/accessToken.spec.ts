import { expect, test } from './fixtures';

test('a page opened without the token says how to get in, instead of an empty app', async ({ page, hookbench }) => {
  await page.goto(`${hookbench.origin}/#/dashboard`);
  const gate = page.getByRole('alert', { name: 'Access token needed' });
  await expect(gate.getByRole('heading', { name: 'This page needs its access token' })).toBeVisible();
  await expect(gate).toContainText('Open the URL printed by hookbench serve');
  await expect(gate).toContainText(`${hookbench.origin}/?token=…`);
  // Nothing of the app behind it claims anything (no "not running", no zero counts).
  await expect(page.getByText(/not running/i)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
});

test('a token from an earlier launch is named as such', async ({ page, hookbench }) => {
  await page.goto(`${hookbench.origin}/?token=from-yesterday#/dashboard`);
  await expect(page.getByRole('heading', { name: 'This access token is from another launch' })).toBeVisible();
});

test('the right token opens the app', async ({ page, ui }) => {
  await ui.open('#/dashboard');
  await expect(page.getByRole('alert', { name: 'Access token needed' })).toHaveCount(0);
});
