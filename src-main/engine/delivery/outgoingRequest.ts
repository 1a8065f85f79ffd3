/**
 * One attempt's request: what goes on the wire (the webhook's real credentials, its URL's
 * userinfo as Basic auth, the scheme's signature, a provider's own headers for its events) and what is recorded of it (credentials
 * [redacted], as the attempt row, the API and exports show it; api/credentials.ts).
 */
import type { CatalogId } from '../../api/catalogTypes';
import { redactHeaders, redactUrl, wireTarget } from '../../api/credentials';
import type { Delivery, Webhook } from '../../api/types';
import { overlayHeaders, providerOfDelivery } from '../catalogs/providerWire';
import { getScheme } from '../signing/registry';
import { WebhookService } from '../webhooks/webhookService';

export interface OutgoingRequest {
  wire: { url: string; headers: Record<string, string> };
  recorded: { url: string; headers: Record<string, string> };
}

export function outgoingRequest(
  webhook: Webhook,
  d: Pick<Delivery, 'eventId' | 'eventType'>,
  body: Buffer,
  /** The catalog the event's type is from. */
  catalog: CatalogId,
  userAgent: string,
  now: number,
): OutgoingRequest {
  const target = wireTarget(webhook.url, webhook.headers);
  const provider = providerOfDelivery(webhook.scheme, catalog);
  const signed: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': userAgent,
    ...target.headers,
    ...getScheme(webhook.scheme).sign({
      id: d.eventId,
      timestamp: Math.floor(now / 1000),
      eventType: provider ? provider.wireEventName(d.eventType) : d.eventType,
      body,
      secrets: WebhookService.signingSecrets(webhook, now),
    }),
  };
  // A provider's event goes out with the provider's own headers, as the provider sends it.
  const headers = provider
    ? overlayHeaders(
        signed,
        provider.headers({ type: d.eventType, eventId: d.eventId, webhookId: webhook.id, now }, jsonObject(body)),
      )
    : signed;
  return {
    wire: { url: target.url, headers },
    recorded: { url: redactUrl(webhook.url), headers: redactHeaders(headers, webhook.secretHeaders) },
  };
}

/** The body as a JSON object (a provider reads ids from it), or undefined. */
function jsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
