/**
 * GET /api/v1/export?kind=deliveries|requests&format=ndjson|csv|har&<filters>: the engine's
 * streaming export written straight into the response as an attachment (constant memory).
 * Filters are the fields of the kind's filter schema, read from the query like any GET input.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookbenchError } from '../api/errors';
import { exportContentType, exportFileName } from '../api/exportFormats';
import { deliveryFiltersSchema, exportSchema, requestFiltersSchema } from '../api/logSchemas';
import { parseInput } from '../api/schemas';
import type { Workbench } from '../engine/workbench';
import { BASE_HEADERS, sendError } from './httpReply';
import { queryToInput } from './queryInput';

/** The export input from a query string; field errors name the query key (`status`, not `filters.status`). */
export function exportInputFromQuery(params: URLSearchParams) {
  const kind = params.get('kind') ?? 'deliveries';
  const filtersSchema = kind === 'requests' ? requestFiltersSchema : deliveryFiltersSchema;
  const filters = queryToInput(params, filtersSchema, ['token', 'kind', 'format']);
  try {
    return parseInput(exportSchema, { kind, format: params.get('format') ?? undefined, filters });
  } catch (e) {
    if (e instanceof HookbenchError && e.field?.startsWith('filters.')) {
      const strip = (f: string) => f.replace(/^filters\./, '');
      throw new HookbenchError(
        e.code,
        e.message.replace(/^filters\./, ''),
        strip(e.field),
        e.issues?.map((i) => ({ ...i, field: strip(i.field) })),
      );
    }
    throw e;
  }
}

export function createExportDownload(workbench: Workbench) {
  return async (_req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const input = exportInputFromQuery(url.searchParams);
    // Headers go out with the first row; an error before it still gets a typed JSON answer.
    const headers: Record<string, string> = {
      ...BASE_HEADERS,
      'Content-Type': exportContentType(input.format),
      'Content-Disposition': `attachment; filename="${exportFileName(input.kind, input.format)}"`,
      'Cache-Control': 'no-store',
    };
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    try {
      await workbench.exportToStream(input, res);
      if (!res.writableEnded) res.end();
    } catch (e) {
      if (!res.headersSent) {
        for (const k of Object.keys(headers)) res.removeHeader(k);
        sendError(res, e);
      } else {
        // Mid-stream: the download is cut off rather than silently incomplete.
        res.destroy(e instanceof Error ? e : undefined);
      }
    }
  };
}
