/**
 * Every signing scheme, described once: what people call it, which header carries what, whether
 * a rotation can sign with both secrets, and what a secret looks like. Isomorphic (no imports),
 * so the signing modules, the registry, the receiver, the CLI and the renderer all read this
 * table. A new scheme is an entry here plus its module in engine/signing (and its registry line).
 */

/** `whsec-base64`: `whsec_` then canonical base64 (the decoded bytes are the key); `text`: any printable text, used as its UTF-8 bytes; `unused`: never read. */
export type SecretFormat = 'whsec-base64' | 'text' | 'unused';

export interface SchemeDescriptor {
  /** What the UI calls the scheme. */
  label: string;
  /** The signature header as sent, then aliases accepted on receipt. Empty: the scheme does not sign. */
  signatureHeaders: readonly string[];
  /** Other senders reuse the signature header's name for their own formats, so `auto` tries this scheme last. */
  genericSignatureHeader: boolean;
  /** The message-id header as sent, then aliases. Empty: none. */
  idHeaders: readonly string[];
  /** The JSON body's `id` is the message id (Stripe sends no id header). */
  idInBody: boolean;
  /** Whether the signature covers the id. */
  idSigned: boolean;
  /** The timestamp header as sent, then aliases (Stripe's is the `t=` inside its signature header). */
  timestampHeaders: readonly string[];
  /** Whether the signature covers the timestamp (its window is then enforced). */
  timestampSigned: boolean;
  /** The header the event type is sent in, if any. */
  eventHeader: string | null;
  /** One request carries several signatures, so during a rotation deliveries are signed with both secrets. */
  multipleSignatures: boolean;
  secretFormat: SecretFormat;
}

/** In the order the UI and the CLI list them. */
export const SCHEME_DESCRIPTORS = {
  standard: {
    label: 'Standard Webhooks',
    // svix-*: Svix-branded senders (Clerk, Resend, …) send the same scheme under these names.
    signatureHeaders: ['webhook-signature', 'svix-signature'],
    genericSignatureHeader: false,
    idHeaders: ['webhook-id', 'svix-id'],
    idInBody: false,
    idSigned: true,
    timestampHeaders: ['webhook-timestamp', 'svix-timestamp'],
    timestampSigned: true,
    eventHeader: null,
    multipleSignatures: true,
    secretFormat: 'whsec-base64',
  },
  'hmac-sha256': {
    label: 'Plain HMAC-SHA256',
    signatureHeaders: ['X-Webhook-Signature'],
    genericSignatureHeader: true,
    idHeaders: ['X-Webhook-Delivery'],
    idInBody: false,
    idSigned: false,
    timestampHeaders: ['X-Webhook-Timestamp'],
    timestampSigned: false,
    eventHeader: 'X-Webhook-Event',
    multipleSignatures: true,
    secretFormat: 'text',
  },
  stripe: {
    label: 'Stripe',
    signatureHeaders: ['Stripe-Signature'],
    genericSignatureHeader: false,
    idHeaders: [],
    idInBody: true,
    idSigned: false,
    timestampHeaders: ['Stripe-Signature'],
    timestampSigned: true,
    eventHeader: null,
    multipleSignatures: true,
    secretFormat: 'text',
  },
  github: {
    label: 'GitHub',
    signatureHeaders: ['X-Hub-Signature-256'],
    genericSignatureHeader: false,
    idHeaders: ['X-GitHub-Delivery'],
    idInBody: false,
    idSigned: false,
    timestampHeaders: [],
    timestampSigned: false,
    eventHeader: 'X-GitHub-Event',
    multipleSignatures: false,
    secretFormat: 'text',
  },
  slack: {
    label: 'Slack',
    signatureHeaders: ['X-Slack-Signature'],
    genericSignatureHeader: false,
    idHeaders: [],
    idInBody: false,
    idSigned: false,
    timestampHeaders: ['X-Slack-Request-Timestamp'],
    timestampSigned: true,
    eventHeader: null,
    multipleSignatures: false,
    secretFormat: 'text',
  },
  shopify: {
    label: 'Shopify',
    signatureHeaders: ['X-Shopify-Hmac-Sha256'],
    genericSignatureHeader: false,
    idHeaders: ['X-Shopify-Webhook-Id'],
    idInBody: false,
    idSigned: false,
    timestampHeaders: ['X-Shopify-Triggered-At'],
    timestampSigned: false,
    eventHeader: 'X-Shopify-Topic',
    multipleSignatures: false,
    secretFormat: 'text',
  },
  none: {
    label: 'No signature',
    signatureHeaders: [],
    genericSignatureHeader: false,
    idHeaders: [],
    idInBody: false,
    idSigned: false,
    timestampHeaders: [],
    timestampSigned: false,
    eventHeader: null,
    multipleSignatures: false,
    secretFormat: 'unused',
  },
} as const satisfies Record<string, SchemeDescriptor>;

export type SchemeName = keyof typeof SCHEME_DESCRIPTORS;
export const SCHEME_NAMES = Object.keys(SCHEME_DESCRIPTORS) as readonly SchemeName[];

/** The descriptor of one scheme, widened to the common shape. */
export const schemeDescriptor = (name: SchemeName): SchemeDescriptor => SCHEME_DESCRIPTORS[name];

/** Schemes that put a signature on the request (all but `none`). */
export const SIGNING_SCHEMES = SCHEME_NAMES.filter((n) => schemeDescriptor(n).signatureHeaders.length > 0);

/** Schemes that sign with both secrets during a rotation. */
export const ROTATING_SCHEMES = SCHEME_NAMES.filter((n) => schemeDescriptor(n).multipleSignatures);

/** The order `auto` tries schemes in: distinctive signature headers first, reused names last. */
export const DETECT_ORDER: readonly SchemeName[] = [
  ...SIGNING_SCHEMES.filter((n) => !schemeDescriptor(n).genericSignatureHeader),
  ...SIGNING_SCHEMES.filter((n) => schemeDescriptor(n).genericSignatureHeader),
];

/** The headers a scheme's signing writes: the first name of each kind, once each. */
export function sentHeadersOf(name: SchemeName): string[] {
  const d = schemeDescriptor(name);
  const first = [d.signatureHeaders[0], d.idHeaders[0], d.timestampHeaders[0], d.eventHeader ?? undefined];
  return [...new Set(first.filter((h): h is string => h !== undefined))];
}

/** Every header a scheme writes or reads, aliases included. */
export function headersOf(name: SchemeName): string[] {
  const d = schemeDescriptor(name);
  return [
    ...new Set([
      ...d.signatureHeaders,
      ...d.idHeaders,
      ...d.timestampHeaders,
      ...(d.eventHeader ? [d.eventHeader] : []),
    ]),
  ];
}

/** Select options: the scheme name as value, its label as text. */
export function schemeOptions(names: readonly SchemeName[] = SCHEME_NAMES): { value: SchemeName; label: string }[] {
  return names.map((value) => ({ value, label: schemeDescriptor(value).label }));
}
