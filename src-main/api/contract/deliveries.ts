import { deliveryQuerySchema } from '../logSchemas';
import type { Page } from '../logTypes';
import type { Delivery, DeliveryDetail } from '../types';
import { recoverSchema } from '../schemas';
import { byId, op, returns } from './define';

/** What `deliveries.recover` did: every failed delivery found was queued again (due now), or skipped. */
export interface RecoverResult {
  recoverId: string;
  /** Failed deliveries queued to be sent again. */
  queued: number;
  /** Failed deliveries left alone: their webhook is disabled, or they changed meanwhile. */
  skipped: number;
}

export const deliveryOperations = {
  'deliveries.list': op({
    input: deliveryQuerySchema.strict(),
    result: returns<Page<Delivery>>(),
    rest: { method: 'GET', path: '/deliveries' },
    summary: 'Search deliveries (filters, free text, cursor paging), newest first',
    mutates: false,
  }),
  'deliveries.get': op({
    input: byId,
    result: returns<DeliveryDetail>(),
    rest: { method: 'GET', path: '/deliveries/{id}' },
    summary: 'A delivery with its body and every attempt',
    mutates: false,
  }),
  'deliveries.retry': op({
    input: byId,
    result: returns<DeliveryDetail>(),
    rest: { method: 'POST', path: '/deliveries/{id}/retry' },
    summary: 'Retry a failed, retrying or cancelled delivery now',
    mutates: true,
  }),
  'deliveries.redeliver': op({
    input: byId,
    result: returns<Delivery>(),
    rest: { method: 'POST', path: '/deliveries/{id}/redeliver' },
    summary: 'Send the same event to the same webhook again as a new delivery',
    mutates: true,
  }),
  'deliveries.recover': op({
    input: recoverSchema,
    result: returns<RecoverResult>(),
    rest: { method: 'POST', path: '/deliveries/recover' },
    summary:
      'Send every failed delivery of a webhook (or of all enabled webhooks) created since a time again; progress via recover.progress',
    mutates: true,
  }),
  'deliveries.cancel': op({
    input: byId,
    result: returns<Delivery>(),
    rest: { method: 'POST', path: '/deliveries/{id}/cancel' },
    summary: 'Cancel pending retries',
    mutates: true,
  }),
};
