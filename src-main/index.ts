/**
 * Electron entry: app lifecycle only. Opens the Workbench on the data directory (with the
 * Electron build of better-sqlite3 and the keychain secret box), creates the window, binds IPC,
 * the menu, notifications and the save dialog; the glue itself lives in src-main/desktop/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, Notification } from 'electron';
import { defaultDataDir, Workbench } from './engine/workbench';
import { bindIpc, type IpcBinding } from './desktop/ipc';
import { desktopSecretBox } from './desktop/keychainBox';
import { dataDirArg } from './desktop/launchArgs';
import { appMenuTemplate } from './desktop/menu';
import { requireNativeBinding } from './desktop/nativeBinding';
import { bindNotifications } from './desktop/notifications';
import { navigateTo, sendCommand } from './desktop/rendererMessages';
import { bindSaveExport, type SaveExportBinding } from './desktop/saveDialog';
import { createMainWindow, type MainWindow } from './desktop/window';

// The same data directory as `hookbench serve` and the CLI, unless --data-dir names another.
const explicitDataDir = dataDirArg(process.argv, process.cwd());
const dataDir = explicitDataDir ?? defaultDataDir();
// Chromium's profile (caches, local storage, the single-instance lock) lives in the data
// directory too: one instance per data directory, and a test run never meets the user's app.
// Private like the rest of the data directory (which the store makes 0700 when it opens).
try {
  const profile = join(dataDir, 'electron-profile');
  mkdirSync(profile, { recursive: true, mode: 0o700 });
  app.setPath('userData', profile);
} catch (e) {
  // Electron's default profile still works; opening the data directory will say what is wrong with it.
  console.error(`hookbench: cannot use ${dataDir} for the browser profile:`, e);
}
// Windows shows notifications only for an app id matching its Start-menu shortcut (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId('dev.hookbench.app');

/** How a CLI or web host refused this data directory names this app. */
const DESKTOP_LOCK_OWNER = 'the Hookbench desktop app';

let workbench: Workbench | null = null;
let ipc: IpcBinding | null = null;
let saveExport: SaveExportBinding | null = null;
let stopNotifications: (() => void) | null = null;
let current: MainWindow | null = null;
let closing = false;
// Electron drops a notification's click handler once the object is garbage-collected: hold each until it is done.
const shownNotifications = new Set<Notification>();

function openWindow(): void {
  const opened = createMainWindow();
  current = opened;
  ipc?.watch(opened.window);
  opened.window.on('closed', () => {
    if (current === opened) current = null;
  });
}

function focusWindow(): void {
  const window = current?.window;
  if (!window || window.isDestroyed()) {
    if (workbench) openWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Menu items and notification clicks: bring the window up, then show the page. */
function showRoute(route: string): void {
  focusWindow();
  if (current) navigateTo(current.window, route);
}

function showNotification(content: { title: string; body: string }, onClick: () => void): void {
  const n = new Notification({ title: content.title, body: content.body });
  shownNotifications.add(n);
  const forget = () => shownNotifications.delete(n);
  n.on('click', () => {
    forget();
    onClick();
  });
  n.on('close', forget);
  n.on('failed', forget);
  n.show();
}

async function start(): Promise<void> {
  await app.whenReady();
  const nativeBinding = requireNativeBinding(
    {
      packaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
      electronVersion: process.versions.electron,
    },
    existsSync,
  );
  // The store also locks the data directory: `hookbench serve` or the CLI on it is refused, naming this app.
  const wb = await Workbench.open({
    dataDir,
    nativeBinding,
    secretBox: desktopSecretBox(dataDir),
    lockOwner: DESKTOP_LOCK_OWNER,
  });
  workbench = wb;
  ipc = bindIpc(wb, () => current);
  saveExport = bindSaveExport(wb, () => current);
  stopNotifications = bindNotifications(wb, {
    isSupported: () => Notification.isSupported(),
    show: showNotification,
    windowFocused: () => !!current && !current.window.isDestroyed() && current.window.isFocused(),
    open: showRoute,
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        { platform: process.platform, development: !app.isPackaged },
        { navigate: showRoute, command: (command) => current && sendCommand(current.window, command) },
      ),
    ),
  );
  openWindow();
}

// One instance: a second launch focuses the first window and quits before it opens the
// Workbench, so the receiver port is never bound twice. (Another face on the same data
// directory is kept out by the store's data-directory lock; start() then shows its error.)
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (app.isReady()) focusWindow();
  });

  // macOS: clicking the dock icon with no window open opens one.
  app.on('activate', () => {
    if (workbench && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the store and the receiver before exiting: hold the quit, close, then quit again.
  app.on('will-quit', (event) => {
    if (!workbench) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    stopNotifications?.();
    saveExport?.dispose();
    ipc?.dispose();
    stopNotifications = null;
    saveExport = null;
    ipc = null;
    workbench
      .close()
      .catch((e: unknown) => console.error('hookbench: closing the workbench failed', e))
      .finally(() => {
        workbench = null;
        app.quit();
      });
  });

  start().catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    console.error('hookbench: could not start', e);
    dialog.showErrorBox('Hookbench could not start', message);
    app.exit(1);
  });
}
