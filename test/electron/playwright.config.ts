import { defineConfig } from '@playwright/test';

/**
 * The desktop smoke test on its own: `npx playwright test -c test/electron/playwright.config.ts`.
 * It launches the real Electron app and skips itself where the Electron binary is not installed.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'desktop.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
});
