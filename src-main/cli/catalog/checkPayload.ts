/**
 * `hookbench catalog validate`: a JSON payload against an event type's schema. A Hookbench type's
 * schema describes the `data` of its envelope: given a whole envelope, its `data` is checked and
 * the issues' paths point into the file (`/data/amount`).
 */
import { dispatch } from '../../api/dispatch';
import type { CatalogId, SchemaIssue, SchemaVerdictStatus } from '../../api/catalogTypes';
import { isHookbenchError } from '../../api/errors';
import type { Workbench } from '../../engine/workbench';
import { UsageError } from '../context';

export interface PayloadCheck {
  catalog: CatalogId;
  type: string;
  /** `data`: an envelope's data was checked; `payload`: the whole payload. */
  checked: 'data' | 'payload';
  status: SchemaVerdictStatus;
  issues: SchemaIssue[];
}

/** The payload's JSON, or a usage error saying where it breaks. */
export function parsePayload(bytes: Buffer, where: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (e) {
    throw new UsageError(`${where} is not JSON: ${(e as Error).message}`);
  }
}

/** The type named by --type, else by the payload's own `type`. */
export function typeToCheck(given: string | undefined, payload: unknown): string {
  if (given !== undefined) return given;
  const named =
    payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as { type?: unknown }).type
      : undefined;
  if (typeof named === 'string' && named !== '') return named;
  throw new UsageError(
    'give the event type with --type: the payload has no "type" member (GitHub names it in X-GitHub-Event and "action": --type pull_request.opened)',
  );
}

export async function checkPayload(
  wb: Workbench,
  workspaceId: string,
  catalog: CatalogId,
  type: string,
  payload: unknown,
): Promise<PayloadCheck> {
  const entry = await withTypeErrors(() => dispatch(wb, 'catalogs.type', { workspaceId, catalog, type }), catalog);
  const data = entry.form === 'envelope' ? envelopeData(payload) : undefined;
  const { status, issues } = await withTypeErrors(
    () => dispatch(wb, 'catalogs.check', { workspaceId, catalog, type, payload: data ? data.data : payload }),
    catalog,
  );
  return {
    catalog,
    type,
    checked: data ? 'data' : 'payload',
    status,
    issues: data ? issues.map((i) => ({ ...i, path: `/data${i.path}` })) : issues,
  };
}

/** A Hookbench envelope (`{ id?, type, timestamp?, data }`) holds its payload in `data`. */
function envelopeData(payload: unknown): { data: unknown } | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  return typeof p.type === 'string' && 'data' in p ? { data: p.data } : undefined;
}

/** An unknown or malformed type is the command line's mistake: a usage error naming --type. */
async function withTypeErrors<T>(fn: () => Promise<T>, catalog: CatalogId): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!isHookbenchError(e) || e.field !== 'type') throw e;
    const message = e.issues?.[0]?.message ?? e.message;
    const hint = e.code === 'not_found' ? ` (hookbench catalog list --catalog ${catalog} lists them)` : '';
    throw new UsageError(`--type: ${message}${hint}`);
  }
}
