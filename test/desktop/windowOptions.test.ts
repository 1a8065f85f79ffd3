import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_COMMAND, IPC_NAVIGATE } from '../../src-main/desktop/channels';
import { appMenuTemplate } from '../../src-main/desktop/menu';
import { alertNotification } from '../../src-main/desktop/notifications';
import { navigateTo, sendCommand } from '../../src-main/desktop/rendererMessages';
import { isAppRoute } from '../../src-main/desktop/routes';
import {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  externalUrlAllowed,
  isAppResource,
  mainWindowOptions,
  navigationAllowed,
  navigationDecision,
  permissionAllowed,
  windowOpenDecision,
} from '../../src-main/desktop/windowOptions';

const FILE_APP = 'file:///opt/Hookbench/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

describe('security review: the main window', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences!;

  it('isolates the page from the preload and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
  });

  it('gives the page no Node, in frames or workers either', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on, refuses insecure content and has no <webview>', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('loads the given preload and stays hidden until the first paint', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js');
    expect(mainWindowOptions('/p').show).toBe(false);
    expect(mainWindowOptions('/p').title).toBe('Hookbench');
  });
});

describe('security review: the content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('denies by default and allows scripts only from the app itself', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows eval, and inline script only in dev', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    const dev = directives(devContentSecurityPolicy(DEV_APP));
    expect(devContentSecurityPolicy(DEV_APP)).not.toContain("'unsafe-eval'");
    expect(dev.get('default-src')).toEqual(["'none'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });

  it('forbids framing, forms, <base> and foreign connections', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('goes on our own pages and assets only', () => {
    expect(isAppResource(FILE_APP, FILE_APP)).toBe(true);
    expect(isAppResource('file:///opt/Hookbench/resources/app.asar/out/renderer/assets/index-abc.js', FILE_APP)).toBe(
      true,
    );
    expect(isAppResource('file:///etc/passwd', FILE_APP)).toBe(false);
    expect(isAppResource('file:///opt/Hookbench/resources/app.asar/out/renderer/../main/index.js', FILE_APP)).toBe(
      false,
    );
    expect(isAppResource('http://localhost:5173/src/main.tsx', DEV_APP)).toBe(true);
    expect(isAppResource('https://example.com/', DEV_APP)).toBe(false);
  });
});

describe('security review: navigation', () => {
  it('allows our own page (built file or dev server), with a route in the hash', () => {
    expect(navigationAllowed(FILE_APP, FILE_APP)).toBe(true);
    expect(navigationAllowed(`${FILE_APP}#/deliveries`, FILE_APP)).toBe(true);
    expect(navigationAllowed('http://localhost:5173/webhooks', DEV_APP)).toBe(true);
  });

  it('denies every foreign URL', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5174/',
      'http://localhost:5173@evil.example/',
      'https://localhost:5173/',
      'file:///etc/passwd',
      'file:///opt/Hookbench/resources/app.asar/out/renderer/other.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'not a url',
    ]) {
      expect(navigationAllowed(url, FILE_APP), url).toBe(false);
      expect(navigationAllowed(url, DEV_APP), url).toBe(false);
    }
  });

  it('opens a denied web link in the browser, and anything else nowhere', () => {
    expect(navigationDecision('https://example.com/docs', FILE_APP)).toEqual({
      allow: false,
      openExternal: 'https://example.com/docs',
    });
    expect(navigationDecision('file:///etc/passwd', FILE_APP)).toEqual({ allow: false });
    expect(navigationDecision(`${FILE_APP}#/alerts`, FILE_APP)).toEqual({ allow: true });
  });
});

describe('security review: browser permissions', () => {
  it('lets the page write to the clipboard and nothing else', () => {
    expect(permissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const p of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fileSystem',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(permissionAllowed(p), p).toBe(false);
    }
  });
});

describe('security review: window.open and external links', () => {
  it('always denies a new window', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      FILE_APP,
      'javascript:alert(1)',
      'about:blank',
      '',
    ]) {
      expect(windowOpenDecision(url).action, url).toBe('deny');
    }
  });

  it('sends http and https links to the browser', () => {
    expect(windowOpenDecision('https://docs.stripe.com/webhooks')).toEqual({
      action: 'deny',
      openExternal: 'https://docs.stripe.com/webhooks',
    });
    expect(windowOpenDecision('http://127.0.0.1:8080/in/abc')).toEqual({
      action: 'deny',
      openExternal: 'http://127.0.0.1:8080/in/abc',
    });
  });

  it('never hands javascript:, file:, data: or other schemes to the OS', () => {
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,hi',
      'smb://host/share',
      'ms-msdt:/id',
      'about:blank',
      'http://',
      'not a url',
    ]) {
      expect(externalUrlAllowed(url), url).toBe(false);
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny' });
    }
  });
});

describe('security review: what the menu and notifications can do', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [
      String(i.role ?? ''),
      ...(Array.isArray(i.submenu) ? roles(i.submenu as MenuItemConstructorOptions[]) : []),
    ]);
  const noop = { navigate: () => {}, command: () => {} };

  it('never offers the developer tools (or a cache-bypassing reload) in a packaged app', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const prod = roles(appMenuTemplate({ platform, development: false }, noop));
      expect(prod).not.toContain('toggleDevTools');
      expect(prod).not.toContain('forceReload');
      expect(roles(appMenuTemplate({ platform, development: true }, noop))).toContain('toggleDevTools');
    }
  });

  function fakeWindow(loading = false) {
    const sent: unknown[][] = [];
    const webContents = Object.assign(new EventEmitter(), {
      isLoading: () => loading,
      send: (...a: unknown[]) => sent.push(a),
    });
    return { sent, webContents, window: { isDestroyed: () => false, webContents } as never };
  }

  it('sends the renderer in-app hash routes only: never a URL, a script or a path out of the app', () => {
    const w = fakeWindow();
    for (const bad of [
      'https://evil.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      '#/../../etc',
      '#/nope',
      '#//evil.example',
      '#/webhooks/a/b',
      '#/webhooks/<script>',
      '',
      'x'.repeat(600),
    ]) {
      navigateTo(w.window, bad);
      expect(isAppRoute(bad), bad).toBe(false);
    }
    navigateTo(w.window, '#/webhooks/wh_1');
    navigateTo(w.window, '#/deliveries?delivery=dlv_1');
    sendCommand(w.window, 'rm -rf' as never);
    sendCommand(w.window, 'export');
    expect(w.sent).toEqual([
      [IPC_NAVIGATE, '#/webhooks/wh_1'],
      [IPC_NAVIGATE, '#/deliveries?delivery=dlv_1'],
      [IPC_COMMAND, 'export'],
    ]);
  });

  it('waits for a loading page before sending', () => {
    const w = fakeWindow(true);
    navigateTo(w.window, '#/alerts');
    expect(w.sent).toEqual([]);
    w.webContents.emit('did-finish-load');
    expect(w.sent).toEqual([[IPC_NAVIGATE, '#/alerts']]);
  });

  it('a notification click only ever navigates inside the app, whatever the webhook id holds', () => {
    for (const webhookId of [
      'wh_1',
      '../../etc/passwd',
      'https://evil.example',
      'javascript:alert(1)',
      'a b?c#d',
      null,
    ]) {
      const n = alertNotification(
        { kind: 'failing', message: 'm', webhookId },
        { notifications: true },
        { windowFocused: false },
      )!;
      expect(isAppRoute(n.route), String(webhookId)).toBe(true);
    }
  });
});
