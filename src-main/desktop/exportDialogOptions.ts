/**
 * What the desktop's save dialog proposes for an export: the file name, the format's filter and
 * the extension a GTK dialog leaves off, all from the format table (api/exportFormats.ts). Pure
 * (types only from electron), so Node tests read it as the dialog does.
 */
import { extname } from 'node:path';
import type { FileFilter } from 'electron';
import { exportFileName, exportFormat, type ExportFormat, type ExportKind } from '../api/exportFormats';

/** The dialog's proposed name: the same as the web download's and the CLI's. */
export function defaultExportName(kind: ExportKind, format: ExportFormat, now = new Date()): string {
  return exportFileName(kind, format, now);
}

export function exportFilters(format: ExportFormat): FileFilter[] {
  const { name, extensions } = exportFormat(format).dialogFilter;
  return [
    { name, extensions: [...extensions] },
    { name: 'All files', extensions: ['*'] },
  ];
}

/** Some dialogs (GTK) do not add the extension: add it when the chosen name has none. */
export function withExtension(path: string, format: ExportFormat): string {
  return extname(path) === '' ? `${path}.${exportFormat(format).extension}` : path;
}
