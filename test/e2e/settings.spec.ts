import { expect, test } from './fixtures';

test('saving one settings section keeps another section’s unsaved edit', async ({ page, ui, hookbench }) => {
  await ui.open('#/settings');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  const retention = page.getByRole('region', { name: 'Retention' });

  // An unsaved edit in Alerts, then Retention saved.
  await alerts.getByLabel('Alert at failures').fill('2, 4');
  await retention.getByLabel('Successful deliveries (days)').fill('45');
  await retention.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Retention saved')).toBeVisible();
  await expect(alerts.getByLabel('Alert at failures')).toHaveValue('2, 4');
  await expect(retention.getByLabel('Successful deliveries (days)')).toHaveValue('45');
  const afterRetention = (
    await hookbench.rest<{ alerts: { alertAt: number[] }; retention: { successDays: number } }>('GET', '/settings')
  ).data;
  expect(afterRetention.retention.successDays).toBe(45);
  expect(afterRetention.alerts.alertAt).toEqual([3, 5, 10]); // not saved yet

  // The kept edit saves as typed.
  await alerts.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Alerts saved')).toBeVisible();
  expect((await hookbench.rest<{ alerts: { alertAt: number[] } }>('GET', '/settings')).data.alerts.alertAt).toEqual([
    2, 4,
  ]);
});

test('the Alerts section names every bad threshold in one save and changes nothing', async ({
  page,
  ui,
  hookbench,
}) => {
  await ui.open('#/settings');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await alerts.getByLabel('Alert at failures').fill('5, three, -1');
  await alerts.getByLabel('Disable after').fill('');
  await alerts.getByRole('button', { name: 'Save' }).click();
  await expect(ui.fieldError('Alert at failures')).toHaveText(
    '“three” is not a number · -1: a threshold is at least 1 failure',
  );
  await expect(ui.fieldError('Disable after')).toHaveText('a number is required');
  await expect(alerts).not.toContainText(/Invalid input|expected \w+, received/);
  const stored = (await hookbench.rest<{ alerts: { alertAt: number[]; disableAfter: number } }>('GET', '/settings'))
    .data;
  expect(stored.alerts).toMatchObject({ alertAt: [3, 5, 10], disableAfter: 10 });
});

test('an untouched section takes values changed elsewhere, so its Save never writes back old ones', async ({
  page,
  ui,
  hookbench,
}) => {
  await ui.open('#/settings');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  const retention = page.getByRole('region', { name: 'Retention' });
  await expect(retention.getByLabel('Successful deliveries (days)')).toHaveValue('90');
  // Changed over REST while the page is open (another tab, a script).
  expect(
    (await hookbench.rest('PATCH', '/settings', { retention: { successDays: 60, failedDays: 120, requestDays: 30 } }))
      .error,
  ).toBeUndefined();
  // Saving Alerts brings the stored settings back to the page: the untouched Retention follows them.
  await alerts.getByLabel('Alert at failures').fill('4');
  await alerts.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Alerts saved')).toBeVisible();
  await expect(retention.getByLabel('Successful deliveries (days)')).toHaveValue('60');
  await retention.getByLabel('Failed deliveries (days)').fill('100');
  await retention.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Retention saved')).toBeVisible();
  const stored = (await hookbench.rest<{ retention: { successDays: number; failedDays: number } }>('GET', '/settings'))
    .data;
  expect(stored.retention).toMatchObject({ successDays: 60, failedDays: 100 });
});
