/**
 * Stripe as a provider: its most used event types as full `event` objects (API version
 * 2024-06-20), sent with Stripe's headers (the `stripe` scheme adds `Stripe-Signature`).
 */
import type { HeaderMap } from '../../signing/types';
import type { ProviderCatalog, ProviderType } from './provider';
import { invoice, price, product, subscription } from './stripeBillingObjects';
import {
  at,
  cardDeclined,
  charge,
  checkoutSession,
  customer,
  IDS,
  paymentIntent,
  paymentMethod,
  refund,
  STRIPE_API_VERSION,
} from './stripeObjects';
import { STRIPE_DEFINITIONS } from './stripeSchemas';
import { constant, narrowed, object, ref, standaloneTypes, stringAt, type WrittenType } from './schemaWords';
import { ALPHANUMERIC, derivedText, derivedUuid } from './wireIds';

type Obj = Record<string, unknown>;

interface StripeType {
  type: string;
  description: string;
  /** The `$defs` name of the object in `data.object`. */
  kind: string;
  object: Obj;
  /** For `*.updated`: the changed fields' old values. */
  previous?: Obj;
  /** The object's `status` this event always carries. */
  status?: string;
}

const declinedOutcome = {
  network_status: 'declined_by_network',
  reason: 'insufficient_funds',
  risk_level: 'normal',
  risk_score: 32,
  seller_message: 'The bank returned the decline code `insufficient_funds`.',
  type: 'issuer_declined',
};

const draftInvoice = {
  ...invoice,
  status: 'draft',
  amount_paid: 0,
  amount_remaining: 2000,
  attempt_count: 0,
  attempted: false,
  auto_advance: true,
  charge: null,
  paid: false,
  number: null,
  payment_intent: null,
  hosted_invoice_url: null,
  invoice_pdf: null,
  status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
  webhooks_delivered_at: null,
};
const openInvoice = {
  ...invoice,
  status: 'open',
  amount_paid: 0,
  amount_remaining: 2000,
  attempt_count: 0,
  attempted: false,
  charge: null,
  paid: false,
  status_transitions: { ...(invoice.status_transitions as Obj), paid_at: null },
};
/** The invoice a subscription will issue at its next renewal: it has no `id` yet. */
const upcomingInvoice: Obj = {
  ...draftInvoice,
  billing_reason: 'upcoming',
  created: at(29 * 86400),
  period_start: subscription.current_period_start,
  period_end: subscription.current_period_end,
  next_payment_attempt: subscription.current_period_end,
};
delete upcomingInvoice.id;

