/**
 * The contract over Electron IPC: one handler for every operation (answered only for our own
 * window) and engine push events batched to that window once its renderer is ready.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { OperationHandlers } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { toErrorShape } from '../api/errors';
import { startPushBatcher, type PushBatch, type PushSource } from '../api/pushBatcher';
import { IPC_CALL, IPC_EVENTS, IPC_READY, PUSH_MAX_PER_FLUSH, type CallOutcome } from '../api/transport';
import { isOwnSender } from './ipcSender';
import { createPushGate } from './pushGate';

export interface IpcTarget {
  window: BrowserWindow;
  appUrl: string;
}

const FORBIDDEN: CallOutcome = {
  ok: false,
  error: { code: 'forbidden', message: 'IPC is answered only for the Hookbench window' },
};

export interface IpcBinding {
  /** Call for each new window: pushes are held until its page says it is ready, and again after a reload. */
  watch(window: BrowserWindow): void;
  dispose(): void;
}

/** Binds IPC for the window `getTarget` returns (it may be replaced, e.g. on macOS re-activation). */
export function bindIpc(workbench: OperationHandlers & PushSource, getTarget: () => IpcTarget | null): IpcBinding {
  const fromOwnWindow = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const target = getTarget();
    return !!target && isOwnSender(event, target.window, target.appUrl);
  };

  ipcMain.handle(IPC_CALL, async (event, op: unknown, input: unknown): Promise<CallOutcome> => {
    if (!fromOwnWindow(event)) return FORBIDDEN;
    try {
      return { ok: true, result: await dispatch(workbench, String(op), input) };
    } catch (e) {
      return { ok: false, error: toErrorShape(e) };
    }
  });

  const sendToWindow = (batch: PushBatch): void => {
    const window = getTarget()?.window;
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(IPC_EVENTS, batch);
  };
  const gate = createPushGate(sendToWindow, PUSH_MAX_PER_FLUSH);
  const batcher = startPushBatcher(workbench, (batch) => gate.offer(batch));

  const onReady = (event: IpcMainEvent): void => {
    if (fromOwnWindow(event)) gate.open();
  };
  ipcMain.on(IPC_READY, onReady);

  return {
    watch(window) {
      gate.close();
      const hold = () => gate.close();
      window.webContents.on('did-navigate', hold);
      window.webContents.on('render-process-gone', hold);
      window.on('closed', hold);
    },
    dispose() {
      ipcMain.removeHandler(IPC_CALL);
      ipcMain.off(IPC_READY, onReady);
      batcher.stop();
    },
  };
}
