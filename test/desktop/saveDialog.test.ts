/**
 * Export through the native save dialog, against a stand-in for Electron's ipcMain and dialog:
 * only our window may ask, bad input never opens a dialog, cancelling writes nothing, and the
 * chosen file is written by the contract's export.toFile.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallOutcome } from '../../src-main/api/transport';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const fake = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  dialogs: [] as { window: unknown; options: Record<string, unknown> }[],
  answer: { canceled: false, filePath: '/home/ada/exports/out.ndjson' } as { canceled: boolean; filePath?: string },
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: Handler) => fake.handlers.set(ch, fn),
    removeHandler: (ch: string) => fake.handlers.delete(ch),
  },
  dialog: {
    showSaveDialog: async (window: unknown, options: Record<string, unknown>) => (fake.dialogs.push({ window, options }), fake.answer),
  },
  app: { getPath: () => '/home/ada/Downloads' },
}));

const { IPC_SAVE_EXPORT } = await import('../../src-main/desktop/channels');
const { bindSaveExport, defaultExportName, withExtension } = await import('../../src-main/desktop/saveDialog');

const APP = 'file:///app/out/renderer/index.html';

describe('save-export', () => {
  const webContents = { id: 1 };
  const window = { isDestroyed: () => false, webContents };
  const own = { sender: webContents, senderFrame: { url: APP, parent: null } };
  let exports: unknown[];
  let binding: ReturnType<typeof bindSaveExport>;
  const invoke = (event: unknown, input: unknown) => fake.handlers.get(IPC_SAVE_EXPORT)!(event, input) as Promise<CallOutcome>;

  beforeEach(() => {
    exports = [];
    fake.dialogs.length = 0;
    fake.answer = { canceled: false, filePath: '/home/ada/exports/out.ndjson' };
    const workbench = {
      'export.toFile': async (a: { path: string }) => (exports.push(a), { path: a.path, rows: 3, bytes: 120 }),
    };
    binding = bindSaveExport(workbench as never, () => ({ window: window as never, appUrl: APP }));
  });
  afterEach(() => binding.dispose());

  it('asks where to save (a dated default name, the format filter), then streams the export there', async () => {
    const input = { kind: 'deliveries', format: 'ndjson', filters: { status: ['failed'] } };
    await expect(invoke(own, input)).resolves.toEqual({ ok: true, result: { path: '/home/ada/exports/out.ndjson', rows: 3, bytes: 120 } });
    const [{ window: parent, options }] = fake.dialogs as [{ window: unknown; options: Record<string, any> }];
    expect(parent).toBe(window);
    expect(options.defaultPath).toMatch(/^\/home\/ada\/Downloads\/hookbench-deliveries-\d{4}-\d{2}-\d{2}\.ndjson$/);
    expect(options.filters[0]).toEqual({ name: 'NDJSON (one JSON per line)', extensions: ['ndjson', 'jsonl'] });
    expect(exports).toEqual([{ kind: 'deliveries', format: 'ndjson', filters: { status: ['failed'] }, path: '/home/ada/exports/out.ndjson' }]);
  });

  it('starts the next dialog in the folder chosen last', async () => {
    await invoke(own, { kind: 'requests', format: 'har' });
    await invoke(own, { kind: 'requests', format: 'har' });
    expect((fake.dialogs[1]!.options as { defaultPath: string }).defaultPath).toMatch(/^\/home\/ada\/exports\/hookbench-requests-.*\.har$/);
  });

  it('adds the extension when the chosen name has none', async () => {
    fake.answer = { canceled: false, filePath: '/tmp/report' };
    await invoke(own, { kind: 'deliveries', format: 'csv' });
    expect(exports).toEqual([expect.objectContaining({ path: '/tmp/report.csv' })]);
    expect(withExtension('/tmp/a.txt', 'csv')).toBe('/tmp/a.txt');
  });

  it('answers null and writes nothing when the user cancels', async () => {
    fake.answer = { canceled: true };
    await expect(invoke(own, { kind: 'deliveries', format: 'csv' })).resolves.toEqual({ ok: true, result: null });
    expect(exports).toEqual([]);
  });

  it('rejects bad input with a typed error before any dialog opens', async () => {
    await expect(invoke(own, { kind: 'deliveries', format: 'xlsx' })).resolves.toMatchObject({ ok: false, error: { code: 'validation', field: 'format' } });
    expect(fake.dialogs).toEqual([]);
  });

  it('answers another window or a foreign page with forbidden, and opens no dialog', async () => {
    for (const event of [{ sender: { id: 2 }, senderFrame: { url: APP, parent: null } }, { sender: webContents, senderFrame: { url: 'https://evil.example/', parent: null } }]) {
      await expect(invoke(event, { kind: 'deliveries', format: 'csv' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(fake.dialogs).toEqual([]);
  });

  it('names files hookbench-<kind>-<local date>.<ext>', () => {
    expect(defaultExportName('deliveries', 'ndjson', new Date(2025, 0, 9, 23, 30))).toBe('hookbench-deliveries-2025-01-09.ndjson');
    expect(defaultExportName('requests', 'har', new Date(2025, 11, 31))).toBe('hookbench-requests-2025-12-31.har');
  });

  it('unbinds on dispose', () => {
    binding.dispose();
    expect(fake.handlers.has(IPC_SAVE_EXPORT)).toBe(false);
    binding = bindSaveExport({} as never, () => null);
  });
});
