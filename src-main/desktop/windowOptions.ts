/**
 * The window's security settings as plain data and pure guards, so the security review runs
 * in Node without Electron (test/desktop/windowOptions.test.ts). Types only from electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Hookbench',
    backgroundColor: '#1a1b1e',
    // Shown on 'ready-to-show' so the first paint is not a blank frame.
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      preload,
    },
  };
}

/** The renderer talks to main only over IPC, so nothing beyond its own files is allowed. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Dev only (electron-vite's dev server): Vite's React refresh preamble is an inline script
 * and HMR uses a WebSocket to the dev server. Still no 'unsafe-eval', no foreign origins.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const url = new URL(devServerUrl);
  const ws = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws}`,
  );
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is our own app: same origin as the dev server, or the very renderer file we
 * loaded (file: URLs have no origin, so the path must match).
 */
export function navigationAllowed(url: string, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:')
    return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return target.origin === app.origin;
}

/** True for our app's page and its assets (where the CSP header goes): same origin, or under the renderer's folder. */
export function isAppResource(url: string, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (!target || !app) return false;
  if (app.protocol !== 'file:') return navigationAllowed(url, appUrl);
  const folder = app.pathname.slice(0, app.pathname.lastIndexOf('/') + 1);
  return target.protocol === 'file:' && target.host === app.host && target.pathname.startsWith(folder);
}

/**
 * Browser permissions the page may have: only writing to the clipboard (copy buttons). Camera,
 * notifications, geolocation, … are refused; main raises notifications itself.
 */
export function permissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/** Only web links leave the app; javascript:, file:, data:, custom schemes never do. */
export function externalUrlAllowed(url: string): boolean {
  const target = parse(url);
  return !!target && (target.protocol === 'http:' || target.protocol === 'https:') && target.hostname !== '';
}

export interface WindowOpenDecision {
  action: 'deny';
  /** Set when the link should open in the user's browser instead. */
  openExternal?: string;
}

/** New windows are never created; http/https links go to the browser. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return externalUrlAllowed(url) ? { action: 'deny', openExternal: url } : { action: 'deny' };
}

/** What to do on 'will-navigate': stay only for our own pages; web links go to the browser. */
export function navigationDecision(url: string, appUrl: string): { allow: boolean; openExternal?: string } {
  if (navigationAllowed(url, appUrl)) return { allow: true };
  return externalUrlAllowed(url) ? { allow: false, openExternal: url } : { allow: false };
}
