/**
 * Shopify as a provider: its common webhook topics with REST Admin API payloads, sent with
 * Shopify's headers (the `shopify` scheme adds `X-Shopify-Hmac-Sha256`).
 */
import { headerValue } from '../../signing/headers';
import type { ProviderCatalog, ProviderType } from './provider';
import {
  cart,
  checkout,
  customer,
  fulfillment,
  inventoryLevel,
  lineItem,
  order,
  product,
  refund,
  shop,
  SHOP_DOMAIN,
  SHOPIFY_API_VERSION,
  UPDATED,
} from './shopifyObjects';
import { SHOPIFY_DEFINITIONS } from './shopifySchemas';
import { constant, narrowed, ref, standaloneTypes, type WrittenType } from './schemaWords';
import { derivedUuid } from './wireIds';

type Obj = Record<string, unknown>;

const t = (
  type: string,
  description: string,
  kind: string,
  sample: Obj,
  members?: Record<string, unknown>,
): WrittenType => ({
  type,
  description,
  sample,
  schema: members
    ? narrowed(ref(kind), Object.fromEntries(Object.entries(members).map(([k, v]) => [k, constant(v)])))
    : ref(kind),
});

const cancelled = {
  ...order,
  cancelled_at: UPDATED,
  cancel_reason: 'customer',
  financial_status: 'voided',
  updated_at: UPDATED,
};
const fulfilled = {
  ...order,
  fulfillment_status: 'fulfilled',
  fulfillments: [fulfillment],
  line_items: fulfillment.line_items,
};

const TOPICS: WrittenType[] = [
  t('orders/create', 'An order was placed.', 'order', order),
  t('orders/updated', 'An order changed (any field).', 'order', { ...order, tags: 'gift', updated_at: UPDATED }),
  t('orders/paid', "An order's payment was completed.", 'order', order, { financial_status: 'paid' }),
  t('orders/cancelled', 'An order was cancelled.', 'order', cancelled),
  t('orders/fulfilled', 'Every line item of an order was fulfilled.', 'order', fulfilled, {
    fulfillment_status: 'fulfilled',
  }),
  t('products/create', 'A product was created.', 'product', product),
  t('products/update', 'A product changed.', 'product', { ...product, tags: 'cotton, sale, tee' }),
  t('products/delete', 'A product was deleted (only its id is sent).', 'deleted', { id: product.id }),
  t('customers/create', 'A customer was created.', 'customer', customer),
  t('customers/update', 'A customer changed.', 'customer', { ...customer, tags: 'newsletter, vip' }),
  t('carts/create', 'A cart was created.', 'cart', cart),
  t('checkouts/create', 'A checkout was started.', 'checkout', checkout),
  t('refunds/create', 'A refund was made on an order.', 'refund', refund),
  t('app/uninstalled', 'The app was uninstalled from the shop (the shop is sent).', 'shop', shop),
  t(
    'inventory_levels/update',
    "An inventory item's available quantity at a location changed.",
    'inventory_level',
    inventoryLevel,
  ),
  t('fulfillments/create', 'A fulfillment was created for an order.', 'fulfillment', {
    ...fulfillment,
    line_items: [{ ...lineItem }],
  }),
];

let types: ProviderType[] | null = null;

export const shopify: ProviderCatalog = {
  id: 'shopify',
  title: 'Shopify',
  scheme: 'shopify',
  source: `Written by Hookbench from Shopify's REST Admin API reference (API version ${SHOPIFY_API_VERSION}): payloads and schemas of the common topics`,
  types() {
    types ??= standaloneTypes(SHOPIFY_DEFINITIONS, TOPICS);
    return types;
  },
  materialize: (payload) => structuredClone(payload),
  headers(ctx) {
    return {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': ctx.type,
      'X-Shopify-Shop-Domain': SHOP_DOMAIN,
      'X-Shopify-API-Version': SHOPIFY_API_VERSION,
      'X-Shopify-Webhook-Id': derivedUuid(ctx.eventId, 'shopify-webhook'),
      'X-Shopify-Event-Id': derivedUuid(ctx.eventId, 'shopify-event'),
      'X-Shopify-Triggered-At': new Date(ctx.now).toISOString(),
      'User-Agent': 'Shopify-Captain-Hook',
    };
  },
  wireEventName: (type) => type,
  typeOfRequest: (headers) => headerValue(headers, 'X-Shopify-Topic') ?? null,
};
