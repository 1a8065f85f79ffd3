/**
 * A provider's event on the wire: an event of a provider's catalog sent to a webhook whose scheme
 * is that provider's carries the provider's event name in the scheme's event header and the
 * provider's own headers beside the signature (replacing any of the same name, in any case).
 * A Hookbench event keeps its own name and headers, whatever its name (`invoice.paid` is in both).
 */
import type { CatalogId } from '../../api/catalogTypes';
import type { SchemeName } from '../../api/schemes';
import { PROVIDERS } from './providers';
import type { ProviderCatalog } from './providers/provider';

/** The provider whose event this is, when the webhook's scheme is that provider's. */
export function providerOfDelivery(scheme: SchemeName, catalog: CatalogId): ProviderCatalog | undefined {
  if (catalog === 'hookbench') return undefined;
  const provider = PROVIDERS[catalog];
  return provider.scheme === scheme ? provider : undefined;
}

/** `base` with `extra` laid over it; a name given in another case replaces the first. */
export function overlayHeaders(base: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const wanted = new Set(Object.keys(extra).map((k) => k.toLowerCase()));
  const out: Record<string, string> = {};
  for (const k in base) if (!wanted.has(k.toLowerCase())) out[k] = base[k]!;
  return Object.assign(out, extra);
}
