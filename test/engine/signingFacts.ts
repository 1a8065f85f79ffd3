/** What the signing tests share: each scheme's facts, a fixed clock and body, and small checks. */

import { expect } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { type SchemeName } from '../../src-main/api/schemas';
import type { HeaderMap, SignInput, VerifyResult } from '../../src-main/engine/signing/types';

/**
 * What the tests need to know about each scheme. A Record over SchemeName, so a scheme
 * added to SCHEME_NAMES does not compile here until its facts are written down — and then
 * every loop below covers it.
 */
export interface SchemeFacts {
  /** The header carrying the signature (undefined: the scheme does not sign). */
  signatureHeader?: string;
  /** Headers without which verification must report missing_header naming them. */
  requiredHeaders: string[];
  /** A value of the signature header that is there but unreadable. */
  malformedSignature?: string;
  /** The signed timestamp is checked against the tolerance window. */
  enforcesTolerance: boolean;
  /** The id header's value comes back as result.id. */
  carriesId: boolean;
}

export const FACTS: Record<SchemeName, SchemeFacts> = {
  standard: {
    signatureHeader: 'webhook-signature',
    requiredHeaders: ['webhook-signature', 'webhook-id', 'webhook-timestamp'],
    malformedSignature: 'v1a,bm90IGEgc2lnbmF0dXJl',
    enforcesTolerance: true,
    carriesId: true,
  },
  'hmac-sha256': {
    signatureHeader: 'X-Webhook-Signature',
    requiredHeaders: ['X-Webhook-Signature'],
    malformedSignature: 'md5=abc',
    enforcesTolerance: false,
    carriesId: true,
  },
  stripe: {
    signatureHeader: 'Stripe-Signature',
    requiredHeaders: ['Stripe-Signature'],
    malformedSignature: 'v1=abcdef',
    enforcesTolerance: true,
    carriesId: false,
  },
  github: {
    signatureHeader: 'X-Hub-Signature-256',
    requiredHeaders: ['X-Hub-Signature-256'],
    malformedSignature: 'sha1=0123456789abcdef',
    enforcesTolerance: false,
    carriesId: true,
  },
  slack: {
    signatureHeader: 'X-Slack-Signature',
    requiredHeaders: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
    malformedSignature: 'v1=0123abcd',
    enforcesTolerance: true,
    carriesId: false,
  },
  shopify: {
    signatureHeader: 'X-Shopify-Hmac-Sha256',
    requiredHeaders: ['X-Shopify-Hmac-Sha256'],
    malformedSignature: 'not base64!',
    enforcesTolerance: false,
    carriesId: true,
  },
  none: { requiredHeaders: [], enforcesTolerance: false, carriesId: false },
};

export const NOW = 1_760_000_000;
export const BODY = Buffer.from(
  JSON.stringify({
    id: 'evt_2Yk7cQp4Xn8',
    type: 'invoice.paid',
    timestamp: '2025-10-09T08:53:20.000Z',
    data: {
      invoiceId: 'inv_1042',
      customerId: 'cus_88',
      amount: 4900,
      currency: 'EUR',
      paidAt: '2025-10-09T08:53:19.412Z',
    },
  }),
);

export function input(secrets: string[], overrides: Partial<SignInput> = {}): SignInput {
  return { id: 'msg_2Yk7cQp4Xn8', timestamp: NOW, eventType: 'invoice.paid', body: BODY, secrets, ...overrides };
}

export function expectInvalid(result: VerifyResult): Extract<VerifyResult, { valid: false }> {
  if (result.valid) throw new Error(`expected an invalid result, got ${JSON.stringify(result)}`);
  return result;
}

export function expectValid(result: VerifyResult): Extract<VerifyResult, { valid: true }> {
  if (!result.valid) throw new Error(`expected a valid result, got ${result.reason}: ${result.message}`);
  return result;
}

/** Remove a header whatever the case of its key. */
export function without(headers: Record<string, string>, name: string): HeaderMap {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
}

export function expectSecretError(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HookbenchError);
    expect((e as HookbenchError).code).toBe('validation');
    expect((e as HookbenchError).field).toBe('secret');
    return;
  }
  throw new Error('expected a validation error on field secret');
}
