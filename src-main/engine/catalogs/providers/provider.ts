/**
 * A provider's catalog: its event types (sample and schema each), where they come from, and
 * how the provider puts an event on the wire — the body it sends, the headers beside the
 * signature — and how a received request names its type. Firing one of these types from a
 * webhook whose scheme is the provider's sends what the provider would send.
 */
import type { JsonSchema, ProviderId } from '../../../api/catalogTypes';
import type { SchemeName } from '../../../api/schemes';
import type { HeaderMap } from '../../signing/types';

export interface ProviderType {
  /** As the provider names it: `pull_request.opened`, `push`, `payment_intent.succeeded`, `orders/create`, `app_mention`. */
  type: string;
  description: string;
  /** The whole body, as the provider sends it (a template: `materialize` fills ids and times). */
  sample: Record<string, unknown>;
  schema: JsonSchema | null;
}

export interface WireContext {
  /** The catalog type fired. */
  type: string;
  /** Hookbench's event id (`msg_…`); providers derive their own ids from it, stably. */
  eventId: string;
  /** The webhook it goes to (GitHub's hook id, Shopify's webhook id derive from it). */
  webhookId: string;
  /** Milliseconds. */
  now: number;
}

export interface ProviderCatalog {
  id: ProviderId;
  title: string;
  /** The signing scheme that makes a webhook send this provider's events as the provider does. */
  scheme: SchemeName;
  /** README wording: where the samples and schemas come from. */
  source: string;
  /** Every type, loaded on first use (GitHub's come from npm packages of a few MB). */
  types(): readonly ProviderType[];
  /**
   * The body to send for a fired event, from the payload given (or the sample): ids and times
   * the provider would set freshly are set (Stripe's `evt_…` and `created`, Slack's `event_id`).
   * Never mutates `payload`.
   */
  materialize(payload: Record<string, unknown>, ctx: Omit<WireContext, 'webhookId'>): Record<string, unknown>;
  /**
   * Headers the provider sends beside its signature (which the scheme adds): GitHub's
   * `X-GitHub-Event`, `X-GitHub-Delivery`, `X-GitHub-Hook-ID`, `User-Agent: GitHub-Hookshot/…`.
   * Names in the provider's own case. `body`: the materialized body, for headers that name
   * something in it (GitHub's `X-GitHub-Hook-Installation-Target-ID` is the payload's
   * repository, organization or app); without it those fall back to ids derived from the webhook.
   */
  headers(ctx: WireContext, body?: Record<string, unknown>): Record<string, string>;
  /** The event name the scheme puts in its event header (GitHub: `pull_request` for `pull_request.opened`). */
  wireEventName(type: string): string;
  /** The catalog type a received request is (GitHub: `X-GitHub-Event` + the body's `action`), or null. */
  typeOfRequest(headers: HeaderMap, body: unknown): string | null;
}
