/**
 * Export through the native save dialog, against a stand-in for Electron's ipcMain and dialog:
 * only our window may ask, bad input never opens a dialog, cancelling writes nothing, and the
 * file the person chose is written by a real Workbench (Workbench.exportToFile, 0600, never
 * through a link) — the renderer never names the path.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import type { CallOutcome } from '../../src-main/api/transport';
import { Workbench } from '../../src-main/engine/workbench';
import { tempDir } from '../support/tmp';

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
    showSaveDialog: async (window: unknown, options: Record<string, unknown>) => (
      fake.dialogs.push({ window, options }),
      fake.answer
    ),
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
  let tmp: ReturnType<typeof tempDir>;
  let wb: Workbench;
  let binding: ReturnType<typeof bindSaveExport>;
  const invoke = (event: unknown, input: unknown) =>
    fake.handlers.get(IPC_SAVE_EXPORT)!(event, input) as Promise<CallOutcome>;
  const chosen = (name: string) => join(tmp.dir, 'exports', name);

  beforeAll(async () => {
    tmp = tempDir('hookbench-savedialog-');
    wb = await Workbench.open({ dataDir: tmp.dir, receiver: false });
    // One failed delivery to export (nothing listens on port 9).
    const hook = await dispatch(wb, 'webhooks.create', {
      name: 'down',
      url: 'http://127.0.0.1:9/hook',
      subscriptions: ['user.*'],
      retryPolicy: { delays: [] },
    });
    await dispatch(wb, 'events.trigger', { type: 'user.created', webhookIds: [hook.id] });
    const deadline = Date.now() + 10_000;
    while ((await dispatch(wb, 'deliveries.list', { status: ['failed'] })).items.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
  });
  afterAll(async () => {
    await wb?.close();
    tmp?.cleanup();
  });

  beforeEach(() => {
    fake.dialogs.length = 0;
    mkdirSync(join(tmp.dir, 'exports'), { recursive: true });
    fake.answer = { canceled: false, filePath: chosen('out.ndjson') };
    binding = bindSaveExport(wb, () => ({ window: window as never, appUrl: APP }));
  });
  afterEach(() => binding.dispose());

  it('asks where to save (a dated default name, the format filter), then writes the export there, 0600', async () => {
    const progress: { rows: number; done: boolean }[] = [];
    const off = wb.on('export.progress', (p) => progress.push(p));
    const input = { kind: 'deliveries', format: 'ndjson', filters: { status: ['failed'] } };
    const outcome = (await invoke(own, input)) as { ok: true; result: { path: string; rows: number; bytes: number } };
    off();
    expect(outcome).toMatchObject({ ok: true, result: { path: chosen('out.ndjson'), rows: 1 } });
    const [{ window: parent, options }] = fake.dialogs as [{ window: unknown; options: Record<string, any> }];
    expect(parent).toBe(window);
    expect(options.defaultPath).toMatch(/^\/home\/ada\/Downloads\/hookbench-deliveries-\d{8}-\d{6}\.ndjson$/);
    expect(options.filters[0]).toEqual({ name: 'NDJSON (one JSON per line)', extensions: ['ndjson', 'jsonl'] });
    const lines = readFileSync(chosen('out.ndjson'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { deliveryStatus: string }).deliveryStatus)).toEqual(['failed']);
    expect(outcome.result.bytes).toBe(statSync(chosen('out.ndjson')).size);
    if (process.platform !== 'win32') expect(statSync(chosen('out.ndjson')).mode & 0o777).toBe(0o600);
    expect(progress.at(-1)).toMatchObject({ rows: 1, done: true });
  });

  it('ignores a path sent by the renderer: only the dialog chooses', async () => {
    const elsewhere = join(tmp.dir, 'renderer-chose-this.csv');
    fake.answer = { canceled: false, filePath: chosen('picked.csv') };
    await expect(invoke(own, { kind: 'deliveries', format: 'csv', path: elsewhere })).resolves.toMatchObject({
      ok: true,
      result: { path: chosen('picked.csv') },
    });
    expect(existsSync(elsewhere)).toBe(false);
  });

  it.runIf(process.platform !== 'win32')(
    'refuses a chosen name that is a symbolic link, leaving its target untouched',
    async () => {
      const victim = join(tmp.dir, 'victim.txt');
      writeFileSync(victim, 'keep me');
      const link = chosen('link.csv');
      symlinkSync(victim, link);
      fake.answer = { canceled: false, filePath: link };
      await expect(invoke(own, { kind: 'deliveries', format: 'csv' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'path' },
      });
      expect(readFileSync(victim, 'utf8')).toBe('keep me');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
    },
  );

  it('starts the next dialog in the folder chosen last', async () => {
    await invoke(own, { kind: 'requests', format: 'har' });
    await invoke(own, { kind: 'requests', format: 'har' });
    const { defaultPath } = fake.dialogs[1]!.options as { defaultPath: string };
    expect(dirname(defaultPath)).toBe(join(tmp.dir, 'exports'));
    expect(defaultPath).toMatch(/hookbench-requests-.*\.har$/);
  });

  it('adds the extension when the chosen name has none', async () => {
    fake.answer = { canceled: false, filePath: chosen('report') };
    await expect(invoke(own, { kind: 'deliveries', format: 'csv' })).resolves.toMatchObject({
      ok: true,
      result: { path: chosen('report.csv') },
    });
    expect(existsSync(chosen('report.csv'))).toBe(true);
    expect(withExtension('/tmp/a.txt', 'csv')).toBe('/tmp/a.txt');
  });

  it('answers null and writes nothing when the user cancels', async () => {
    fake.answer = { canceled: true };
    const before = readdirSync(join(tmp.dir, 'exports'));
    await expect(invoke(own, { kind: 'deliveries', format: 'csv' })).resolves.toEqual({ ok: true, result: null });
    expect(readdirSync(join(tmp.dir, 'exports'))).toEqual(before);
  });

  it('rejects bad input with a typed error before any dialog opens', async () => {
    await expect(invoke(own, { kind: 'deliveries', format: 'xlsx' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'format' },
    });
    expect(fake.dialogs).toEqual([]);
  });

  it('answers another window or a foreign page with forbidden, and opens no dialog', async () => {
    for (const event of [
      { sender: { id: 2 }, senderFrame: { url: APP, parent: null } },
      { sender: webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
    ]) {
      await expect(invoke(event, { kind: 'deliveries', format: 'csv' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(fake.dialogs).toEqual([]);
  });

  it('names files hookbench-<kind>-<local date>-<local time>.<ext>', () => {
    expect(defaultExportName('deliveries', 'ndjson', new Date(2025, 0, 9, 23, 30))).toBe(
      'hookbench-deliveries-20250109-233000.ndjson',
    );
    expect(defaultExportName('requests', 'har', new Date(2025, 11, 31))).toBe('hookbench-requests-20251231-000000.har');
  });

  it('unbinds on dispose', () => {
    binding.dispose();
    expect(fake.handlers.has(IPC_SAVE_EXPORT)).toBe(false);
    binding = bindSaveExport({} as never, () => null);
  });
});
