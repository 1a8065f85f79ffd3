/**
 * Export on desktop: the renderer invokes `hookbench:save-export` with an export (kind, format,
 * filters) and never a path; main shows the native save dialog and writes the file the person
 * chose through `Workbench.exportToFile` (not a contract operation, so no other face can pick a
 * path; progress arrives as the usual `export.progress` pushes). Answers
 * CallOutcome<ExportResult | null>: null when the user cancels.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { app, dialog, ipcMain } from 'electron';
import { toErrorShape } from '../api/errors';
import { exportSchema, type ExportInput } from '../api/logSchemas';
import type { ExportResult } from '../api/logTypes';
import { parseInput } from '../api/schemas';
import type { CallOutcome } from '../api/transport';
import { IPC_SAVE_EXPORT } from './channels';
import { defaultExportName, exportFilters, withExtension } from './exportDialogOptions';
import type { IpcTarget } from './ipc';
import { isOwnSender } from './ipcSender';

export { defaultExportName, exportFilters, withExtension };

const FORBIDDEN: CallOutcome = {
  ok: false,
  error: { code: 'forbidden', message: 'IPC is answered only for the Hookbench window' },
};

export interface SaveExportBinding {
  dispose(): void;
}

/** What the dialog needs of the Workbench: writing an export to a path main chose. */
export interface FileExporter {
  exportToFile(input: ExportInput, path: string): Promise<ExportResult>;
}

export function bindSaveExport(workbench: FileExporter, getTarget: () => IpcTarget | null): SaveExportBinding {
  let lastFolder: string | null = null;

  ipcMain.handle(IPC_SAVE_EXPORT, async (event, input: unknown): Promise<CallOutcome<ExportResult | null>> => {
    const target = getTarget();
    if (!target || !isOwnSender(event, target.window, target.appUrl)) return FORBIDDEN as CallOutcome<null>;
    try {
      const parsed = parseInput(exportSchema, input); // a bad input fails before any dialog
      const { kind, format } = parsed;
      const folder = lastFolder ?? safeDownloads();
      const choice = await dialog.showSaveDialog(target.window, {
        title: `Export ${kind}`,
        defaultPath: join(folder, defaultExportName(kind, format)),
        filters: exportFilters(format),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return { ok: true, result: null };
      lastFolder = dirname(choice.filePath);
      const path = withExtension(choice.filePath, format);
      const result = await workbench.exportToFile(parsed, path);
      return { ok: true, result };
    } catch (e) {
      return { ok: false, error: toErrorShape(e) };
    }
  });

  return {
    dispose() {
      ipcMain.removeHandler(IPC_SAVE_EXPORT);
    },
  };
}

function safeDownloads(): string {
  try {
    return app.getPath('downloads');
  } catch {
    return homedir();
  }
}
