/**
 * The provider catalogs, by id. Importing this is cheap: each catalog reads its data (GitHub's
 * come from npm packages of a few MB) the first time its `types()` is called.
 */
import type { ProviderId } from '../../../api/catalogTypes';
import { HookbenchError } from '../../../api/errors';
import { github } from './github';
import type { ProviderCatalog } from './provider';
import { shopify } from './shopify';
import { slack } from './slack';
import { stripe } from './stripe';

export type { ProviderCatalog, ProviderType, WireContext } from './provider';

export const PROVIDERS: Readonly<Record<ProviderId, ProviderCatalog>> = Object.freeze({
  github,
  stripe,
  shopify,
  slack,
});

/** The provider catalog `id` names; a `not_found` error for any other id. */
export function providerOf(id: string): ProviderCatalog {
  if (!Object.prototype.hasOwnProperty.call(PROVIDERS, id))
    throw new HookbenchError(
      'not_found',
      `no provider catalog ${JSON.stringify(id)}; providers are ${Object.keys(PROVIDERS).join(', ')}`,
      'catalog',
    );
  return PROVIDERS[id as ProviderId];
}
