/**
 * A workspace with the long values real integrations have (long webhook names, event types such
 * as `invoice.payment_action_required`, long URLs and paths), made over REST the way a script
 * would: the layout spec and the screenshots measure pages against it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import type { HookbenchHost } from './hostProcess';

export const LONG = {
  eventType: 'invoice.payment_action_required',
  /** A local inbox + webhook that fails its first attempt, then answers 200. */
  okWebhook: 'Payments reconciliation service (EU staging)',
  /** A webhook to a closed port: every attempt fails, so it alerts and is disabled. */
  failingWebhook: 'Fulfillment partner — order events (production mirror)',
  failingUrl: 'http://127.0.0.1:9/partners/fulfillment/v2/webhooks/orders?tenant=acme-corporation-eu-west-1',
  /** A sub-path of the inbox with a query, as a provider might post to. */
  requestPath: '/stripe/events/invoice-payment-action-required/acct_1NqLkT2eZvKYlo2C',
} as const;

const OTHER_TYPES = ['subscription.payment_failed', 'payment.succeeded', 'order.created', 'user.created'];

async function ok<T>(call: Promise<{ status: number; data: T; error?: { message: string } }>): Promise<T> {
  const res = await call;
  expect(res.error, res.error?.message).toBeUndefined();
  return res.data;
}

/** What the seeded pages are opened at. */
export interface Seeded {
  failingWebhookId: string;
  /** The `invoice.payment_action_required` delivery to the local inbox that failed once, then succeeded. */
  deliveryId: string;
  inboxId: string;
  /** The request with the wrong signature, on the long sub-path. */
  requestId: string;
}

/** Fills the host's workspace; resolves when every delivery has finished and the failing webhook has alerted. */
export async function seedLongValues(host: HookbenchHost): Promise<Seeded> {
  await ok(
    host.rest('POST', '/events/types', {
      type: LONG.eventType,
      description: 'A payment needs the customer to finish 3-D Secure',
      sample: { invoice: 'in_1NqLkT2eZvKYlo2C', amount_due: 4900, hosted_invoice_url: 'https://invoice.example/i/1' },
    }),
  );
  const local = await ok(
    host.rest<{ inbox: { id: string; url: string }; webhook: { id: string } }>('POST', '/local-inbox', {
      name: LONG.okWebhook,
      retryPolicy: { delays: [1], jitter: false },
      responseRule: { failFirst: 1, failStatus: 503 },
    }),
  );
  const failing = await ok(
    host.rest<{ id: string }>('POST', '/webhooks', {
      name: LONG.failingWebhook,
      description: 'Mirrors every order event to the fulfillment partner; their sandbox is down on weekends.',
      url: LONG.failingUrl,
      subscriptions: ['*'],
      retryPolicy: { delays: [0, 0], jitter: false },
      timeoutSec: 2,
    }),
  );
  for (const type of [LONG.eventType, ...OTHER_TYPES, LONG.eventType])
    await ok(host.rest('POST', '/events/trigger', { type }));

  // Received requests: one signed with a wrong secret on a long sub-path, one to no inbox.
  const body = JSON.stringify({ id: 'evt_long', type: LONG.eventType, data: { amount_due: 4900 } });
  const ts = Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', randomBytes(24)).update(`evt_long.${ts}.${body}`).digest('base64');
  await fetch(`${local.inbox.url}${LONG.requestPath}?livemode=false&attempt=1`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': 'evt_long',
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${sig}`,
    },
    body,
  });
  await fetch(`${host.receiverUrl}/in/nowhere/callbacks/github/installation-repositories`, {
    method: 'POST',
    body: 'hello',
  });

  let delivered: { id: string; status: string; webhookId: string; eventType: string; attemptCount: number }[] = [];
  await expect
    .poll(
      async () => {
        const [deliveries, alerts] = await Promise.all([
          ok(host.rest<{ items: typeof delivered }>('GET', '/deliveries?limit=100')),
          ok(host.rest<{ alerts: unknown[] }>('GET', '/alerts')),
        ]);
        delivered = deliveries.items;
        const busy = deliveries.items.some((d) => ['pending', 'sending', 'retrying'].includes(d.status));
        return !busy && alerts.alerts.length > 0;
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(true);
  const requests = await ok(
    host.rest<{ items: { id: string; valid: boolean | null }[] }>('GET', `/inboxes/${local.inbox.id}/requests`),
  );
  return {
    failingWebhookId: failing.id,
    deliveryId: delivered
      .filter((d) => d.webhookId === local.webhook.id && d.eventType === LONG.eventType)
      .sort((a, b) => b.attemptCount - a.attemptCount)[0]!.id,
    inboxId: local.inbox.id,
    requestId: requests.items.find((r) => r.valid === false)!.id,
  };
}
