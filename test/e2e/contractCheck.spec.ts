/**
 * Contract-checked events on both ends: the Fire page checks a payload against its type's schema
 * as it is typed, the API refuses one that breaks it unless "Send anyway", and an inbox bound to
 * a catalog gives every request a schema verdict beside its signature's.
 */
import { docShot } from './docShots';
import { expect, test } from './fixtures';
import { measureLayout } from './layoutProbe';

interface CatalogType {
  sample: Record<string, unknown>;
  schema: Record<string, unknown> | null;
}
interface Inbox {
  id: string;
  url: string;
}

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
];

test('a payload that breaks its schema: the editor shows the error with its path, Fire is refused with the path, Send anyway delivers it', async ({
  page,
  ui,
  hookbench,
}) => {
  const { data: local } = await hookbench.rest<{ inbox: Inbox }>('POST', '/local-inbox', { name: 'Schema target' });
  const { data: type } = await hookbench.rest<CatalogType>('GET', '/catalogs/hookbench/type?type=user.created');
  expect(type.schema, 'user.created has a schema').not.toBeNull();
  const bad = { ...type.sample, email: 42 };

  await ui.open('#/fire?type=user.created');
  const editor = page.getByLabel("Payload (the event's data)");
  await expect(editor).toHaveValue(/jane\.doe@example\.com/);
  await expect(page.locator('[data-schema-check="valid"]')).toHaveText('Matches the schema of user.created');

  await editor.fill(JSON.stringify(bad, null, 2));
  // The last verdict (valid) is gone while the edited payload is checked.
  await expect(page.locator('[data-schema-check="checking"]')).toBeVisible();
  const inline = page.getByRole('list', { name: 'Payload schema errors' });
  await expect(inline.locator('[data-issue-path="/email"]')).toBeVisible();
  await expect(inline.locator('[data-issue-path="/email"] [data-found]')).toContainText('42');

  // At 1024×700 the refusal appears below the fold: it is brought into view.
  await page.setViewportSize(SIZES[0]!);
  const fireButton = page.getByRole('button', { name: 'Fire user.created' });
  await fireButton.click();
  const refused = page
    .getByRole('alert')
    .filter({ hasText: 'Not sent: the payload breaks the schema of user.created' });
  await expect(refused).toBeInViewport();
  await expect(refused.getByRole('list', { name: 'Why it was refused' })).toContainText('/email');
  await expect(page.getByLabel('Fired events').locator('[data-delivery-id]')).toHaveCount(0);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await refused.scrollIntoViewIfNeeded();
    const layout = await measureLayout(page);
    expect.soft(layout.pageOverflow, `the Fire page scrolls sideways at ${size.width}px`).toBeLessThanOrEqual(0);
    expect.soft(layout.overflowing, `content wider than its container at ${size.width}px`).toEqual([]);
    await docShot(page, `fire-schema-error-${size.width}`);
  }

  // Back to the sample: the refusal went with the payload it was about.
  await page.getByRole('button', { name: 'Reset to sample' }).click();
  await expect(refused).toBeHidden();
  await expect(page.locator('[data-schema-check="valid"]')).toBeVisible();

  await editor.fill(JSON.stringify(bad, null, 2));
  await fireButton.click();
  await refused.getByRole('button', { name: 'Send anyway' }).click();
  await expect(refused).toBeHidden();
  await expect(page.getByLabel('Fired events').locator('[data-delivery-id]').first()).toBeVisible();
  // The receiver got the payload as it was, schema errors and all.
  await expect
    .poll(async () => {
      const { data } = await hookbench.rest<{ items: { id: string }[] }>(
        'GET',
        `/requests?inboxId=${encodeURIComponent(local.inbox.id)}`,
      );
      if (!data.items.length) return null;
      const { data: request } = await hookbench.rest<{ bodyText: string }>('GET', `/requests/${data.items[0]!.id}`);
      return (JSON.parse(request.bodyText) as { data: { email: unknown } }).data.email;
    })
    .toBe(42);
});

