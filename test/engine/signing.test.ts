import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { SCHEME_NAMES } from '../../src-main/api/schemas';
import { SCHEME_DESCRIPTORS } from '../../src-main/api/schemes';
import { getScheme, SCHEMES } from '../../src-main/engine/signing/registry';
import type { HeaderMap } from '../../src-main/engine/signing/types';
import { FACTS, NOW, BODY, input, expectInvalid, expectValid, without, expectSecretError } from './signingFacts';

describe('published vectors', () => {
  it('Standard Webhooks spec example', () => {
    const headers = SCHEMES.standard.sign({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      eventType: 'test',
      body: Buffer.from('{"test": 2432232314}'),
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
    const result = SCHEMES.standard.verify({
      headers,
      body: Buffer.from('{"test": 2432232314}'),
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      now: 1614265330 + 10,
    });
    expect(result).toEqual({
      valid: true,
      scheme: 'standard',
      secretIndex: 0,
      header: 'webhook-signature',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      skewSec: 10,
    });
  });

  it('GitHub documentation example', () => {
    const headers = SCHEMES.github.sign({
      id: 'delivery-1',
      timestamp: NOW,
      eventType: 'push',
      body: Buffer.from('Hello, World!'),
      secrets: ["It's a Secret to Everybody"],
    });
    expect(headers['X-Hub-Signature-256']).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
    expect(headers['X-GitHub-Event']).toBe('push');
    expect(headers['X-GitHub-Delivery']).toBe('delivery-1');
  });

  it('Slack documentation example', () => {
    const body = Buffer.from(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
        '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
        '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
        '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    );
    const result = SCHEMES.slack.verify({
      headers: {
        'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
        'x-slack-request-timestamp': '1531420618',
      },
      body,
      secrets: ['8f742231b10e8888abcd99yyyzzz85a5'],
      now: 1531420618,
    });
    expect(expectValid(result).secretIndex).toBe(0);
  });
});

describe.each(SCHEME_NAMES.map((name) => [name] as const))('%s scheme', (name) => {
  const scheme = getScheme(name);
  const facts = FACTS[name];
  const [secretA, secretB, secretC] = [scheme.generateSecret(), scheme.generateSecret(), scheme.generateSecret()];
  const signs = facts.signatureHeader !== undefined;

  it('is registered under its own name', () => {
    expect(scheme.name).toBe(name);
    expect(SCHEMES[name]).toBe(scheme);
  });

  it('generates secrets it accepts, different every time', () => {
    expect(() => scheme.checkSecret(secretA)).not.toThrow();
    expect(secretA).not.toBe(secretB);
  });

  it('round trip verifies', () => {
    const headers = scheme.sign(input([secretA]));
    const result = expectValid(scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW + 3 }));
    expect(result.scheme).toBe(name);
    if (!signs) {
      expect(headers).toEqual({});
      expect(result.secretIndex).toBe(-1);
      return;
    }
    expect(result.secretIndex).toBe(0);
    expect(result.header).toBe(facts.signatureHeader);
    if (facts.carriesId) expect(result.id).toBe('msg_2Yk7cQp4Xn8');
    if (facts.enforcesTolerance) {
      expect(result.timestamp).toBe(NOW);
      expect(result.skewSec).toBe(3);
    }
  });

  it('signs deterministically', () => {
    expect(scheme.sign(input([secretA]))).toEqual(scheme.sign(input([secretA])));
  });

  it('matches headers case-insensitively and accepts array values', () => {
    const signed = scheme.sign(input([secretA]));
    const shouted: HeaderMap = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toUpperCase(), [v]]));
    expectValid(scheme.verify({ headers: shouted, body: BODY, secrets: [secretA], now: NOW }));
    const lower: HeaderMap = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
    expectValid(scheme.verify({ headers: lower, body: BODY, secrets: [secretA], now: NOW }));
  });

  it('round trips a binary body byte for byte', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]), randomBytes(512)]);
    const headers = scheme.sign(input([secretA], { body }));
    expectValid(scheme.verify({ headers, body, secrets: [secretA], now: NOW }));
    if (!signs) return;
    const flipped = Buffer.from(body);
    flipped[0] = 0xfd;
    expect(expectInvalid(scheme.verify({ headers, body: flipped, secrets: [secretA], now: NOW })).reason).toBe(
      'bad_signature',
    );
  });

  if (!signs) {
    it('accepts anything, even with no headers and no secret', () => {
      expect(scheme.verify({ headers: {}, body: BODY, secrets: [] })).toEqual({
        valid: true,
        scheme: name,
        secretIndex: -1,
      });
      expect(scheme.detect(scheme.sign(input([secretA])))).toBe(false);
      expect(() => scheme.checkSecret('')).not.toThrow();
    });
    return;
  }

  const sigHeader = facts.signatureHeader!;

  it('tampered body → bad_signature with expected and received in the header form', () => {
    const headers = scheme.sign(input([secretA]));
    const tampered = Buffer.from(BODY.toString().replace('4900', '5900'));
    const result = expectInvalid(scheme.verify({ headers, body: tampered, secrets: [secretA, secretB], now: NOW }));
    expect(result.reason).toBe('bad_signature');
    expect(result.message).toBe('signature does not match any of 2 secrets');
    expect(result.header).toBe(sigHeader);
    expect(result.received).toHaveLength(1);
    expect(headers[sigHeader]).toContain(result.received![0]);
    // The expected signatures are exactly what signing the tampered body would have sent.
    expect(result.expected).toHaveLength(2);
    expect(scheme.sign(input([secretA], { body: tampered }))[sigHeader]).toContain(result.expected![0]);
    expect(scheme.sign(input([secretB], { body: tampered }))[sigHeader]).toContain(result.expected![1]);
  });

  it('wrong secret → bad_signature', () => {
    const headers = scheme.sign(input([secretA]));
    const result = expectInvalid(scheme.verify({ headers, body: BODY, secrets: [secretB], now: NOW }));
    expect(result.reason).toBe('bad_signature');
    expect(result.message).toBe('signature does not match any of 1 secret');
    expect(result.expected).toHaveLength(1);
    expect(result.expected![0]).not.toBe(result.received![0]);
  });

  it('no secret → no_secret', () => {
    const headers = scheme.sign(input([secretA]));
    const result = expectInvalid(scheme.verify({ headers, body: BODY, secrets: [], now: NOW }));
    expect(result.reason).toBe('no_secret');
    expect(() => scheme.sign(input([]))).toThrow(HookbenchError);
  });

  it.each(facts.requiredHeaders.map((h) => [h] as const))('missing %s → missing_header', (header) => {
    const headers = without(scheme.sign(input([secretA])), header);
    const result = expectInvalid(scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW }));
    expect(result.reason).toBe('missing_header');
    expect(result.header).toBe(header);
    expect(result.message).toContain(header);
  });

  it('unreadable signature header → malformed_header', () => {
    const headers = { ...without(scheme.sign(input([secretA])), sigHeader), [sigHeader]: facts.malformedSignature! };
    const result = expectInvalid(scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW }));
    expect(result.reason).toBe('malformed_header');
    expect(result.header).toBe(sigHeader);
  });

  it('never throws on junk headers', () => {
    const junk = ['', ' ', ',', '=', 't=', 'v1,', 'v1=', 'sha256=', 'v0=', '💥', 'a'.repeat(10_000), '\u0000'];
    for (const value of junk) {
      const headers: HeaderMap = {};
      for (const h of facts.requiredHeaders) headers[h] = value;
      headers['webhook-id'] = value;
      const result = scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW });
      expect(result.valid).toBe(false);
    }
  });

  it('detects its own signed headers', () => {
    expect(scheme.detect(scheme.sign(input([secretA])))).toBe(true);
    expect(scheme.detect({ 'content-type': 'application/json' })).toBe(false);
  });

  it('rejects unusable secrets with a validation error on field secret', () => {
    expectSecretError(() => scheme.checkSecret(''));
    expectSecretError(() => scheme.checkSecret(`${secretA}\n`));
    expectSecretError(() => scheme.checkSecret(`whsec_${'A'.repeat(600)}`));
    expectSecretError(() => scheme.sign(input([`${secretA}\n`])));
  });

  if (SCHEME_DESCRIPTORS[name].multipleSignatures) {
    it('rotation: signed with [new, old], verifies with only old and with only new', () => {
      const headers = scheme.sign(input([secretA, secretB]));
      expect(expectValid(scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW })).secretIndex).toBe(0);
      expect(expectValid(scheme.verify({ headers, body: BODY, secrets: [secretB], now: NOW })).secretIndex).toBe(0);
      expect(
        expectValid(scheme.verify({ headers, body: BODY, secrets: [secretC, secretB], now: NOW })).secretIndex,
      ).toBe(1);
      const wrong = expectInvalid(scheme.verify({ headers, body: BODY, secrets: [secretC], now: NOW }));
      expect(wrong.reason).toBe('bad_signature');
      expect(wrong.received).toHaveLength(2);
    });
  } else {
    it('single signature: signs with the newest secret only, verifies against every secret', () => {
      const headers = scheme.sign(input([secretA, secretB]));
      expect(scheme.sign(input([secretA]))).toEqual(headers);
      expect(
        expectValid(scheme.verify({ headers, body: BODY, secrets: [secretC, secretA], now: NOW })).secretIndex,
      ).toBe(1);
      expect(expectInvalid(scheme.verify({ headers, body: BODY, secrets: [secretB], now: NOW })).reason).toBe(
        'bad_signature',
      );
    });
  }

  if (facts.enforcesTolerance) {
    it('stale timestamp → stale with skewSec', () => {
      const headers = scheme.sign(input([secretA], { timestamp: NOW - 412 }));
      const result = expectInvalid(scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW }));
      expect(result.reason).toBe('stale');
      expect(result.message).toBe('timestamp 412 s old, tolerance 300 s');
      expect(result.skewSec).toBe(412);
      expect(result.timestamp).toBe(NOW - 412);
    });

    it('future timestamp → future with negative skewSec', () => {
      const headers = scheme.sign(input([secretA], { timestamp: NOW + 375 }));
      const result = expectInvalid(scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW }));
      expect(result.reason).toBe('future');
      expect(result.message).toBe('timestamp 375 s in the future, tolerance 300 s');
      expect(result.skewSec).toBe(-375);
    });

    it('the window is inclusive and follows toleranceSec', () => {
      const old = scheme.sign(input([secretA], { timestamp: NOW - 300 }));
      expectValid(scheme.verify({ headers: old, body: BODY, secrets: [secretA], now: NOW }));
      expect(expectInvalid(scheme.verify({ headers: old, body: BODY, secrets: [secretA], now: NOW + 1 })).reason).toBe(
        'stale',
      );
      const r = expectInvalid(
        scheme.verify({ headers: old, body: BODY, secrets: [secretA], now: NOW, toleranceSec: 60 }),
      );
      expect(r.message).toBe('timestamp 300 s old, tolerance 60 s');
      expectValid(
        scheme.verify({ headers: old, body: BODY, secrets: [secretA], now: NOW + 10_000, toleranceSec: Infinity }),
      );
    });

    it('checks the timestamp before the signature', () => {
      const headers = scheme.sign(input([secretA], { timestamp: NOW - 1000 }));
      expect(
        expectInvalid(scheme.verify({ headers, body: Buffer.from('other'), secrets: [secretB], now: NOW })).reason,
      ).toBe('stale');
    });
  } else {
    it('does not reject old requests', () => {
      const headers = scheme.sign(input([secretA], { timestamp: NOW - 86_400 }));
      expectValid(scheme.verify({ headers, body: BODY, secrets: [secretA], now: NOW }));
    });
  }
});
