/** Saves a README picture to docs/screenshots the way screenshots.spec.ts does (toasts closed, pointer away, transitions settled). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const DOCS = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

export async function docShot(page: Page, name: string): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-closeButton').all())
    await close.click().catch(() => undefined);
  await page.mouse.move(0, (page.viewportSize()?.height ?? 800) - 1);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(DOCS, `${name}.png`) });
}