test('an inbox bound to a catalog: each request gets a schema verdict, shown in the feed, filtered, and explained in the drawer', async ({
  page,
  ui,
  hookbench,
}) => {
  const { data: type } = await hookbench.rest<CatalogType>('GET', '/catalogs/hookbench/type?type=user.created');

  await ui.open('#/receiver');
  await page.getByRole('button', { name: 'New inbox' }).click();
  const form = page.getByRole('form', { name: 'New inbox' });
  await form.getByLabel('Name').fill('Contract');
  await ui.choose('Scheme', 'No signature');
  await ui.choose('Check payloads against catalog', 'Hookbench');
  await form.getByRole('button', { name: 'Create inbox' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('checks hookbench')).toBeVisible();
  const inboxUrl = (await page.locator('[data-inbox-url]').textContent())!;

  const send = (id: string, data: Record<string, unknown>) =>
    fetch(inboxUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, type: 'user.created', timestamp: new Date().toISOString(), data }),
    });
  expect((await send('evt_good', type.sample)).status).toBe(200);
  expect((await send('evt_bad', { ...type.sample, email: 42 })).status).toBe(200);

  const rows = page.locator('[data-request-id]');
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('[data-schema-status="valid"]')).toHaveCount(1);
  await expect(rows.locator('[data-schema-status="invalid"]')).toHaveCount(1);
  await expect(rows.locator('[data-schema-status="invalid"]')).toHaveText('1 schema error');

  await ui.choose('Schema filter', 'schema ok');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('[data-schema-status="valid"]')).toBeVisible();
  await ui.choose('Schema filter', 'any schema verdict');
  await expect(rows).toHaveCount(2);
  // Filters that match nothing say so, and clear in one click.
  await ui.choose('Schema filter', 'not JSON');
  await page.getByRole('textbox', { name: 'Search requests' }).fill('no-such-request');
  await expect(page.getByText('No request matches these filters')).toBeVisible();
  await expect(page.getByText('No requests yet')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: 'Search requests' })).toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'Schema filter' })).toHaveValue('any schema verdict');
  await page.setViewportSize({ width: 1024, height: 700 });
  const feed = await measureLayout(page);
  expect.soft(feed.pageOverflow, 'the feed scrolls sideways at 1024px').toBeLessThanOrEqual(0);
  expect.soft(feed.sidewaysTables, 'the feed table scrolls sideways at 1024px').toEqual([]);
  await docShot(page, 'receiver-schema-1024');
  await ui.choose('Schema filter', 'schema errors');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('[data-schema-status="invalid"]')).toBeVisible();

  await rows.first().click();
  const drawer = page.getByRole('dialog');
  const verdict = drawer.getByRole('region', { name: 'Schema verdict' });
  await expect(verdict).toContainText('Schema invalid: 1 issue');
  await expect(verdict).toContainText('user.created');
  const issue = verdict.locator('[data-issue-path$="/email"]');
  await expect(issue).toBeVisible();
  await expect(issue.locator('[data-expected]')).toContainText('string');
  await expect(issue.locator('[data-found]')).toContainText('42');
  // Beside the signature verdict.
  await expect(drawer.getByRole('region', { name: 'Verification' })).toBeVisible();

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(350);
    const layout = await measureLayout(page);
    expect.soft(layout.pageOverflow, `the drawer scrolls sideways at ${size.width}px`).toBeLessThanOrEqual(0);
    expect.soft(layout.overflowing, `content wider than its container at ${size.width}px`).toEqual([]);
    await docShot(page, `request-schema-verdict-${size.width}`);
  }

  // The Catalog page's drift: the type whose traffic broke its schema, with an example issue.
  await ui.open('#/catalog?tab=drift');
  const drift = page.getByRole('table', { name: 'Drift' });
  const row = drift.locator('[data-drift-type="user.created"]');
  await expect(row).toContainText('1 of 2');
  await expect(row).toContainText('/data/email');
  await docShot(page, 'catalog-drift-1440');
  await row.getByRole('button', { name: 'user.created' }).click();
  await expect(page.locator('[data-type-title]')).toHaveText('user.created');
});

test('a payload breaking its schema in more places than a check keeps reads "20+" everywhere a count is shown', async ({
  page,
  ui,
  hookbench,
}) => {
  // Every property a string: 25 numbers break it 25 times, and a check keeps MAX_SCHEMA_ISSUES (20).
  await hookbench.rest('POST', '/catalogs/hookbench/schema', {
    type: 'user.created',
    schema: { type: 'object', additionalProperties: { type: 'string' } },
  });
  const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`n${i}`, i]));
  const { data: inbox } = await hookbench.rest<Inbox>('POST', '/inboxes', {
    name: 'Many',
    scheme: 'none',
    catalog: 'hookbench',
  });
  const sent = await fetch(inbox.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'evt_many', type: 'user.created', timestamp: new Date().toISOString(), data: many }),
  });
  expect(sent.status).toBe(200);

  await ui.open('#/fire?type=user.created');
  const editor = page.getByLabel("Payload (the event's data)");
  await expect(editor).toHaveValue(/jane\.doe@example\.com/);
  await editor.fill(JSON.stringify(many, null, 2));
  await expect(page.locator('[data-schema-check="invalid"]')).toContainText('20+ schema errors: the payload breaks');

  await ui.open('#/receiver');
  const row = page.locator('[data-request-id]');
  await expect(row.locator('[data-schema-status="invalid"]')).toHaveText('20+ schema errors');
  await row.click();
  await expect(page.getByRole('dialog').getByRole('region', { name: 'Schema verdict' })).toContainText(
    'Schema invalid: 20+ issues',
  );
});
