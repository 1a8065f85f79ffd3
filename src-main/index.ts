/**
 * Electron entry: app lifecycle only. Opens the Workbench on the user's data directory, creates
 * the window and binds IPC; Electron glue lives in src-main/desktop/.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { Workbench } from './engine/workbench';
import { bindIpc, type IpcBinding } from './desktop/ipc';
import { createMainWindow, type MainWindow } from './desktop/window';

let workbench: Workbench | null = null;
let ipc: IpcBinding | null = null;
let current: MainWindow | null = null;
let closing = false;

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

async function start(): Promise<void> {
  await app.whenReady();
  workbench = await Workbench.open({ dataDir: app.getPath('userData') });
  ipc = bindIpc(workbench, () => current);
  openWindow();
}

// One instance: a second launch focuses the first window (and never binds the receiver twice).
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
    ipc?.dispose();
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
