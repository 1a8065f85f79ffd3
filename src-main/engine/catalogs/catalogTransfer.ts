/**
 * A workspace's catalog in and out: import an OpenAPI 3.1 / AsyncAPI document (a dry run lists
 * what would change; a re-import updates in place), export one as OpenAPI 3.1, and learn a
 * schema from captured requests or sent deliveries. The document parsers are loaded on first use.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
  CatalogEventType,
  CatalogId,
  ImportChange,
  ImportPlan,
  InferredSchema,
  JsonSchema,
} from '../../api/catalogTypes';
import { HookbenchError } from '../../api/errors';
import type { SchemeName } from '../../api/schemes';
import { lowerCaseHeaderMap } from '../signing/headers';
import { findCatalogEntry } from '../events/catalog';
import type { Store } from '../store/store';
import type { CatalogService } from './catalogService';
import type { ImportedType } from './documents/types';
import { inferSchema } from './inferSchema';

export interface ImportOptions {
  dryRun: boolean;
  /** Where external `$ref` files are read from (the CLI: the document's folder). Unset: refused. */
  baseDir?: string;
}

export async function importCatalog(
  store: Store,
  catalogs: CatalogService,
  workspaceId: string,
  text: string,
  opts: ImportOptions,
): Promise<ImportPlan> {
  catalogs.requireWorkspace(workspaceId);
  const { parseCatalogDocument } = await import('./documents/parseDocument');
  const doc = await parseCatalogDocument(text, { baseDir: opts.baseDir });
  const changes = doc.types.map((t) => changeOf(catalogs, workspaceId, t));
  const plan: ImportPlan = { format: doc.format, title: doc.title, changes, applied: false };
  if (opts.dryRun || changes.every((c) => c.change === 'unchanged')) return plan;
  const now = Date.now();
  store.tx(() => {
    doc.types.forEach((t, i) => {
      if (changes[i]!.change === 'unchanged') return;
      if (!findCatalogEntry(t.type)) {
        const existing = store.events.getCustomType(workspaceId, t.type);
        store.events.upsertCustomType({
          workspaceId,
          type: t.type,
          description: t.description,
          sample: t.sample,
          form: t.form,
          origin: existing?.origin ?? 'imported',
          createdAt: existing?.createdAt ?? now,
        });
      }
      if (t.schema) store.typeSchemas.set(workspaceId, 'hookbench', t.type, t.schema, now);
      else store.typeSchemas.remove(workspaceId, 'hookbench', t.type);
    });
  });
  catalogs.invalidate(workspaceId);
  return { ...plan, applied: true };
}

/**
 * What importing `t` changes. A built-in type keeps its description, sample and form; only its
 * schema is taken from the document (as the workspace's schema for it).
 */
function changeOf(catalogs: CatalogService, workspaceId: string, t: ImportedType): ImportChange {
  const current = catalogs.find(workspaceId, 'hookbench', t.type);
  if (!current) return { type: t.type, change: 'add', fields: [] };
  if (current.origin === 'builtin' && t.form === 'raw')
    throw new HookbenchError(
      'validation',
      `${t.type} is a built-in Hookbench event type: its schema describes the event's data, and this document's ` +
        'describes a whole body — give the type another name in the document (or import a document exported from Hookbench)',
      'document',
    );
  const fields =
    current.origin === 'builtin'
      ? isDeepStrictEqual(current.schema, t.schema)
        ? []
        : ['schema']
      : (['description', 'sample', 'schema', 'form'] as const).filter((f) => !isDeepStrictEqual(current[f], t[f]));
  return { type: t.type, change: fields.length ? 'update' : 'unchanged', fields: [...fields] };
}

export async function exportCatalog(
  catalogs: CatalogService,
  workspaceId: string,
  catalog: CatalogId,
): Promise<Record<string, unknown>> {
  catalogs.requireWorkspace(workspaceId);
  const { exportOpenApi } = await import('./documents/exportOpenApi');
  const title = catalogs.list(workspaceId).find((c) => c.id === catalog)!.title;
  return exportOpenApi({ title: `${title} webhooks`, catalog }, catalogs.entries(workspaceId, catalog));
}

