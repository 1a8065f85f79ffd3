/**
 * Desktop notifications for alerts (a webhook failing, or disabled). The decision and the text
 * are pure functions; the Electron Notification is injected, so this runs in Node tests.
 */
import type { PushEventMap } from '../api/contract';
import type { Settings } from '../api/schemas';
import type { Alert } from '../api/types';
import { pageRoute, webhookRoute } from './routes';

export interface AlertNotification {
  title: string;
  body: string;
  /** Where a click takes the user: the webhook, or the alerts page when the alert names none. */
  route: string;
}

export interface NotifyContext {
  /** The window has focus: the page shows the alert itself (an in-app toast), so the OS stays quiet. */
  windowFocused: boolean;
}

export function shouldNotify(
  alert: Pick<Alert, 'kind'>,
  settings: Pick<Settings, 'notifications'>,
  ctx: NotifyContext,
): boolean {
  if (settings.notifications === false) return false;
  if (alert.kind !== 'failing' && alert.kind !== 'disabled') return false;
  return !ctx.windowFocused;
}

const TITLES: Record<Alert['kind'], string> = { failing: 'Webhook failing', disabled: 'Webhook disabled' };

/** What to show for an alert, or null when it should not be shown. */
export function alertNotification(
  alert: Pick<Alert, 'kind' | 'message' | 'webhookId'>,
  settings: Pick<Settings, 'notifications'>,
  ctx: NotifyContext,
): AlertNotification | null {
  if (!shouldNotify(alert, settings, ctx)) return null;
  return {
    title: TITLES[alert.kind],
    // Notification bodies are short on every OS; the full text is on the Alerts page.
    body: alert.message.length > 240 ? `${alert.message.slice(0, 239)}…` : alert.message,
    route: alert.webhookId ? webhookRoute(alert.webhookId) : pageRoute('alerts'),
  };
}

export interface AlertSource {
  on(name: 'alert.raised', listener: (payload: PushEventMap['alert.raised']) => void): () => void;
  'settings.get'(): Pick<Settings, 'notifications'>;
}

export interface NotificationGlue {
  /** Electron's Notification.isSupported(). */
  isSupported(): boolean;
  /** Shows a notification; `onClick` runs when the user clicks it. */
  show(content: { title: string; body: string }, onClick: () => void): void;
  windowFocused(): boolean;
  /** Brings the window up (reopening it if closed) and shows the route. */
  open(route: string): void;
}

/** Subscribes to alerts; returns the unsubscribe. */
export function bindNotifications(source: AlertSource, glue: NotificationGlue): () => void {
  return source.on('alert.raised', (alert) => {
    if (!glue.isSupported()) return;
    let settings: Pick<Settings, 'notifications'>;
    try {
      settings = source['settings.get']();
    } catch {
      return; // closing: no settings, no notification
    }
    const n = alertNotification(alert, settings, { windowFocused: glue.windowFocused() });
    if (n) glue.show({ title: n.title, body: n.body }, () => glue.open(n.route));
  });
}
