/**
 * The receiver's contract check: a request to an inbox bound to a catalog gets a schema verdict
 * beside its signature verdict — which catalog type it is (the provider's rule: GitHub's
 * `X-GitHub-Event` and `action`, Stripe's and Hookbench's body `type`, …) and whether its
 * payload matches that type's schema, each issue with its JSON path, expected and found.
 */
import type { CatalogId, SchemaVerdict } from '../../api/catalogTypes';
import type { SchemeName } from '../../api/schemes';
import type { HeaderMap } from '../signing/types';

export interface RequestContracts {
  /**
   * The verdict for one request's headers and raw body against `catalog` in `workspaceId`
   * (null `catalog`: the inbox is not bound, null is returned). `scheme`: the scheme that
   * verified it, if any. Never throws for a bad body: a body that is not JSON is `not_json`.
   */
  verdictOf(
    workspaceId: string,
    catalog: CatalogId | null,
    scheme: SchemeName | null,
    headers: HeaderMap,
    body: Buffer,
  ): Promise<SchemaVerdict | null>;
}
