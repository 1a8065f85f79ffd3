/**
 * Messages main sends the renderer outside the contract's push stream: navigate to a page, run
 * a menu command. A page still loading gets the message once it has loaded.
 */
import type { BrowserWindow } from 'electron';
import { DESKTOP_COMMANDS, IPC_COMMAND, IPC_NAVIGATE, type DesktopCommand } from './channels';
import { isAppRoute } from './routes';

function sendWhenLoaded(window: BrowserWindow, channel: string, payload: string): void {
  if (window.isDestroyed()) return;
  const contents = window.webContents;
  if (contents.isLoading())
    contents.once('did-finish-load', () => !window.isDestroyed() && contents.send(channel, payload));
  else contents.send(channel, payload);
}

/** Shows an in-app page (`#/webhooks/wh_1`); anything that is not one of our routes is dropped. */
export function navigateTo(window: BrowserWindow, route: string): void {
  if (!isAppRoute(route)) return;
  sendWhenLoaded(window, IPC_NAVIGATE, route);
}

export function sendCommand(window: BrowserWindow, command: DesktopCommand): void {
  if (!DESKTOP_COMMANDS.includes(command)) return;
  sendWhenLoaded(window, IPC_COMMAND, command);
}
