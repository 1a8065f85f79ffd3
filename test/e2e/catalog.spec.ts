/**
 * The Catalog page: browse a provider's types by category with schema beside sample, keep a
 * workspace schema (save, reset, infer from traffic), import an OpenAPI document after a dry run,
 * and export the catalog.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { docShot } from './docShots';
import { expect, test } from './fixtures';
import { measureLayout } from './layoutProbe';

const catalogTab = (page: Page, title: string) => page.getByRole('radiogroup', { name: 'Catalog' }).getByText(title);
const originBadge = (page: Page) => page.locator('[data-type-title] ~ [data-schema-origin]');

test('browses the GitHub catalog by category and shows a type’s schema beside its sample', async ({ page, ui }) => {
  await ui.open('#/catalog');
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await catalogTab(page, 'GitHub').click();
  await expect(page).toHaveURL(/catalog=github/);
  await expect(page.locator('[data-catalog-source]')).toContainText(/webhooks/i);

  const list = page.getByRole('region', { name: 'Event types' });
  await expect(list.getByText(/^\d+ types$/)).toBeVisible();
  // The search finds a type among hundreds; the category narrows the list.
  await list.getByLabel('Search the catalog').fill('workflow_run.completed');
  await expect(list.getByRole('button', { name: 'workflow_run.completed', exact: true })).toBeVisible();
  await list.getByLabel('Search the catalog').fill('');
  // Typing a category and Enter picks its first match.
  const categoryBox = list.getByRole('textbox', { name: 'Category' });
  await categoryBox.click();
  await categoryBox.pressSequentially('pull_request');
  await categoryBox.press('Enter');
  await expect(page.getByRole('option')).toHaveCount(0);
  await expect(list.getByRole('button', { name: 'pull_request.opened', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'push', exact: true })).toHaveCount(0);
  // Cut names are whole on hover: a type with its description, a category header.
  await expect(list.getByRole('button', { name: 'pull_request.opened', exact: true })).toHaveAttribute(
    'title',
    /^pull_request\.opened — ./,
  );
  await expect(list.getByText(/^pull_request · \d+$/)).toHaveAttribute('title', 'pull_request');
  await list.getByRole('button', { name: 'pull_request.opened', exact: true }).click();

  await expect(page.locator('[data-type-title]')).toHaveText('pull_request.opened');
  await expect(originBadge(page)).toHaveText('schema: catalog');
  await expect(page.getByRole('region', { name: 'Schema' })).toContainText('"pull_request"');
  await expect(page.getByRole('region', { name: 'Sample' })).toContainText('"action": "opened"');

  for (const size of [
    { width: 1024, height: 700 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await expect(page.locator('[data-type-title]')).toHaveText('pull_request.opened');
    const layout = await measureLayout(page);
    expect.soft(layout.pageOverflow, `the Catalog page scrolls sideways at ${size.width}px`).toBeLessThanOrEqual(0);
    expect.soft(layout.overflowing, `content wider than its container at ${size.width}px`).toEqual([]);
    await docShot(page, `catalog-${size.width}`);
  }
});

test('a type named in the URL is scrolled to in the list', async ({ page, ui }) => {
  await ui.open('#/catalog?catalog=github&type=workflow_run.completed');
  await expect(page.locator('[data-type-title]')).toHaveText('workflow_run.completed');
  const row = page
    .getByRole('region', { name: 'Event types' })
    .getByRole('button', { name: 'workflow_run.completed', exact: true });
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(row).toBeInViewport();
});

test('saves a workspace schema (refusing a broken one), and resets to the catalog’s', async ({
  page,
  ui,
  hookbench,
}) => {
  const { data: type } = await hookbench.rest<{ sample: Record<string, unknown> }>(
    'GET',
    '/catalogs/hookbench/type?type=user.created',
  );
  // The sample has no nickname: valid against the catalog's schema, not against the one saved below.
  const check = async () =>
    (
      await hookbench.rest<{ status: string }>('POST', '/catalogs/hookbench/check', {
        type: 'user.created',
        payload: type.sample,
      })
    ).data.status;

  await ui.open('#/catalog?type=user.created');
  await expect(page.locator('[data-type-title]')).toHaveText('user.created');
  await expect(originBadge(page)).toHaveText('schema: catalog');

  await page.getByRole('button', { name: 'Edit schema' }).click();
  const editor = page.getByLabel(/Schema of user\.created/);
  await editor.fill('{ "type": "nonsense" }');
  await page.getByRole('button', { name: 'Save schema' }).click();
  await expect(ui.fieldError(/Schema of user\.created/)).toBeVisible();
  await expect(originBadge(page)).toHaveText('schema: catalog');

  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['id', 'email', 'nickname'],
    properties: { id: { type: 'string' }, email: { type: 'string' }, nickname: { type: 'string' } },
  };
  await editor.fill(JSON.stringify(schema, null, 2));
  await page.getByRole('button', { name: 'Save schema' }).click();
  await expect(page.getByRole('form', { name: 'Edit schema' })).toBeHidden();
  await expect(originBadge(page)).toHaveText('schema: workspace');
  await expect(page.getByRole('region', { name: 'Schema' })).toContainText('"nickname"');
  expect(await check()).toBe('invalid');
  // The list marks the type's schema as the workspace's own.
  await expect(
    page.getByRole('region', { name: 'Event types' }).getByRole('button', { name: 'user.created', exact: true }),
  ).toContainText('workspace');

  await page.getByRole('button', { name: 'Reset to catalog schema' }).click();
  await expect(originBadge(page)).toHaveText('schema: catalog');
  await expect(page.getByRole('region', { name: 'Schema' })).not.toContainText('"nickname"');
  await expect.poll(check).toBe('valid');
});

const OPENAPI = `openapi: 3.1.0
info:
  title: Orders API
  version: "1.0"
webhooks:
  order.shipped:
    post:
      summary: An order left the warehouse
      requestBody:
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/OrderShipped"
            example:
              order_id: ord_1
              carrier: ups
      responses:
        "200":
          description: received
components:
  schemas:
    OrderShipped:
      type: object
      required: [order_id, carrier]
      properties:
        order_id:
          type: string
        carrier:
          type: string
          enum: [ups, dhl]
`;

test('imports an OpenAPI document after a dry run lists the change, then exports the catalog', async ({ page, ui }) => {
  await ui.open('#/catalog');
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import event types' });
  await dialog.getByLabel('Document').fill(OPENAPI);
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  const changes = dialog.getByRole('table', { name: 'Import changes' });
  await expect(changes.locator('[data-import-type="order.shipped"]')).toHaveAttribute('data-change', 'add');
  await expect(dialog).toContainText('Orders API');
  await page.setViewportSize({ width: 1024, height: 700 });
  await docShot(page, 'catalog-import-1024');

  // A dry run writes nothing.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const list = page.getByRole('region', { name: 'Event types' });
  await list.getByLabel('Search the catalog').fill('order.shipped');
  await expect(list.getByText('No type matches the search.')).toBeVisible();

  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Document').fill(OPENAPI);
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await expect(changes.locator('[data-import-type="order.shipped"]')).toBeVisible();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toContainText('applied');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await list.getByRole('button', { name: 'order.shipped', exact: true }).click();
  await expect(page.locator('[data-type-title]')).toHaveText('order.shipped');
  await expect(page.getByRole('region', { name: 'Schema' })).toContainText('"dhl"');
  await expect(page.getByRole('region', { name: 'Sample' })).toContainText('"ord_1"');

  // A second import of the same document changes nothing.
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Document').fill(OPENAPI);
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await expect(changes.locator('[data-import-type="order.shipped"]')).toHaveAttribute('data-change', 'unchanged');
  await page.keyboard.press('Escape');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export OpenAPI' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('hookbench-catalog.openapi.json');
  const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    openapi: string;
    webhooks: Record<string, unknown>;
  };
  expect(doc.openapi).toMatch(/^3\.1\./);
  expect(JSON.stringify(doc.webhooks)).toContain('order.shipped');
});

test('infers a schema from the deliveries of a type, shows it for review, and saves it', async ({
  page,
  ui,
  hookbench,
}) => {
  await hookbench.rest('POST', '/local-inbox', { name: 'Traffic' });
  const { data: type } = await hookbench.rest<{ sample: Record<string, unknown> }>(
    'GET',
    '/catalogs/hookbench/type?type=user.created',
  );
  for (const email of ['a@example.com', 'b@example.com', 'c@example.com'])
    expect(
      (
        await hookbench.rest('POST', '/events/trigger', {
          type: 'user.created',
          data: { ...type.sample, email, plan: email.startsWith('a') ? 'pro' : 'free' },
        })
      ).status,
    ).toBe(200);

  await ui.open('#/catalog?type=user.created');
  await expect(originBadge(page)).toHaveText('schema: catalog');
  await page.getByRole('button', { name: 'Infer from traffic' }).click();
  const dialog = page.getByRole('dialog', { name: 'Infer the schema of user.created' });
  await dialog.getByRole('button', { name: 'Infer schema' }).click();
  await expect(dialog.locator('[data-sample-count]')).toContainText('Learnt from 3 payloads');
  await expect(dialog.getByRole('region', { name: 'Inferred schema' })).toContainText('"plan"');
  await expect(dialog.getByRole('region', { name: 'Current schema' })).toBeVisible();
  // Another source drops the result: Save cannot store what the new source did not give.
  await ui.choose('Learn from', 'Requests captured in Traffic');
  await expect(dialog.locator('[data-sample-count]')).toBeHidden();
  await expect(dialog.getByRole('button', { name: 'Save as the schema of user.created' })).toBeHidden();
  await ui.choose('Learn from', 'Deliveries sent of user.created');
  await dialog.getByRole('button', { name: 'Infer schema' }).click();
  await expect(dialog.locator('[data-sample-count]')).toContainText('Learnt from 3 payloads');
  await page.setViewportSize({ width: 1440, height: 900 });
  await docShot(page, 'catalog-infer-1440');
  await dialog.getByRole('radiogroup', { name: 'How to compare' }).getByText('Changes').click();
  await expect(
    dialog.getByRole('region', { name: 'Schema changes' }).locator('[data-line="added"]').first(),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Save as the schema of user.created' }).click();
  await expect(dialog).toBeHidden();
  await expect(originBadge(page)).toHaveText('schema: workspace');
  await expect(page.getByRole('region', { name: 'Schema' })).toContainText('"plan"');
});
