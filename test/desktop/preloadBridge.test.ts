/**
 * The preload's window.hookbench, run in Node against a stand-in for the 'electron' module
 * (the binary cannot run here): what the page can do through the bridge, and nothing more.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_EVENTS, IPC_READY, type HookbenchBridge } from '../../src-main/api/transport';
import { IPC_COMMAND, IPC_NAVIGATE, IPC_SAVE_EXPORT } from '../../src-main/desktop/channels';
import type { HookbenchClient } from '../../src-renderer/api/clientTypes';

type Listener = (event: unknown, ...args: unknown[]) => void;

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, Listener[]>(),
  sent: [] as unknown[][],
  invoke: null as unknown as (channel: string, ...args: unknown[]) => Promise<unknown>,
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => fake.invoke(channel, ...args),
    send: (...args: unknown[]) => fake.sent.push(args),
    on: (channel: string, listener: Listener) =>
      fake.listeners.set(channel, [...(fake.listeners.get(channel) ?? []), listener]),
  },
}));

async function loadBridge(): Promise<HookbenchBridge> {
  vi.resetModules();
  fake.exposed.clear();
  fake.listeners.clear();
  fake.sent.length = 0;
  await import('../../src-preload/index');
  return fake.exposed.get('hookbench') as HookbenchBridge;
}

const push = (events: { name: string; payload: unknown }[], dropped = 0) =>
  fake.listeners.get(IPC_EVENTS)!.forEach((l) => l({ sender: 'electron-event' }, { events, dropped }));

describe('preload bridge', () => {
  let bridge: HookbenchBridge;
  beforeEach(async () => {
    fake.invoke = async () => ({ ok: true, result: null });
    bridge = await loadBridge();
  });

  it('exposes window.hookbench with call, on, kind "desktop" and the desktop hooks — and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['hookbench']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'desktop', 'kind', 'on']);
    expect(bridge.kind).toBe('desktop');
  });

  it('forwards an allowed call over IPC_CALL and resolves its result', async () => {
    const calls: unknown[][] = [];
    fake.invoke = async (...args) => {
      calls.push(args);
      return { ok: true, result: [{ id: 'ws_default' }] };
    };
    await expect(bridge.call('workspaces.list', {})).resolves.toEqual([{ id: 'ws_default' }]);
    expect(calls).toEqual([[IPC_CALL, 'workspaces.list', {}]]);
  });

  it('refuses an operation the contract does not name, without touching IPC', async () => {
    let invoked = false;
    fake.invoke = async () => ((invoked = true), { ok: true, result: null });
    await expect(bridge.call('shell.openExternal' as never, {} as never)).rejects.toMatchObject({
      code: 'not_found',
      field: 'op',
    });
    expect(invoked).toBe(false);
  });

  it('rejects with the typed error (code, message, field, issues) as a plain object that survives the context bridge', async () => {
    const error = {
      code: 'validation',
      message: 'url must be http or https',
      field: 'url',
      issues: [{ field: 'url', message: 'bad' }],
    };
    fake.invoke = async () => ({ ok: false, error });
    await expect(bridge.call('webhooks.create', {} as never)).rejects.toEqual({ name: 'HookbenchError', ...error });
  });

  it('turns an IPC failure into an internal error', async () => {
    fake.invoke = async () => {
      throw new Error('An object could not be cloned.');
    };
    await expect(bridge.call('workspaces.list', {})).rejects.toMatchObject({
      code: 'internal',
      message: 'An object could not be cloned.',
    });
  });

  it('registers one IPC listener and fans push events out by name, without the Electron event', () => {
    const deliveries: unknown[] = [];
    const alerts: unknown[] = [];
    bridge.on('delivery.updated', (p) => deliveries.push(p));
    bridge.on('delivery.updated', (p) => deliveries.push(p));
    bridge.on('alert.raised', (p) => alerts.push(p));
    expect(fake.listeners.get(IPC_EVENTS)).toHaveLength(1);
    push([
      { name: 'delivery.updated', payload: { id: 'd1' } },
      { name: 'alert.raised', payload: { id: 'a1' } },
    ]);
    expect(deliveries).toEqual([{ id: 'd1' }, { id: 'd1' }]);
    expect(alerts).toEqual([{ id: 'a1' }]);
  });

  it('stops calling a listener after its unsubscribe, and a throwing listener does not stop the others', () => {
    const seen: unknown[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    bridge.on('webhook.changed', () => {
      throw new Error('boom');
    });
    const off = bridge.on('webhook.changed', (p) => seen.push(p));
    push([{ name: 'webhook.changed', payload: 1 }]);
    off();
    push([{ name: 'webhook.changed', payload: 2 }]);
    expect(seen).toEqual([1]);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('refuses to subscribe to an event the contract does not name', () => {
    expect(() => bridge.on('hookbench:call' as never, () => {})).toThrow(/unknown push event/);
    expect(() => bridge.on('delivery.updated', 'not a function' as never)).toThrow(TypeError);
  });

  it('says ready once, on the first subscription', () => {
    expect(fake.sent).toEqual([]);
    bridge.on('delivery.updated', () => {});
    bridge.on('alert.raised', () => {});
    expect(fake.sent).toEqual([[IPC_READY]]);
  });

  it('passes only in-app routes from the menu, holding the newest until the page listens', () => {
    const send = (channel: string, value: unknown) =>
      fake.listeners.get(channel)!.forEach((l) => l({ sender: 'x' }, value));
    send(IPC_NAVIGATE, 'https://evil.example/');
    send(IPC_NAVIGATE, '#/alerts');
    send(IPC_NAVIGATE, '#/webhooks/wh_1');
    const routes: string[] = [];
    bridge.desktop!.onNavigate((h) => routes.push(h));
    send(IPC_NAVIGATE, 'javascript:alert(1)');
    send(IPC_NAVIGATE, '#/deliveries');
    expect(routes).toEqual(['#/webhooks/wh_1', '#/deliveries']);
    const commands: string[] = [];
    bridge.desktop!.onCommand((c) => commands.push(c));
    send(IPC_COMMAND, 'rm -rf');
    send(IPC_COMMAND, 'export');
    expect(commands).toEqual(['export']);
  });

  it('saveExport asks main for the native dialog and rejects with the typed error shape', async () => {
    const calls: unknown[][] = [];
    fake.invoke = async (...args) => {
      calls.push(args);
      return { ok: true, result: { path: '/tmp/x.har', rows: 3, bytes: 10 } };
    };
    await expect(bridge.desktop!.saveExport({ kind: 'deliveries', format: 'har' })).resolves.toEqual({
      path: '/tmp/x.har',
      rows: 3,
      bytes: 10,
    });
    expect(calls).toEqual([[IPC_SAVE_EXPORT, { kind: 'deliveries', format: 'har' }]]);
    fake.invoke = async () => ({ ok: false, error: { code: 'validation', message: 'format: bad', field: 'format' } });
    await expect(bridge.desktop!.saveExport({ kind: 'deliveries', format: 'har' })).rejects.toMatchObject({
      name: 'HookbenchError',
      code: 'validation',
      field: 'format',
    });
  });

  it("reaches the renderer's client whole: menu commands and navigation arrive through client.desktop", async () => {
    const send = (channel: string, value: unknown) =>
      fake.listeners.get(channel)!.forEach((l) => l({ sender: 'x' }, value));
    const g = globalThis as unknown as { window?: unknown };
    g.window = { hookbench: bridge, location: { search: '', protocol: 'file:', host: '' } };
    try {
      // By a path in a variable: the module is browser code (DOM types), outside this project's type-check.
      const clientModule = '../../src-renderer/api/client';
      const { client } = (await import(clientModule)) as { client: HookbenchClient };
      expect(client.kind).toBe('desktop');
      expect(client.desktop).toBe(bridge.desktop);
      const commands: string[] = [];
      client.desktop!.onCommand((c) => commands.push(c));
      send(IPC_COMMAND, 'shortcuts');
      expect(commands).toEqual(['shortcuts']);
    } finally {
      delete g.window;
    }
  });
});
