/**
 * The Electron entry (src-main/index.ts) against stand-ins for Electron and the Workbench: a
 * second instance quits before it opens anything (so the receiver port is never bound twice),
 * and the first one focuses its window when a second launch is attempted.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  calls: [] as string[],
  lock: true,
  app: null as unknown as EventEmitter & Record<string, unknown>,
  opened: [] as Record<string, unknown>[],
  window: null as unknown as { restored: number; focused: number; minimized: boolean },
}));

vi.mock('node:fs', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:fs')>()),
  mkdirSync: (p: string) => fake.calls.push(`mkdir ${p}`),
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => (fake.calls.push('lock'), fake.lock),
    quit: () => fake.calls.push('quit'),
    exit: (code: number) => fake.calls.push(`exit ${code}`),
    whenReady: () => (fake.calls.push('whenReady'), Promise.resolve()),
    isReady: () => true,
    setPath: (name: string, path: string) => fake.calls.push(`setPath ${name} ${path}`),
    getAppPath: () => '/src/hookbench',
  });
  fake.app = app as never;
  return {
    app,
    BrowserWindow: { getAllWindows: () => [] },
    dialog: { showErrorBox: (title: string, message: string) => fake.calls.push(`error ${title}: ${message}`) },
    Menu: { buildFromTemplate: (t: unknown[]) => t, setApplicationMenu: () => fake.calls.push('menu') },
    Notification: Object.assign(function Notification() {}, { isSupported: () => true }),
  };
});

vi.mock('../../src-main/engine/workbench', () => ({
  Workbench: {
    open: async (opts: Record<string, unknown>) => {
      fake.calls.push('Workbench.open');
      fake.opened.push(opts);
      return { on: () => () => {}, 'settings.get': () => ({ notifications: true }), close: async () => {} };
    },
  },
}));
vi.mock('../../src-main/desktop/nativeBinding', () => ({
  requireNativeBinding: () => '/src/hookbench/native/electron-45.4.1/better_sqlite3.node',
}));
vi.mock('../../src-main/desktop/keychainBox', () => ({ desktopSecretBox: () => ({ kind: 'keychain' }) }));
vi.mock('../../src-main/desktop/ipc', () => ({ bindIpc: () => ({ watch: () => {}, dispose: () => {} }) }));
vi.mock('../../src-main/desktop/saveDialog', () => ({ bindSaveExport: () => ({ dispose: () => {} }) }));
vi.mock('../../src-main/desktop/window', async () => {
  const { EventEmitter } = await import('node:events');
  return {
    createMainWindow: () => {
      fake.calls.push('createMainWindow');
      const w = Object.assign(new EventEmitter(), {
        restored: 0,
        focused: 0,
        minimized: true,
        isDestroyed: () => false,
        isMinimized: () => w.minimized,
        isFocused: () => false,
        restore: () => {
          w.restored++;
          w.minimized = false;
        },
        show: () => {},
        focus: () => {
          w.focused++;
        },
        webContents: { isLoading: () => false, send: () => {} },
      });
      fake.window = w;
      return { window: w, appUrl: 'file:///x/index.html' };
    },
  };
});

const argv = process.argv;
const settle = () => new Promise((r) => setTimeout(r, 20));

async function launch(args: string[] = []): Promise<void> {
  process.argv = ['/usr/bin/electron', '.', ...args];
  vi.resetModules();
  await import('../../src-main/index');
  await settle();
}

describe('one instance', () => {
  beforeEach(() => {
    fake.calls.length = 0;
    fake.opened.length = 0;
  });
  afterEach(() => {
    process.argv = argv;
  });

  it('a second instance quits before opening the Workbench (the receiver port stays with the first)', async () => {
    fake.lock = false;
    await launch(['--data-dir=/tmp/hb-data']);
    expect(fake.calls).toEqual([
      'mkdir /tmp/hb-data/electron-profile',
      'setPath userData /tmp/hb-data/electron-profile',
      'lock',
      'quit',
    ]);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance opens the Workbench once, with the Electron build of better-sqlite3 and the keychain box', async () => {
    fake.lock = true;
    await launch(['--data-dir=/tmp/hb-data']);
    expect(fake.calls).toEqual([
      'mkdir /tmp/hb-data/electron-profile',
      'setPath userData /tmp/hb-data/electron-profile',
      'lock',
      'whenReady',
      'Workbench.open',
      'menu',
      'createMainWindow',
    ]);
    expect(fake.opened).toEqual([
      {
        dataDir: '/tmp/hb-data',
        nativeBinding: '/src/hookbench/native/electron-45.4.1/better_sqlite3.node',
        secretBox: { kind: 'keychain' },
        lockOwner: 'the Hookbench desktop app',
      },
    ]);
  });

  it('focuses (and restores) its window when another launch is attempted, without opening anything again', async () => {
    fake.lock = true;
    await launch(['--data-dir=/tmp/hb-data']);
    fake.app.emit('second-instance', {}, ['/usr/bin/electron', '.'], '/');
    expect(fake.window).toMatchObject({ restored: 1, focused: 1 });
    expect(fake.calls.filter((c) => c === 'Workbench.open' || c === 'createMainWindow')).toEqual([
      'Workbench.open',
      'createMainWindow',
    ]);
  });
});
