/** The catalog queries the Catalog page, Fire and the inbox form share. */
import { CATALOG_IDS, type CatalogId, type CatalogSummary } from '../../../src-main/api/catalogTypes';
import { client } from '../../api/client';
import { useLiveQuery, type LiveQuery } from '../../hooks/useLiveQuery';
import { currentWorkspaceId } from '../../stores/workspace';

/** A route parameter as a catalog id (`hookbench` when it names none). */
export const catalogParam = (value: string | undefined): CatalogId =>
  (CATALOG_IDS as readonly string[]).includes(value ?? '') ? (value as CatalogId) : 'hookbench';

/** Every catalog with its type count and source. */
export function useCatalogList(): LiveQuery<CatalogSummary[]> {
  return useLiveQuery(() => client.call('catalogs.list', { workspaceId: currentWorkspaceId() }), []);
}

/** A catalog's title, before the list has arrived too (`github` → `github`). */
export function catalogTitle(list: CatalogSummary[] | null, id: CatalogId): string {
  return list?.find((c) => c.id === id)?.title ?? id;
}
