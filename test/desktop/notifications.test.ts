/** Alert notifications: when one is shown, what it says, and where a click goes. Pure + fakes. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src-main/api/types';
import { alertNotification, bindNotifications, shouldNotify } from '../../src-main/desktop/notifications';

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'alr_1',
  workspaceId: 'ws_default',
  webhookId: 'wh_1',
  kind: 'failing',
  consecutiveFailures: 3,
  message: 'Orders webhook failed 3 times in a row (HTTP 500).',
  read: false,
  createdAt: 0,
  ...over,
});
const on = { notifications: true };
const away = { windowFocused: false };

describe('shouldNotify', () => {
  it('notifies failing and disabled webhooks while the window is in the background', () => {
    expect(shouldNotify(alert({ kind: 'failing' }), on, away)).toBe(true);
    expect(shouldNotify(alert({ kind: 'disabled' }), on, away)).toBe(true);
  });

  it('stays quiet when notifications are turned off in settings', () => {
    expect(shouldNotify(alert(), { notifications: false }, away)).toBe(false);
  });

  it('stays quiet while the window has focus (the page shows its own toast)', () => {
    expect(shouldNotify(alert(), on, { windowFocused: true })).toBe(false);
  });

  it('ignores kinds it does not know', () => {
    expect(shouldNotify(alert({ kind: 'recovered' as Alert['kind'] }), on, away)).toBe(false);
  });
});

describe('alertNotification', () => {
  it('titles by kind, uses the alert message as body, and opens the webhook', () => {
    expect(alertNotification(alert(), on, away)).toEqual({
      title: 'Webhook failing',
      body: 'Orders webhook failed 3 times in a row (HTTP 500).',
      route: '#/webhooks/wh_1',
    });
    expect(alertNotification(alert({ kind: 'disabled', message: 'Orders was disabled.' }), on, away)).toMatchObject({
      title: 'Webhook disabled',
      body: 'Orders was disabled.',
    });
  });

  it('opens the Alerts page when the alert names no webhook, and encodes odd ids', () => {
    expect(alertNotification(alert({ webhookId: null }), on, away)!.route).toBe('#/alerts');
    expect(alertNotification(alert({ webhookId: 'wh/../x y' }), on, away)!.route).toBe('#/webhooks/wh%2F..%2Fx%20y');
  });

  it('keeps the body short', () => {
    const body = alertNotification(alert({ message: 'x'.repeat(1000) }), on, away)!.body;
    expect(body.length).toBeLessThanOrEqual(240);
    expect(body.endsWith('…')).toBe(true);
  });

  it('is null when it should not be shown', () => {
    expect(alertNotification(alert(), { notifications: false }, away)).toBeNull();
  });
});

describe('bindNotifications', () => {
  function setup(opts: { supported?: boolean; focused?: boolean } = {}) {
    const bus = new EventEmitter();
    let settings = { notifications: true };
    const shown: { title: string; body: string; click: () => void }[] = [];
    const opened: string[] = [];
    const source = {
      on: (name: 'alert.raised', cb: (a: Alert) => void) => (bus.on(name, cb), () => bus.off(name, cb)),
      'settings.get': () => settings,
    };
    const stop = bindNotifications(source, {
      isSupported: () => opts.supported ?? true,
      show: (c, click) => shown.push({ ...c, click }),
      windowFocused: () => opts.focused ?? false,
      open: (route) => opened.push(route),
    });
    return { bus, shown, opened, stop, setSettings: (s: typeof settings) => (settings = s) };
  }

  it('shows a notification per alert; clicking it opens the webhook', () => {
    const t = setup();
    t.bus.emit('alert.raised', alert());
    expect(t.shown).toHaveLength(1);
    expect(t.shown[0]).toMatchObject({ title: 'Webhook failing' });
    t.shown[0]!.click();
    expect(t.opened).toEqual(['#/webhooks/wh_1']);
  });

  it('reads the setting at each alert, so turning it off takes effect at once', () => {
    const t = setup();
    t.setSettings({ notifications: false });
    t.bus.emit('alert.raised', alert());
    expect(t.shown).toEqual([]);
  });

  it('does nothing where the OS has no notifications, or while the window has focus', () => {
    for (const opts of [{ supported: false }, { focused: true }]) {
      const t = setup(opts);
      t.bus.emit('alert.raised', alert());
      expect(t.shown).toEqual([]);
    }
  });

  it('unsubscribes', () => {
    const t = setup();
    t.stop();
    expect(t.bus.listenerCount('alert.raised')).toBe(0);
  });
});
