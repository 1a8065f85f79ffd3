/**
 * `hookbench listen --catalog <provider|file>`: the catalog listen's inbox checks every request
 * against. A catalog id binds it directly; a document (OpenAPI 3.1, AsyncAPI) is imported into
 * listen's workspace first and the inbox bound to `hookbench`, where imported types live.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CATALOG_IDS, type CatalogId, type ImportPlan } from '../../api/catalogTypes';
import { catalogOperations } from '../../api/contract/catalogs';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { isHookbenchError } from '../../api/errors';
import { parseInput } from '../../api/schemas';
import type { Workbench } from '../../engine/workbench';
import { UsageError } from '../context';
import { unreadableReason } from '../readBody';

export type CatalogSource = { catalog: CatalogId } | { catalog: 'hookbench'; file: string; text: string };

/** A catalog id as is; anything else is a document to read (a usage error naming --catalog when it cannot be). */
export async function catalogSource(value: string): Promise<CatalogSource> {
  if ((CATALOG_IDS as readonly string[]).includes(value)) return { catalog: value as CatalogId };
  try {
    return { catalog: 'hookbench', file: resolve(value), text: await readFile(value, 'utf8') };
  } catch (e) {
    throw new UsageError(
      `--catalog: ${value} is neither a catalog (${CATALOG_IDS.join(', ')}) nor a document that can be read: ${unreadableReason(e)}`,
    );
  }
}

/** Imports a document source into listen's workspace (nothing for a catalog id); returns the plan. */
export async function importForListen(wb: Workbench, source: CatalogSource): Promise<ImportPlan | null> {
  if (!('file' in source)) return null;
  try {
    const input = parseInput(catalogOperations['catalogs.import'].input, { document: source.text });
    return await wb.importCatalog(DEFAULT_WORKSPACE_ID, input.document, {
      dryRun: false,
      baseDir: dirname(source.file),
    });
  } catch (e) {
    if (isHookbenchError(e) && e.code === 'validation')
      throw new UsageError(`--catalog: ${source.file}: ${e.issues?.[0]?.message ?? e.message}`);
    throw e;
  }
}

/** `catalog api.yaml: 3 event types imported (2 added, 1 updated)`. */
export function importedLine(source: CatalogSource, plan: ImportPlan | null): string {
  if (!plan || !('file' in source)) return `  checks every request against the ${source.catalog} catalog`;
  const n = (c: string) => plan.changes.filter((x) => x.change === c).length;
  return (
    `  checks every request against ${source.file}: ${plan.changes.length} event type${plan.changes.length === 1 ? '' : 's'}` +
    ` (${n('add')} added, ${n('update')} updated, ${n('unchanged')} unchanged in the hookbench catalog)`
  );
}
