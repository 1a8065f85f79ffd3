/**
 * Desktop smoke test: the real Electron app on a fresh data directory — the first window opens,
 * the dashboard renders, and an event fired to a local inbox arrives there verified. Skipped
 * where the Electron binary is not installed (it cannot be downloaded on every machine).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What `require('electron')` would give, without throwing when the binary was never downloaded. */
function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function nativeBuild(): string | null {
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'))
    .version as string;
  const file = join(ROOT, 'native', `electron-${version}`, 'better_sqlite3.node');
  return existsSync(file) ? file : null;
}

const binary = electronBinary();
test.skip(!binary, 'Electron binary not installed');
test.skip(!!binary && !nativeBuild(), 'better-sqlite3 is not built for Electron: run npm run native:electron');

type Bridge = { call(op: string, input?: unknown): Promise<any> };

test('the first window opens on the dashboard and a fired event reaches a local inbox verified', async () => {
  expect(existsSync(join(ROOT, 'out', 'main', 'index.js')), 'build the app first: npm run build').toBe(true);
  const dataDir = mkdtempSync(join(tmpdir(), 'hookbench-desktop-'));
  let app: ElectronApplication | undefined;
  try {
    app = await electron.launch({ executablePath: binary!, args: ['.', `--data-dir=${dataDir}`], cwd: ROOT });
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Hookbench/);
    await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

    const inboxId = await page.evaluate(async () => {
      const hookbench = (globalThis as unknown as { hookbench: Bridge }).hookbench;
      // Any free port: never the user's 8787.
      await hookbench.call('settings.update', { receiverPort: 0 });
      const { inbox } = await hookbench.call('webhooks.sendToLocalInbox', { name: 'Smoke test' });
      await hookbench.call('events.trigger', { type: 'user.created', data: { id: 'usr_smoke' } });
      return inbox.id as string;
    });

    await expect
      .poll(() =>
        page.evaluate(async (id) => {
          const hookbench = (globalThis as unknown as { hookbench: Bridge }).hookbench;
          const { items } = await hookbench.call('inboxes.requests', { id, limit: 1 });
          return items[0] ? { valid: items[0].valid } : null;
        }, inboxId),
      )
      .toEqual({ valid: true });
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
