import { z } from 'zod';
import { deliveryQuerySchema, statsQuerySchema } from '../logSchemas';
import type { Page, Stats } from '../logTypes';
import { localInboxSchema } from '../receiverSchemas';
import type { InboxWithUrl } from './inboxes';
import { idSchema, webhookCreateSchema, webhookUpdateSchema } from '../schemas';
import type { Delivery, DeliveryDetail, Webhook } from '../types';
import { byId, op, returns } from './define';

/** A webhook as listed: with its success rate and last delivery. */
export interface WebhookListItem extends Webhook {
  successRate: number | null;
  lastDeliveryAt: number | null;
  lastDeliveryStatus: Delivery['status'] | null;
}

export const webhookOperations = {
  'webhooks.list': op({
    input: z.strictObject({ workspaceId: idSchema.optional() }),
    result: returns<WebhookListItem[]>(),
    rest: { method: 'GET', path: '/webhooks' },
    summary: 'List webhooks with success rate and last delivery',
    mutates: false,
  }),
  'webhooks.get': op({
    input: byId,
    result: returns<Webhook>(),
    rest: { method: 'GET', path: '/webhooks/{id}' },
    summary: 'Read a webhook',
    mutates: false,
  }),
  'webhooks.create': op({
    input: webhookCreateSchema,
    result: returns<Webhook>(),
    rest: { method: 'POST', path: '/webhooks' },
    summary: 'Create a webhook (the secret is generated when not given)',
    mutates: true,
  }),
  'webhooks.update': op({
    input: webhookUpdateSchema,
    result: returns<Webhook>(),
    rest: { method: 'PATCH', path: '/webhooks/{id}' },
    summary: 'Change a webhook',
    mutates: true,
  }),
  'webhooks.delete': op({
    input: byId,
    result: returns<{ deleted: true }>(),
    rest: { method: 'DELETE', path: '/webhooks/{id}' },
    summary: 'Delete a webhook and its deliveries',
    mutates: true,
  }),
  'webhooks.enable': op({
    input: byId,
    result: returns<Webhook>(),
    rest: { method: 'POST', path: '/webhooks/{id}/enable' },
    summary: 'Enable a webhook; paused retries resume',
    mutates: true,
  }),
  'webhooks.disable': op({
    input: byId,
    result: returns<Webhook>(),
    rest: { method: 'POST', path: '/webhooks/{id}/disable' },
    summary: 'Disable a webhook; pending retries pause',
    mutates: true,
  }),
  'webhooks.test': op({
    input: byId,
    result: returns<DeliveryDetail>(),
    rest: { method: 'POST', path: '/webhooks/{id}/test' },
    summary: 'Send a webhook.test event now and return the delivery',
    mutates: true,
  }),
  'webhooks.rotateSecret': op({
    input: byId.extend({
      secret: z.string().min(1).max(512).optional(),
      graceHours: z.number().min(0).max(720).default(24),
    }),
    result: returns<Webhook>(),
    rest: { method: 'POST', path: '/webhooks/{id}/regenerate-secret' },
    summary: 'Regenerate the secret; the old one stays valid for the grace period',
    mutates: true,
  }),
  'webhooks.stats': op({
    input: statsQuerySchema.omit({ webhookId: true }).extend({ id: idSchema }).strict(),
    result: returns<Stats>(),
    rest: { method: 'GET', path: '/webhooks/{id}/stats' },
    summary: 'Statistics of one webhook',
    mutates: false,
  }),
  'webhooks.deliveries': op({
    input: deliveryQuerySchema.omit({ webhookId: true }).extend({ id: idSchema }).strict(),
    result: returns<Page<Delivery>>(),
    rest: { method: 'GET', path: '/webhooks/{id}/deliveries' },
    summary: 'Deliveries of one webhook, newest first',
    mutates: false,
  }),
  'webhooks.sendToLocalInbox': op({
    input: localInboxSchema,
    result: returns<{ inbox: InboxWithUrl; webhook: Webhook }>(),
    rest: { method: 'POST', path: '/local-inbox' },
    summary: 'Create a local inbox and a webhook to it sharing scheme and secret',
    mutates: true,
  }),
};
