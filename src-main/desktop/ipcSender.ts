/**
 * Who may call over IPC: only our own window's top frame showing our own app. Pure (no
 * electron import) so the check is tested with plain objects (test/desktop/ipcSender.test.ts).
 */
import { navigationAllowed } from './windowOptions';

/** The parts of an IpcMainEvent / IpcMainInvokeEvent the check reads. */
export interface SenderEvent {
  sender: unknown;
  senderFrame?: { readonly url: string; readonly parent?: unknown } | null;
}

/** The parts of a BrowserWindow the check reads. */
export interface OwnWindow {
  isDestroyed(): boolean;
  readonly webContents: unknown;
}

export function isOwnSender(event: SenderEvent, window: OwnWindow | null | undefined, appUrl: string): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  try {
    // A frame that navigated away or was disposed has no trustworthy URL (Electron throws).
    const frame = event.senderFrame;
    if (!frame || (frame.parent !== undefined && frame.parent !== null)) return false;
    return navigationAllowed(frame.url, appUrl);
  } catch {
    return false;
  }
}
