import { describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { SCHEME_NAMES } from '../../src-main/api/schemas';
import { DETECT_ORDER, detectScheme, getScheme, SCHEMES, verifyAuto } from '../../src-main/engine/signing/registry';
import type { SignInput } from '../../src-main/engine/signing/types';

const NOW = 1_760_000_000;
const BODY = Buffer.from(
  JSON.stringify({ id: 'evt_01', type: 'order.created', data: { orderId: 'ord_77', total: 129.5 } }),
);

function signInput(secrets: string[]): SignInput {
  return { id: 'evt_01', timestamp: NOW, eventType: 'order.created', body: BODY, secrets };
}

describe('registry', () => {
  it('has exactly one scheme per name, each under its own name', () => {
    expect(Object.keys(SCHEMES).sort()).toEqual([...SCHEME_NAMES].sort());
    for (const name of SCHEME_NAMES) expect(SCHEMES[name].name).toBe(name);
  });

  it('getScheme returns the scheme and rejects an unknown name as a scheme field error', () => {
    expect(getScheme('stripe')).toBe(SCHEMES.stripe);
    try {
      getScheme('sha1');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(HookbenchError);
      expect((e as HookbenchError).code).toBe('validation');
      expect((e as HookbenchError).field).toBe('scheme');
      expect((e as HookbenchError).message).toContain('standard, hmac-sha256');
    }
  });

  it('detection covers every scheme except none', () => {
    expect([...DETECT_ORDER].sort()).toEqual(SCHEME_NAMES.filter((n) => n !== 'none').sort());
  });
});

describe.each(SCHEME_NAMES.map((name) => [name] as const))('auto with %s', (name) => {
  const scheme = SCHEMES[name];
  const secret = scheme.generateSecret();
  const headers = scheme.sign(signInput([secret]));

  if (name === 'none') {
    it('detects nothing in an unsigned request', () => {
      expect(detectScheme(headers)).toBeUndefined();
    });
    return;
  }

  it('detects the scheme from its signed headers', () => {
    expect(detectScheme(headers)).toBe(name);
  });

  it('verifies through verifyAuto', () => {
    const result = verifyAuto({ headers, body: BODY, secrets: [secret], now: NOW });
    expect(result).toMatchObject({ valid: true, scheme: name, secretIndex: 0 });
  });

  it('reports the detected scheme on failure', () => {
    const result = verifyAuto({ headers, body: Buffer.from('{}'), secrets: [secret], now: NOW });
    expect(result).toMatchObject({ valid: false, scheme: name, reason: 'bad_signature' });
  });
});

describe('detectScheme', () => {
  it('is case-insensitive', () => {
    expect(detectScheme({ 'STRIPE-SIGNATURE': 't=1,v1=ab' })).toBe('stripe');
    expect(detectScheme({ 'x-hub-signature-256': ['sha256=ab'] })).toBe('github');
  });

  it('follows the documented order when several signature headers are present', () => {
    const all = {
      'X-Webhook-Signature': 'sha256=aa',
      'X-Shopify-Hmac-Sha256': 'aa==',
      'X-Slack-Signature': 'v0=aa',
      'X-Hub-Signature-256': 'sha256=aa',
      'Stripe-Signature': 't=1,v1=aa',
      'webhook-signature': 'v1,aa',
    };
    const seen: string[] = [];
    let remaining: Record<string, string> = { ...all };
    for (;;) {
      const found = detectScheme(remaining);
      if (found === undefined) break;
      seen.push(found);
      const header = Object.keys(remaining).find((h) => SCHEMES[found].detect({ [h]: remaining[h] }))!;
      remaining = Object.fromEntries(Object.entries(remaining).filter(([k]) => k !== header));
    }
    expect(seen).toEqual(['standard', 'stripe', 'github', 'slack', 'shopify', 'hmac-sha256']);
  });

  it('ignores undefined values and unrelated headers', () => {
    expect(detectScheme({ 'webhook-signature': undefined, 'content-type': 'application/json' })).toBeUndefined();
    expect(detectScheme({ 'webhook-signature': [] })).toBeUndefined();
  });
});

describe('verifyAuto without a signature header', () => {
  it('is missing_header and names every header it looked for', () => {
    const result = verifyAuto({ headers: { 'content-type': 'application/json' }, body: BODY, secrets: ['s'] });
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.reason).toBe('missing_header');
    for (const header of [
      'webhook-signature',
      'Stripe-Signature',
      'X-Hub-Signature-256',
      'X-Slack-Signature',
      'X-Shopify-Hmac-Sha256',
      'X-Webhook-Signature',
    ]) {
      expect(result.message).toContain(header);
    }
  });
});
