import { describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { headerValues, lowerCaseHeaderMap } from '../../src-main/engine/signing/headers';
import { SCHEMES } from '../../src-main/engine/signing/registry';
import type { HeaderMap } from '../../src-main/engine/signing/types';
import { NOW, BODY, input, expectInvalid, expectValid, expectSecretError } from './signingFacts';

describe('standard specifics', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const signed = SCHEMES.standard.sign(input([secret]));

  it('generates whsec_ + base64 of 32 bytes', () => {
    const s = SCHEMES.standard.generateSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(32);
  });

  it('checkSecret requires the whsec_ prefix and canonical base64 of at least one byte', () => {
    expectSecretError(() => SCHEMES.standard.checkSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'));
    expectSecretError(() => SCHEMES.standard.checkSecret('whsec_'));
    expectSecretError(() => SCHEMES.standard.checkSecret('whsec_not base64!'));
    expectSecretError(() => SCHEMES.standard.checkSecret('whsec_abc'));
    expectSecretError(() => SCHEMES.standard.checkSecret('whsec_===='));
    expect(() => SCHEMES.standard.checkSecret(secret)).not.toThrow();
    expect(() => SCHEMES.standard.checkSecret('whsec_AA==')).not.toThrow();
  });

  it('skips entries of other versions and reads a rotation list', () => {
    const sig = signed['webhook-signature'];
    const headers = { ...signed, 'webhook-signature': `v1a,c29tZSBhc3ltbWV0cmljIHNpZw== v1,AAAA ${sig}` };
    const result = expectValid(SCHEMES.standard.verify({ headers, body: BODY, secrets: [secret], now: NOW }));
    expect(result.secretIndex).toBe(0);
  });

  it('reads a repeated header joined by Node with ", "', () => {
    const headers = { ...signed, 'webhook-signature': `v1,AAAA, ${signed['webhook-signature']}` };
    expectValid(SCHEMES.standard.verify({ headers, body: BODY, secrets: [secret], now: NOW }));
  });

  it('malformed: no v1 entry, or a timestamp that is not unix seconds', () => {
    const noV1 = expectInvalid(
      SCHEMES.standard.verify({
        headers: { ...signed, 'webhook-signature': 'v2,abc' },
        body: BODY,
        secrets: [secret],
        now: NOW,
      }),
    );
    expect(noV1.reason).toBe('malformed_header');
    expect(noV1.message).toContain('v1,');
    const ms = expectInvalid(
      SCHEMES.standard.verify({
        headers: { ...signed, 'webhook-timestamp': String(NOW * 1000) + '.5' },
        body: BODY,
        secrets: [secret],
        now: NOW,
      }),
    );
    expect(ms.reason).toBe('malformed_header');
    expect(ms.header).toBe('webhook-timestamp');
  });

  it('accepts the svix-* header names Svix-branded senders use', () => {
    const headers = {
      'svix-id': signed['webhook-id'],
      'svix-timestamp': signed['webhook-timestamp'],
      'svix-signature': signed['webhook-signature'],
    };
    expect(SCHEMES.standard.detect(headers)).toBe(true);
    const result = expectValid(SCHEMES.standard.verify({ headers, body: BODY, secrets: [secret], now: NOW }));
    expect(result.header).toBe('svix-signature');
    expect(result.id).toBe('msg_2Yk7cQp4Xn8');
  });

  it('verifies with a secret pasted without its prefix (as the reference library does)', () => {
    expectValid(SCHEMES.standard.verify({ headers: signed, body: BODY, secrets: [secret.slice(6)], now: NOW }));
  });

  it('the bad_signature result lists v1, entries', () => {
    const result = expectInvalid(
      SCHEMES.standard.verify({ headers: signed, body: Buffer.from('{}'), secrets: [secret], now: NOW }),
    );
    expect(result.expected![0]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(result.received).toEqual([signed['webhook-signature']]);
  });
});

describe('stripe specifics', () => {
  const secret = 'whsec_test_3c7f0e4b9a';
  const signed = SCHEMES.stripe.sign(input([secret]));

  it('keys the HMAC with the whole secret, prefix included', () => {
    const header = signed['Stripe-Signature'];
    expect(header).toMatch(/^t=1760000000,v1=[0-9a-f]{64}$/);
    const withoutPrefix = SCHEMES.stripe.sign(input(['test_3c7f0e4b9a']))['Stripe-Signature'];
    expect(withoutPrefix).not.toBe(header);
  });

  it('generates whsec_-prefixed secrets', () => {
    expect(SCHEMES.stripe.generateSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });

  it('ignores v0 entries and spaces between items', () => {
    const v1 = signed['Stripe-Signature'].split(',')[1];
    const headers = { 'stripe-signature': `t=${NOW}, v1=${'0'.repeat(64)}, ${v1}, v0=${'1'.repeat(64)}` };
    expect(expectValid(SCHEMES.stripe.verify({ headers, body: BODY, secrets: [secret], now: NOW })).secretIndex).toBe(
      0,
    );
  });

  it('malformed without t= or without v1=', () => {
    const v1 = signed['Stripe-Signature'].split(',')[1];
    for (const value of [v1, `t=${NOW}`, `t=${NOW},v0=abc`, `t=soon,${v1}`]) {
      const result = expectInvalid(
        SCHEMES.stripe.verify({ headers: { 'Stripe-Signature': value }, body: BODY, secrets: [secret], now: NOW }),
      );
      expect(result.reason).toBe('malformed_header');
      expect(result.header).toBe('Stripe-Signature');
    }
  });

  it('bad_signature lists every v1 entry received and v1= entries expected', () => {
    const rotated = SCHEMES.stripe.sign(input([secret, 'whsec_old']));
    const result = expectInvalid(
      SCHEMES.stripe.verify({ headers: rotated, body: BODY, secrets: ['whsec_other'], now: NOW }),
    );
    expect(result.received).toEqual(rotated['Stripe-Signature'].split(',').slice(1));
    expect(result.expected![0]).toMatch(/^v1=[0-9a-f]{64}$/);
  });
});

describe('hmac-sha256 specifics', () => {
  const secret = 'plain-shared-secret';

  it('sends the documented headers with a comma-separated list on rotation', () => {
    const headers = SCHEMES['hmac-sha256'].sign(input([secret, 'older-secret']));
    expect(Object.keys(headers).sort()).toEqual([
      'X-Webhook-Delivery',
      'X-Webhook-Event',
      'X-Webhook-Signature',
      'X-Webhook-Timestamp',
    ]);
    expect(headers['X-Webhook-Signature']).toMatch(/^sha256=[0-9a-f]{64},sha256=[0-9a-f]{64}$/);
    expect(headers['X-Webhook-Event']).toBe('invoice.paid');
    expect(headers['X-Webhook-Timestamp']).toBe(String(NOW));
  });

  it('reports the unsigned timestamp without enforcing it', () => {
    const headers = SCHEMES['hmac-sha256'].sign(input([secret], { timestamp: NOW - 4000 }));
    const result = expectValid(SCHEMES['hmac-sha256'].verify({ headers, body: BODY, secrets: [secret], now: NOW }));
    expect(result.timestamp).toBe(NOW - 4000);
    expect(result.skewSec).toBe(4000);
    expect(result.id).toBe('msg_2Yk7cQp4Xn8');
  });
});

describe('shopify specifics', () => {
  it('sends a base64 signature, topic, id and the trigger time', () => {
    const headers = SCHEMES.shopify.sign(input(['shpss_secret']));
    expect(headers['X-Shopify-Hmac-Sha256']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(headers['X-Shopify-Topic']).toBe('invoice.paid');
    expect(headers['X-Shopify-Webhook-Id']).toBe('msg_2Yk7cQp4Xn8');
    expect(headers['X-Shopify-Triggered-At']).toBe(new Date(NOW * 1000).toISOString());
  });
});

describe('sign-side timestamp check', () => {
  it.each(['standard', 'hmac-sha256', 'stripe', 'slack', 'shopify'] as const)(
    '%s refuses a timestamp that is not whole unix seconds',
    (name) => {
      const scheme = SCHEMES[name];
      for (const timestamp of [NOW + 0.5, NOW * 1000, -1, Number.NaN]) {
        try {
          scheme.sign(input([scheme.generateSecret()], { timestamp }));
          throw new Error(`accepted ${timestamp}`);
        } catch (e) {
          expect(e).toBeInstanceOf(HookbenchError);
          expect((e as HookbenchError).field).toBe('timestamp');
        }
      }
    },
  );
});

describe('header lookup', () => {
  it("finds names in any case, in a plain map and in the receiver's lower-case map alike", () => {
    const pairs: [string, string][] = [
      ['Webhook-Id', 'msg_1'],
      ['X-Multi', 'a'],
      ['x-multi', 'b'],
    ];
    const plain: HeaderMap = { 'Webhook-Id': 'msg_1', 'X-Multi': ['a'], 'x-multi': 'b' };
    for (const map of [lowerCaseHeaderMap(pairs), plain]) {
      expect(headerValues(map, 'WEBHOOK-ID')).toEqual(['msg_1']);
      expect(headerValues(map, 'x-multi')).toEqual(['a', 'b']);
      expect(headerValues(map, 'absent')).toEqual([]);
    }
  });

  it('hands out copies: changing a result does not change the map', () => {
    const map = lowerCaseHeaderMap([['Webhook-Signature', 'v1,abc']]);
    headerValues(map, 'webhook-signature').push('v1,forged');
    expect(headerValues(map, 'webhook-signature')).toEqual(['v1,abc']);
  });
});
