/**
 * The export formats, one descriptor each: every face reads this table (the zod enum, the
 * desktop's save dialog, the web download's headers, the renderer's menu and link, the CLI, the
 * OpenAPI document), so a new format is one entry here plus its writer in engine/export/.
 * Isomorphic: no node, no zod.
 */

export interface ExportFormatDescriptor {
  /** What the export menu shows. */
  label: string;
  /** The file name's extension, without the dot. */
  extension: string;
  /** The save dialog's filter; its first extension is `extension`. */
  dialogFilter: { name: string; extensions: readonly string[] };
  /** The download's media type (OpenAPI; the Content-Type adds `charset=utf-8`). */
  mediaType: string;
  /** The response body in the OpenAPI document. */
  bodySchema: Readonly<Record<string, string>>;
}

export const EXPORT_FORMAT_TABLE = {
  ndjson: {
    label: 'NDJSON (one JSON per line)',
    extension: 'ndjson',
    dialogFilter: { name: 'NDJSON (one JSON per line)', extensions: ['ndjson', 'jsonl'] },
    mediaType: 'application/x-ndjson',
    bodySchema: { type: 'string' },
  },
  csv: {
    label: 'CSV (spreadsheet)',
    extension: 'csv',
    dialogFilter: { name: 'CSV', extensions: ['csv'] },
    mediaType: 'text/csv',
    bodySchema: { type: 'string' },
  },
  har: {
    label: 'HAR 1.2 (browser dev tools)',
    extension: 'har',
    dialogFilter: { name: 'HAR 1.2', extensions: ['har'] },
    mediaType: 'application/json',
    bodySchema: { type: 'object', description: 'HAR 1.2' },
  },
} as const satisfies Record<string, ExportFormatDescriptor>;

export type ExportFormat = keyof typeof EXPORT_FORMAT_TABLE;
/** In menu order; the tuple type is what z.enum takes. */
export const EXPORT_FORMATS = Object.keys(EXPORT_FORMAT_TABLE) as [ExportFormat, ...ExportFormat[]];

export const EXPORT_KINDS = ['deliveries', 'requests'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const exportFormat = (format: ExportFormat): ExportFormatDescriptor => EXPORT_FORMAT_TABLE[format];

/** The download's Content-Type: every format is UTF-8 text. */
export const exportContentType = (format: ExportFormat): string =>
  `${EXPORT_FORMAT_TABLE[format].mediaType}; charset=utf-8`;

/**
 * `hookbench-deliveries-20250601-143005.ndjson`, local time: the one name the desktop's save
 * dialog proposes, the web download carries (Content-Disposition) and the CLI writes into a folder.
 */
export function exportFileName(kind: ExportKind, format: ExportFormat, at = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `hookbench-${kind}-${date}-${time}.${EXPORT_FORMAT_TABLE[format].extension}`;
}
