/**
 * bindIpc against a stand-in for Electron's ipcMain and a window (the binary cannot run here):
 * calls answered only for our window and never thrown across IPC; pushes held until ready.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { IPC_CALL, IPC_EVENTS, IPC_READY, type CallOutcome } from '../../src-main/api/transport';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const fake = vi.hoisted(() => ({ handlers: new Map<string, Handler>(), listeners: new Map<string, Handler>() }));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: Handler) => fake.handlers.set(ch, fn),
    removeHandler: (ch: string) => fake.handlers.delete(ch),
    on: (ch: string, fn: Handler) => fake.listeners.set(ch, fn),
    off: (ch: string) => fake.listeners.delete(ch),
  },
}));

const { bindIpc } = await import('../../src-main/desktop/ipc');

const APP = 'file:///app/out/renderer/index.html';

function fakeWindow() {
  const contents = Object.assign(new EventEmitter(), { destroyed: false, sent: [] as unknown[][] });
  const webContents = Object.assign(contents, {
    isDestroyed: () => contents.destroyed,
    send: (...args: unknown[]) => contents.sent.push(args),
  });
  const window = Object.assign(new EventEmitter(), { destroyed: false, webContents });
  return Object.assign(window, { isDestroyed: () => window.destroyed });
}

function fakeWorkbench() {
  const bus = new EventEmitter();
  const calls: unknown[] = [];
  const handlers = {
    'workspaces.list': (args: unknown) => (calls.push(args), [{ id: 'ws_default', name: 'Default' }]),
    'workspaces.delete': () => {
      throw new HookbenchError('conflict', 'the default workspace cannot be deleted', 'id');
    },
    'settings.get': () => {
      throw new Error('disk I/O error');
    },
    on: (name: string, cb: (p: unknown) => void) => (bus.on(name, cb), () => bus.off(name, cb)),
  };
  return { handlers, bus, calls };
}

describe('bindIpc', () => {
  let win: ReturnType<typeof fakeWindow>;
  let wb: ReturnType<typeof fakeWorkbench>;
  let binding: ReturnType<typeof bindIpc>;
  const own = () => ({ sender: win.webContents, senderFrame: { url: APP, parent: null } });
  const call = (event: unknown, op: string, input?: unknown) =>
    fake.handlers.get(IPC_CALL)!(event, op, input) as Promise<CallOutcome>;

  beforeEach(() => {
    vi.useFakeTimers();
    win = fakeWindow();
    wb = fakeWorkbench();
    binding = bindIpc(wb.handlers as never, () => ({ window: win as never, appUrl: APP }));
    binding.watch(win as never);
  });
  afterEach(() => {
    binding.dispose();
    vi.useRealTimers();
  });

  it('answers our window with the validated result', async () => {
    await expect(call(own(), 'workspaces.list', {})).resolves.toEqual({
      ok: true,
      result: [{ id: 'ws_default', name: 'Default' }],
    });
    expect(wb.calls).toEqual([{}]);
  });

  it('answers another webContents or a foreign page with forbidden, and runs nothing', async () => {
    const other = { sender: { id: 99 }, senderFrame: { url: APP, parent: null } };
    const foreign = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    for (const event of [other, foreign]) {
      await expect(call(event, 'workspaces.list', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(wb.calls).toEqual([]);
  });

  it('never throws across IPC: unknown ops, bad input and handler errors come back as typed errors', async () => {
    await expect(call(own(), 'nope.nothing', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'op' },
    });
    await expect(call(own(), 'workspaces.delete', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'id' },
    });
    await expect(call(own(), 'workspaces.delete', { id: 'ws_default' })).resolves.toEqual({
      ok: false,
      error: { code: 'conflict', message: 'the default workspace cannot be deleted', field: 'id' },
    });
    await expect(call(own(), 'settings.get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk I/O error' },
    });
  });

  it('holds pushes until our renderer says it is ready, then sends them batched to our window only', () => {
    wb.bus.emit('alert.raised', { id: 'a1' });
    vi.advanceTimersByTime(500);
    expect(win.webContents.sent).toEqual([]);

    fake.listeners.get(IPC_READY)!({ sender: { id: 99 }, senderFrame: { url: APP, parent: null } });
    expect(win.webContents.sent).toEqual([]);

    fake.listeners.get(IPC_READY)!(own());
    expect(win.webContents.sent).toEqual([
      [IPC_EVENTS, { events: [{ name: 'alert.raised', payload: { id: 'a1' } }], dropped: 0 }],
    ]);

    wb.bus.emit('delivery.updated', { id: 'd1', status: 'pending' });
    wb.bus.emit('delivery.updated', { id: 'd1', status: 'succeeded' });
    vi.advanceTimersByTime(150);
    expect(win.webContents.sent.at(-1)).toEqual([
      IPC_EVENTS,
      { events: [{ name: 'delivery.updated', payload: { id: 'd1', status: 'succeeded' } }], dropped: 0 },
    ]);
  });

  it('holds pushes again after the page reloads, until it is ready again', () => {
    fake.listeners.get(IPC_READY)!(own());
    win.webContents.emit('did-navigate');
    wb.bus.emit('alert.raised', { id: 'a2' });
    vi.advanceTimersByTime(500);
    expect(win.webContents.sent).toEqual([]);
    fake.listeners.get(IPC_READY)!(own());
    expect(win.webContents.sent).toHaveLength(1);
  });

  it('sends nothing (and does not throw) once the window is destroyed', () => {
    fake.listeners.get(IPC_READY)!(own());
    win.destroyed = true;
    wb.bus.emit('alert.raised', { id: 'a3' });
    expect(() => vi.advanceTimersByTime(500)).not.toThrow();
    expect(win.webContents.sent).toEqual([]);
  });

  it('unbinds on dispose and stops listening to the engine', () => {
    binding.dispose();
    expect(fake.handlers.has(IPC_CALL)).toBe(false);
    expect(fake.listeners.has(IPC_READY)).toBe(false);
    expect(wb.bus.listenerCount('alert.raised')).toBe(0);
    binding = bindIpc(wb.handlers as never, () => null);
  });
});
