import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's chromium when installed (`apt-get install -y chromium`), else Playwright's own. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './test/e2e/globalSetup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    // The desktop smoke test: the real Electron app; it skips itself where the binary is not installed.
    { name: 'electron', testDir: 'test/electron', testMatch: 'desktop.spec.ts', timeout: 120_000 },
  ],
});
