/**
 * The main window: secure options (windowOptions.ts), a CSP header on our own pages, and
 * navigation / new windows denied (web links open in the browser).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, shell, type Session } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  mainWindowOptions,
  isAppResource,
  navigationDecision,
  permissionAllowed,
  windowOpenDecision,
} from './windowOptions';

// out/main/index.js → out/preload, out/renderer (electron-vite's layout).
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The sandboxed preload must be CommonJS (index.js or index.cjs); an ESM build cannot load. */
function preloadPath(): string {
  const candidates = ['index.cjs', 'index.js'].map((f) => join(outDir, 'preload', f));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`preload script not found (looked for ${candidates.join(', ')}); build it as CommonJS`);
  return found;
}

export function openExternalSafely(url: string): void {
  shell.openExternal(url).catch((e: unknown) => console.error(`could not open ${url}:`, e));
}

function applyContentSecurityPolicy(session: Session, appUrl: string, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResource(details.url, appUrl)) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
}

export interface MainWindow {
  window: BrowserWindow;
  /** The URL our renderer is served from (dev server or the built file). */
  appUrl: string;
}

export function createMainWindow(): MainWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath()));
  const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
  const rendererFile = join(outDir, 'renderer', 'index.html');
  const appUrl = devUrl ?? pathToFileURL(rendererFile).href;

  applyContentSecurityPolicy(
    window.webContents.session,
    appUrl,
    devUrl ? devContentSecurityPolicy(devUrl) : CONTENT_SECURITY_POLICY,
  );

  const guard = (event: { preventDefault(): void; url: string }) => {
    const decision = navigationDecision(event.url, appUrl);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternal) openExternalSafely(decision.openExternal);
  };
  window.webContents.on('will-navigate', guard);
  window.webContents.on('will-redirect', guard);
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal) openExternalSafely(decision.openExternal);
    return { action: decision.action };
  });

  window.once('ready-to-show', () => window.show());

  const loaded = devUrl ? window.loadURL(devUrl) : window.loadFile(rendererFile);
  loaded.catch((e: unknown) => console.error('could not load the renderer:', e));
  return { window, appUrl };
}
