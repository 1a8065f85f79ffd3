/**
 * One attempt's request: what goes on the wire (the webhook's real credentials, its URL's
 * userinfo as Basic auth, the scheme's signature) and what is recorded of it (credentials
 * [redacted], as the attempt row, the API and exports show it; api/credentials.ts).
 */
import { redactHeaders, redactUrl, wireTarget } from '../../api/credentials';
import type { Delivery, Webhook } from '../../api/types';
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
  userAgent: string,
  now: number,
): OutgoingRequest {
  const target = wireTarget(webhook.url, webhook.headers);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': userAgent,
    ...target.headers,
    ...getScheme(webhook.scheme).sign({
      id: d.eventId,
      timestamp: Math.floor(now / 1000),
      eventType: d.eventType,
      body,
      secrets: WebhookService.signingSecrets(webhook, now),
    }),
  };
  return {
    wire: { url: target.url, headers },
    recorded: { url: redactUrl(webhook.url), headers: redactHeaders(headers, webhook.secretHeaders) },
  };
}
