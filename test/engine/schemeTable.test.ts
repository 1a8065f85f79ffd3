/**
 * The scheme descriptor table (src-main/api/schemes.ts) against the signing modules: every fact
 * the table states is checked by signing and verifying real bodies, and the renderer's words
 * about rotation come from the same table.
 */
import { describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import {
  headersOf,
  ROTATING_SCHEMES,
  SCHEME_DESCRIPTORS,
  SCHEME_NAMES,
  schemeDescriptor,
  sentHeadersOf,
  type SchemeName,
} from '../../src-main/api/schemes';
import { SCHEMES } from '../../src-main/engine/signing/registry';
import type { HeaderMap } from '../../src-main/engine/signing/types';
import { WebhookService } from '../../src-main/engine/webhooks/webhookService';
import type { Webhook } from '../../src-main/api/types';
import { isSignatureHeader } from '../../src-renderer/components/signatureHeaders';
import { rotationNote } from '../../src-renderer/pages/webhooks/rotationNote';
import { BODY, input, NOW, without } from './signingFacts';

const lowerKeys = (headers: Record<string, string>) =>
  Object.keys(headers)
    .map((k) => k.toLowerCase())
    .sort();
const replaced = (headers: Record<string, string>, name: string, value: string): HeaderMap => ({
  ...Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase())),
  [name]: value,
});

/** What signing a rotated webhook's delivery does: how many of its two secrets each verify alone. */
function secretsThatVerifyAfterRotation(name: SchemeName): number {
  const scheme = SCHEMES[name];
  const [oldSecret, newSecret] = [scheme.generateSecret(), scheme.generateSecret()];
  const rotated = {
    secret: newSecret,
    previousSecret: oldSecret,
    previousSecretExpiresAt: NOW * 1000 + 3_600_000,
  } as Webhook;
  const headers = scheme.sign(input(WebhookService.signingSecrets(rotated, NOW * 1000)));
  return [newSecret, oldSecret].filter((s) => scheme.verify({ headers, body: BODY, secrets: [s], now: NOW }).valid)
    .length;
}

describe('rotation, derived from the table', () => {
  it.each(SCHEME_NAMES.filter((n) => n !== 'none'))(
    '%s: a rotated delivery verifies with both secrets exactly when the table says several signatures fit',
    (name) => {
      expect(secretsThatVerifyAfterRotation(name)).toBe(SCHEME_DESCRIPTORS[name].multipleSignatures ? 2 : 1);
    },
  );

  it('the rotate dialog promises both signatures for exactly the schemes that sign with both', () => {
    const promised = SCHEME_NAMES.filter((n) => rotationNote(n).includes('both secrets'));
    expect(promised).toEqual(ROTATING_SCHEMES);
    expect(promised).toEqual(SCHEME_NAMES.filter((n) => n !== 'none' && secretsThatVerifyAfterRotation(n) === 2));
    expect(promised).toContain('hmac-sha256');
  });

  it('the rotate dialog says a one-signature scheme signs with the new secret only', () => {
    for (const name of SCHEME_NAMES.filter((n) => !ROTATING_SCHEMES.includes(n) && n !== 'none')) {
      expect(rotationNote(name)).toContain('new secret only');
    }
  });
});

describe.each(SCHEME_NAMES.map((name) => [name] as const))('%s module against its descriptor', (name) => {
  const scheme = SCHEMES[name];
  const d = schemeDescriptor(name);
  const secret = scheme.generateSecret();
  const headers = scheme.sign(input([secret]));

  it('signing writes exactly the headers the table lists as sent', () => {
    expect(lowerKeys(headers)).toEqual(
      sentHeadersOf(name)
        .map((h) => h.toLowerCase())
        .sort(),
    );
  });

  it('is detected by every signature header the table lists, aliases included', () => {
    for (const header of d.signatureHeaders) {
      const sent = d.signatureHeaders[0]!;
      expect(scheme.detect({ ...without(headers, sent), [header]: headers[sent]! })).toBe(true);
    }
    if (d.signatureHeaders.length === 0) expect(scheme.detect(headers)).toBe(false);
  });

  it('sends the event type in the event header the table names', () => {
    const event = Object.entries(scheme.sign(input([secret], { eventType: 'orders.paid' }))).filter(
      ([, v]) => v === 'orders.paid',
    );
    expect(event.map(([k]) => k)).toEqual(d.eventHeader ? [d.eventHeader] : []);
  });

  // (Only schemes with an id header, and below with a timestamp header, have these tests at all.)
  if (d.idHeaders.length > 0)
    it('reads its id from the id header, and the signature covers it exactly when the table says so', () => {
      const result = scheme.verify({ headers, body: BODY, secrets: [secret], now: NOW });
      expect(result.valid && result.id).toBe(input([]).id);
      const changed = scheme.verify({
        headers: replaced(headers, d.idHeaders[0]!, 'msg_other'),
        body: BODY,
        secrets: [secret],
        now: NOW,
      });
      expect(changed.valid).toBe(!d.idSigned);
    });

  if (d.timestampHeaders.length > 0)
    it('the signature covers the timestamp exactly when the table says so', () => {
      const header = d.timestampHeaders[0]!;
      const original = headers[header]!;
      // Unix seconds are edited in place (Stripe's `t=` shares its header with the signature); others are re-rendered.
      const later = original.includes(String(NOW))
        ? original.replace(String(NOW), String(NOW + 60))
        : scheme.sign(input([secret], { timestamp: NOW + 60 }))[header]!;
      expect(later).not.toBe(original);
      const changed = scheme.verify({
        headers: replaced(headers, header, later),
        body: BODY,
        secrets: [secret],
        now: NOW,
        toleranceSec: 3600,
      });
      expect(changed.valid).toBe(!d.timestampSigned);
    });

  it(`accepts and generates secrets of its format (${d.secretFormat})`, () => {
    expect(() => scheme.checkSecret(secret)).not.toThrow();
    const plain = () => scheme.checkSecret('a plain text secret');
    if (d.secretFormat === 'whsec-base64') {
      expect(secret.startsWith('whsec_')).toBe(true);
      expect(plain).toThrow(HookbenchError);
    } else {
      expect(plain).not.toThrow();
    }
    if (d.secretFormat === 'unused') expect(() => scheme.checkSecret('')).not.toThrow();
    else expect(() => scheme.checkSecret('')).toThrow(HookbenchError);
  });

  it('the renderer highlights every header the table lists for it', () => {
    expect(headersOf(name).filter((h) => !isSignatureHeader(h))).toEqual([]);
  });
});
