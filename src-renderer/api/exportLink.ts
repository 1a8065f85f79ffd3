/** Export with the current filters: a download link in the browser (the desktop uses its save dialog instead). */
import type { ExportFormat, ExportKind } from '../../src-main/api/logSchemas';
import { REST_PREFIX } from '../../src-main/api/transport';
import { accessToken } from './client';

export const EXPORT_EXTENSION: Record<ExportFormat, string> = { ndjson: 'ndjson', csv: 'csv', har: 'har' };

export function exportFileName(kind: ExportKind, format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `hookbench-${kind}-${stamp}.${EXPORT_EXTENSION[format]}`;
}

/** `GET /api/v1/export?token=…&kind=…&format=…&<filters>`; arrays travel as `a,b`. */
export function exportUrl(kind: ExportKind, format: ExportFormat, filters: Record<string, unknown>): string {
  const q = new URLSearchParams();
  const token = accessToken();
  if (token) q.set('token', token);
  q.set('kind', kind);
  q.set('format', format);
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    q.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return `${REST_PREFIX}/export?${q.toString()}`;
}
