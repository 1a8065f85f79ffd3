/**
 * An event-type pattern for what a receiver gets — a forward route's events, a CI expectation —
 * where the type is the provider's own: `payment_intent.succeeded` (Stripe), `pull_request`
 * (GitHub), `orders/create` (Shopify), `app_mention` (Slack). A trailing `*` makes it a prefix,
 * `*` alone matches every type; matched by the rule of filters and subscriptions
 * (logFilters.eventTypeMatches). Webhook subscriptions keep the stricter `category.action` form of
 * the types Hookbench itself sends (schemas.subscriptionSchema).
 */
import { z } from 'zod';

const RECEIVED_EVENT_PATTERN = /^\*$|^[A-Za-z0-9_][A-Za-z0-9_.:/-]*\*?$/;

export const RECEIVED_EVENT_PATTERN_HELP =
  'an event type is letters, digits and . _ : / -, optionally ending in * to match a prefix (customer.*, orders/*), or * for every type';

export const receivedEventPatternSchema = z
  .string({ error: 'an event type must be text' })
  .trim()
  .min(1, 'an event type must not be empty')
  .max(200, 'an event type can be at most 200 characters')
  .regex(RECEIVED_EVENT_PATTERN, RECEIVED_EVENT_PATTERN_HELP);
