/**
 * Drift: types whose traffic no longer matches their schema. The latest requests of the inboxes
 * bound to a catalog are checked again against today's schemas (a schema saved or imported since
 * they arrived counts), per type: how many were checked, how many fail, and an example issue.
 */
import type { CatalogId, DriftRow } from '../../api/catalogTypes';
import type { SchemeName } from '../../api/schemes';
import { lowerCaseHeaderMap } from '../signing/headers';
import type { Store } from '../store/store';
import type { CatalogService } from './catalogService';
import { loadSchemaValidator } from './schemaValidator';

/** Requests per catalog re-checked (the latest ones). */
export const DRIFT_WINDOW = 500;

export async function driftOf(
  store: Store,
  catalogs: CatalogService,
  workspaceId: string,
  catalog: CatalogId,
): Promise<DriftRow[]> {
  catalogs.requireWorkspace(workspaceId);
  const validator = await loadSchemaValidator();
  const rows = store.db
    .prepare(
      `SELECT r.headers, r.body, r.received_at, r.verdict FROM requests r JOIN inboxes i ON i.id = r.inbox_id
       WHERE i.workspace_id = ? AND i.catalog = ? AND r.body_truncated = 0 ORDER BY r.received_at DESC LIMIT ?`,
    )
    .all(workspaceId, catalog, DRIFT_WINDOW) as {
    headers: string;
    body: Buffer;
    received_at: number;
    verdict: string | null;
  }[];
  const byType = new Map<string, DriftRow>();
  for (const r of rows) {
    const scheme = r.verdict ? ((JSON.parse(r.verdict) as { scheme?: SchemeName }).scheme ?? null) : null;
    const headers = lowerCaseHeaderMap(JSON.parse(r.headers) as [string, string][]);
    const v = catalogs.verdictWith(validator, workspaceId, catalog, scheme, headers, r.body);
    if (!v.type || (v.status !== 'valid' && v.status !== 'invalid')) continue;
    let row = byType.get(v.type);
    if (!row)
      byType.set(v.type, (row = { type: v.type, checked: 0, invalid: 0, lastSeenAt: r.received_at, example: null }));
    row.checked++;
    if (v.status === 'invalid') {
      row.invalid++;
      row.example ??= v.issues[0] ?? null;
    }
  }
  return [...byType.values()].sort((a, b) => b.invalid - a.invalid || a.type.localeCompare(b.type));
}
