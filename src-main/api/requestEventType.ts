/**
 * A received request's event type, one rule for the receiver (forwarding per event type) and
 * `hookbench listen --expect`: the event header of the scheme that verified it (GitHub's
 * X-GitHub-Event, Shopify's X-Shopify-Topic, …), else any scheme's event header, else the JSON
 * body's `type` (Stripe, Standard Webhooks). Null when the request names none.
 */
import { DETECT_ORDER, SCHEME_DESCRIPTORS, type SchemeName } from './schemes';

/** Every scheme's event header, in detection order. */
const EVENT_HEADERS: readonly string[] = [
  ...new Set(
    DETECT_ORDER.flatMap((n): string[] => {
      const header: string | null = SCHEME_DESCRIPTORS[n].eventHeader;
      return header === null ? [] : [header];
    }),
  ),
];

/**
 * `header(name)` reads a request header (any case); `bodyType()` gives the JSON body's `type`
 * member, and is called only when no header names the type (it may parse the body).
 */
export function requestEventType(
  scheme: SchemeName | null,
  header: (name: string) => string | undefined,
  bodyType: () => unknown,
): string | null {
  const own: string | null = scheme ? SCHEME_DESCRIPTORS[scheme].eventHeader : null;
  for (const name of own ? [own, ...EVENT_HEADERS] : EVENT_HEADERS) {
    const value = header(name)?.trim();
    if (value) return value;
  }
  const type = bodyType();
  return typeof type === 'string' && type !== '' ? type : null;
}
