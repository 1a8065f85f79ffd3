/**
 * Export with the current filters: a download link in the browser (the desktop uses its save
 * dialog instead). Pure: the token comes from the caller, so Node tests import it as it is.
 */
import { exportFileName, type ExportFormat, type ExportKind } from '../../src-main/api/exportFormats';
import { REST_PREFIX } from '../../src-main/api/transport';

export interface ExportLinkInput {
  kind: ExportKind;
  format: ExportFormat;
  filters: Record<string, unknown>;
  token: string | null;
}

/** An anchor's `href` and `download` name (the same name as the download's Content-Disposition and the desktop's dialog). */
export interface ExportLink {
  href: string;
  download: string;
}

/** `GET /api/v1/export?token=…&kind=…&format=…&<filters>`; arrays travel as `a,b`. */
export function exportLink({ kind, format, filters, token }: ExportLinkInput, now = new Date()): ExportLink {
  const q = new URLSearchParams();
  if (token) q.set('token', token);
  q.set('kind', kind);
  q.set('format', format);
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    q.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return { href: `${REST_PREFIX}/export?${q.toString()}`, download: exportFileName(kind, format, now) };
}
