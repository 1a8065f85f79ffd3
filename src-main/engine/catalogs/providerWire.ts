/**
 * A provider's event on the wire: a delivery of a provider's type to a webhook whose scheme is
 * that provider's carries the provider's event name in the scheme's event header and the
 * provider's own headers beside the signature (replacing any of the same name, in any case).
 */
import type { SchemeName } from '../../api/schemes';
import { PROVIDERS } from './providers';
import type { ProviderCatalog } from './providers/provider';

const BY_SCHEME = new Map<SchemeName, ProviderCatalog>(Object.values(PROVIDERS).map((p) => [p.scheme, p]));
const NAMES = new Map<ProviderCatalog, ReadonlySet<string>>();

/** The provider whose event this is, when the webhook's scheme is that provider's and the type is in its catalog. */
export function providerOfDelivery(scheme: SchemeName, type: string): ProviderCatalog | undefined {
  const provider = BY_SCHEME.get(scheme);
  if (!provider) return undefined;
  let names = NAMES.get(provider);
  if (!names) NAMES.set(provider, (names = new Set(provider.types().map((t) => t.type))));
  return names.has(type) ? provider : undefined;
}

/** `base` with `extra` laid over it; a name given in another case replaces the first. */
export function overlayHeaders(base: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const wanted = new Set(Object.keys(extra).map((k) => k.toLowerCase()));
  const out: Record<string, string> = {};
  for (const k in base) if (!wanted.has(k.toLowerCase())) out[k] = base[k]!;
  return Object.assign(out, extra);
}