const TYPES: StripeType[] = [
  {
    type: 'payment_intent.created',
    description: 'A PaymentIntent was created.',
    kind: 'payment_intent',
    object: {
      ...paymentIntent,
      status: 'requires_payment_method',
      amount_received: 0,
      latest_charge: null,
      payment_method: null,
    },
    status: 'requires_payment_method',
  },
  {
    type: 'payment_intent.succeeded',
    description: 'A PaymentIntent was paid in full.',
    kind: 'payment_intent',
    object: paymentIntent,
    status: 'succeeded',
  },
  {
    type: 'payment_intent.payment_failed',
    description: 'A payment attempt on a PaymentIntent failed; it waits for another payment method.',
    kind: 'payment_intent',
    object: {
      ...paymentIntent,
      status: 'requires_payment_method',
      amount_received: 0,
      last_payment_error: cardDeclined,
    },
    status: 'requires_payment_method',
  },
  { type: 'charge.succeeded', description: 'A charge succeeded.', kind: 'charge', object: charge, status: 'succeeded' },
  {
    type: 'charge.failed',
    description: 'A charge attempt failed.',
    kind: 'charge',
    object: {
      ...charge,
      status: 'failed',
      paid: false,
      captured: false,
      amount_captured: 0,
      balance_transaction: null,
      failure_code: 'card_declined',
      failure_message: 'Your card has insufficient funds.',
      outcome: declinedOutcome,
    },
    status: 'failed',
  },
  {
    type: 'charge.refunded',
    description: 'A charge was refunded, in full or in part.',
    kind: 'charge',
    object: { ...charge, refunded: true, amount_refunded: 2000 },
    previous: { amount_refunded: 0, refunded: false },
  },
  {
    type: 'checkout.session.completed',
    description: 'A Checkout Session was completed by the customer.',
    kind: 'checkout_session',
    object: checkoutSession,
    status: 'complete',
  },
  {
    type: 'checkout.session.expired',
    description: 'A Checkout Session expired before the customer completed it.',
    kind: 'checkout_session',
    object: {
      ...checkoutSession,
      status: 'expired',
      payment_status: 'unpaid',
      customer: null,
      customer_details: null,
      invoice: null,
      subscription: null,
    },
    status: 'expired',
  },
  { type: 'customer.created', description: 'A customer was created.', kind: 'customer', object: customer },
  {
    type: 'customer.updated',
    description: "A customer's details changed.",
    kind: 'customer',
    object: {
      ...customer,
      invoice_settings: { ...(customer.invoice_settings as Obj), default_payment_method: IDS.paymentMethod },
    },
    previous: { invoice_settings: { default_payment_method: null } },
  },
  { type: 'customer.deleted', description: 'A customer was deleted.', kind: 'customer', object: customer },
  {
    type: 'customer.subscription.created',
    description: 'A customer was signed up for a subscription; it becomes active when its first invoice is paid.',
    kind: 'subscription',
    object: { ...subscription, status: 'incomplete' },
    status: 'incomplete',
  },
  {
    type: 'customer.subscription.updated',
    description: 'A subscription changed (here: its first invoice was paid, so it became active).',
    kind: 'subscription',
    object: subscription,
    previous: { status: 'incomplete' },
  },
  {
    type: 'customer.subscription.deleted',
    description: "A customer's subscription ended.",
    kind: 'subscription',
    object: {
      ...subscription,
      status: 'canceled',
      canceled_at: at(7 * 86400),
      ended_at: at(7 * 86400),
      cancellation_details: { comment: null, feedback: 'too_expensive', reason: 'cancellation_requested' },
    },
    status: 'canceled',
  },
  {
    type: 'customer.subscription.trial_will_end',
    description: "A subscription's trial ends in three days.",
    kind: 'subscription',
    object: { ...subscription, status: 'trialing', trial_start: subscription.start_date, trial_end: at(14 * 86400) },
    status: 'trialing',
  },
  {
    type: 'invoice.created',
    description: 'An invoice was created (as a draft).',
    kind: 'invoice',
    object: draftInvoice,
    status: 'draft',
  },
  {
    type: 'invoice.finalized',
    description: 'A draft invoice was finalized and can be paid.',
    kind: 'invoice',
    object: openInvoice,
    status: 'open',
  },
  {
    type: 'invoice.paid',
    description: 'An invoice was paid (or marked paid out of band).',
    kind: 'invoice',
    object: invoice,
    status: 'paid',
  },
  {
    type: 'invoice.payment_succeeded',
    description: 'An invoice payment attempt succeeded.',
    kind: 'invoice',
    object: invoice,
    status: 'paid',
  },
  {
    type: 'invoice.payment_failed',
    description: 'An invoice payment attempt failed.',
    kind: 'invoice',
    object: {
      ...openInvoice,
      attempt_count: 1,
      attempted: true,
      charge: IDS.charge,
      next_payment_attempt: at(3 * 86400),
    },
    status: 'open',
  },
  {
    type: 'invoice.upcoming',
    description: 'A subscription will be invoiced soon (the invoice has no id yet).',
    kind: 'invoice',
    object: upcomingInvoice,
  },
  {
    type: 'payment_method.attached',
    description: 'A payment method was attached to a customer.',
    kind: 'payment_method',
    object: paymentMethod,
  },
  { type: 'refund.created', description: 'A refund was created.', kind: 'refund', object: refund },
  { type: 'product.created', description: 'A product was created.', kind: 'product', object: product },
  { type: 'price.created', description: 'A price was created.', kind: 'price', object: price },
];

function written(t: StripeType): WrittenType {
  const objectSchema = t.status ? narrowed(ref(t.kind), { status: constant(t.status) }) : ref(t.kind);
  const id = t.kind === 'invoice' && t.type !== 'invoice.upcoming' ? { required: ['id'] } : {};
  const data = object({
    object: { ...objectSchema, ...id },
    ...(t.previous ? { previous_attributes: { type: 'object' } } : {}),
  });
  return {
    type: t.type,
    description: t.description,
    sample: {
      id: `evt_${derivedText(t.type, 'stripe-sample', 24, ALPHANUMERIC)}`,
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: (t.object.created as number | undefined) ?? at(0),
      data: { object: t.object, ...(t.previous ? { previous_attributes: t.previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: IDS.request, idempotency_key: derivedUuid(t.type, 'stripe-idempotency') },
      type: t.type,
    },
    schema: { allOf: [ref('event'), object({ type: constant(t.type), data })] },
  };
}

let types: ProviderType[] | null = null;

export const stripe: ProviderCatalog = {
  id: 'stripe',
  title: 'Stripe',
  scheme: 'stripe',
  source: `Written by Hookbench from Stripe's API reference (API version ${STRIPE_API_VERSION}): full test-mode event objects and their schemas`,
  types() {
    types ??= standaloneTypes(STRIPE_DEFINITIONS, TYPES.map(written));
    return types;
  },
  materialize(payload, ctx) {
    return {
      ...structuredClone(payload),
      id: `evt_${derivedText(ctx.eventId, 'stripe-event', 24, ALPHANUMERIC)}`,
      created: Math.floor(ctx.now / 1000),
      type: ctx.type,
    };
  },
  headers() {
    return {
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
      Accept: '*/*; q=0.5, application/xml',
    };
  },
  wireEventName: (type) => type,
  typeOfRequest: (_headers: HeaderMap, body: unknown) => stringAt(body, 'type'),
};