export interface InferInput {
  inboxId?: string;
  eventType?: string;
  limit: number;
}

/**
 * A schema learnt from an inbox's requests (of one type, when given: the type as the inbox's
 * catalog reads it) or from the events of a type sent from this workspace. For a Hookbench
 * envelope, the schema is of its `data`, as the type's schema is.
 */
export function inferFromTraffic(
  store: Store,
  catalogs: CatalogService,
  workspaceId: string,
  input: InferInput,
): InferredSchema {
  catalogs.requireWorkspace(workspaceId);
  const { payloads, where } = input.inboxId
    ? requestPayloads(store, catalogs, workspaceId, input.inboxId, input.eventType, input.limit)
    : { payloads: eventPayloads(store, catalogs, workspaceId, input.eventType!, input.limit), where: '' };
  if (payloads.length === 0) {
    const what = input.eventType ? `${input.eventType} ` : '';
    throw new HookbenchError(
      'not_found',
      `no ${what}JSON payloads in ${where || 'the events sent from this workspace'} to learn from`,
      input.inboxId ? 'inboxId' : 'eventType',
    );
  }
  return { type: input.eventType ?? null, schema: inferSchema(payloads) as JsonSchema, sampleCount: payloads.length };
}

function requestPayloads(
  store: Store,
  catalogs: CatalogService,
  workspaceId: string,
  inboxId: string,
  eventType: string | undefined,
  limit: number,
): { payloads: unknown[]; where: string } {
  const inbox = store.db.prepare('SELECT workspace_id, name, catalog FROM inboxes WHERE id = ?').get(inboxId) as
    { workspace_id: string; name: string; catalog: CatalogId | null } | undefined;
  if (!inbox || inbox.workspace_id !== workspaceId)
    throw new HookbenchError('not_found', `inbox ${inboxId} does not exist`, 'inboxId');
  const catalog = inbox.catalog ?? 'hookbench';
  const rows = store.db
    .prepare(
      `SELECT headers, body, verdict FROM requests WHERE inbox_id = ? AND body_truncated = 0
       ORDER BY received_at DESC LIMIT ?`,
    )
    .all(inboxId, eventType ? limit * 20 : limit) as { headers: string; body: Buffer; verdict: string | null }[];
  const out: unknown[] = [];
  for (const r of rows) {
    const parsed = parseJson(r.body);
    if (parsed === undefined) continue;
    const scheme = r.verdict ? ((JSON.parse(r.verdict) as { scheme?: SchemeName }).scheme ?? null) : null;
    const type = catalogs.requestType(catalog, scheme, lowerCaseHeaderMap(JSON.parse(r.headers)), parsed);
    if (eventType && type !== eventType) continue;
    const entry = type ? catalogs.find(workspaceId, catalog, type) : undefined;
    const payload = entry?.form === 'envelope' ? (parsed as { data?: unknown }).data : parsed;
    if (payload === undefined) continue; // an envelope without its data: nothing to learn from
    out.push(payload);
    if (out.length >= limit) break;
  }
  return { payloads: out, where: `inbox “${inbox.name}”` };
}

function eventPayloads(
  store: Store,
  catalogs: CatalogService,
  workspaceId: string,
  eventType: string,
  limit: number,
): unknown[] {
  const rows = store.db
    .prepare('SELECT catalog, body FROM events WHERE workspace_id = ? AND type = ? ORDER BY created_at DESC LIMIT ?')
    .all(workspaceId, eventType, limit) as { catalog: CatalogId; body: string }[];
  return rows.flatMap((r) => {
    const parsed = parseJson(Buffer.from(r.body));
    if (parsed === undefined) return [];
    const entry: CatalogEventType | undefined = catalogs.find(workspaceId, r.catalog, eventType);
    const payload = entry?.form === 'envelope' ? (parsed as { data?: unknown }).data : parsed;
    return payload === undefined ? [] : [payload];
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
