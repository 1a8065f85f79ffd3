/**
 * Interop with the providers' own libraries: what they sign, we verify; what we sign, they
 * verify. Guards against a scheme that is self-consistent but not what the provider does.
 */
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { SCHEMES } from '../../src-main/engine/signing/registry';
import type { VerifyResult } from '../../src-main/engine/signing/types';

const nowSec = () => Math.floor(Date.now() / 1000);

function expectValid(result: VerifyResult, secretIndex = 0): void {
  if (!result.valid) throw new Error(`expected valid, got ${result.reason}: ${result.message}`);
  expect(result.secretIndex).toBe(secretIndex);
}

const standardBody = JSON.stringify({
  id: 'evt_01JB8Q9S3M5D2K7W4X6Y8Z0A1B',
  type: 'user.created',
  timestamp: '2025-10-09T08:53:20.000Z',
  data: {
    userId: 'usr_4821',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    plan: 'pro',
    locale: 'en-GB',
    tags: ['beta', 'émigré'],
  },
});

const stripeBody = JSON.stringify(
  {
    id: 'evt_1QJ2kL2eZvKYlo2C8hT4uVxy',
    object: 'event',
    api_version: '2025-09-30.clover',
    created: 1760000000,
    type: 'payment_intent.succeeded',
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_9aB3cD4eF5', idempotency_key: 'b7c1e2f0-5d8a-4f3e-9c21-7a6b5d4c3e2f' },
    data: {
      object: {
        id: 'pi_3QJ2kL2eZvKYlo2C1a2B3c4D',
        object: 'payment_intent',
        amount: 4900,
        amount_received: 4900,
        currency: 'eur',
        customer: 'cus_R8x7W6v5U4t3',
        status: 'succeeded',
        metadata: { order_id: 'ord_1042' },
      },
    },
  },
  null,
  2,
);

const githubBody = JSON.stringify({
  ref: 'refs/heads/main',
  before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
  after: '59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5',
  repository: { id: 1296269, full_name: 'octocat/Hello-World', private: false },
  pusher: { name: 'octocat', email: 'octocat@github.com' },
  commits: [{ id: '59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5', message: 'Fix the thing ✨', author: { name: 'Mona' } }],
});

describe('standard ⇄ standardwebhooks', () => {
  const secret = SCHEMES.standard.generateSecret();

  it('standardwebhooks signatures verify with our standard scheme', () => {
    const ts = nowSec();
    const signature = new StandardWebhook(secret).sign('msg_2Lfq3tq9Q', new Date(ts * 1000), standardBody);
    const result = SCHEMES.standard.verify({
      headers: { 'webhook-id': 'msg_2Lfq3tq9Q', 'webhook-timestamp': String(ts), 'webhook-signature': signature },
      body: Buffer.from(standardBody),
      secrets: [secret],
    });
    expectValid(result);
  });

  it('our signatures pass standardwebhooks verify, including every secret of a rotation', () => {
    const old = SCHEMES.standard.generateSecret();
    const headers = SCHEMES.standard.sign({
      id: 'msg_2Lfq3tq9Q',
      timestamp: nowSec(),
      eventType: 'user.created',
      body: Buffer.from(standardBody),
      secrets: [secret, old],
    });
    expect(new StandardWebhook(secret).verify(standardBody, headers)).toEqual(JSON.parse(standardBody));
    expect(new StandardWebhook(old).verify(standardBody, headers)).toEqual(JSON.parse(standardBody));
    expect(() => new StandardWebhook(SCHEMES.standard.generateSecret()).verify(standardBody, headers)).toThrow();
    expect(() => new StandardWebhook(secret).verify(standardBody.replace('Ada', 'Eve'), headers)).toThrow();
  });
});

describe('standard ⇄ svix', () => {
  // The secret format Svix hands out (24 bytes, no padding).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('svix signatures verify with our standard scheme, under svix-* and webhook-* names', () => {
    const ts = nowSec();
    const signature = new SvixWebhook(secret).sign('msg_svix_01', new Date(ts * 1000), standardBody);
    const body = Buffer.from(standardBody);
    expectValid(
      SCHEMES.standard.verify({
        headers: { 'svix-id': 'msg_svix_01', 'svix-timestamp': String(ts), 'svix-signature': signature },
        body,
        secrets: [secret],
      }),
    );
    expectValid(
      SCHEMES.standard.verify({
        headers: { 'webhook-id': 'msg_svix_01', 'webhook-timestamp': String(ts), 'webhook-signature': signature },
        body,
        secrets: [SCHEMES.standard.generateSecret(), secret],
      }),
      1,
    );
  });

  it('our signatures pass svix verify', () => {
    expect(() => SCHEMES.standard.checkSecret(secret)).not.toThrow();
    const headers = SCHEMES.standard.sign({
      id: 'msg_svix_02',
      timestamp: nowSec(),
      eventType: 'user.created',
      body: Buffer.from(standardBody),
      secrets: [secret],
    });
    expect(new SvixWebhook(secret).verify(standardBody, headers)).toEqual(JSON.parse(standardBody));
    expect(() => new SvixWebhook(secret).verify(`${standardBody} `, headers)).toThrow();
  });
});

describe('stripe ⇄ stripe-node', () => {
  const secret = 'whsec_8d4f1c2b7a9e0d3c6b5a4f3e2d1c0b9a';

  it('generateTestHeaderString verifies with our stripe scheme', () => {
    const timestamp = nowSec() - 30;
    const header = Stripe.webhooks.generateTestHeaderString({ payload: stripeBody, secret, timestamp });
    const result = SCHEMES.stripe.verify({
      headers: { 'stripe-signature': header },
      body: Buffer.from(stripeBody),
      secrets: [secret],
    });
    expectValid(result);
    if (result.valid) expect(result.timestamp).toBe(timestamp);
  });

  it('our signatures pass constructEvent, including every secret of a rotation', () => {
    const old = 'whsec_previous_1f2e3d4c';
    const headers = SCHEMES.stripe.sign({
      id: 'evt_1QJ2kL2eZvKYlo2C8hT4uVxy',
      timestamp: nowSec(),
      eventType: 'payment_intent.succeeded',
      body: Buffer.from(stripeBody),
      secrets: [secret, old],
    });
    const header = headers['Stripe-Signature'];
    const event = Stripe.webhooks.constructEvent(Buffer.from(stripeBody), header, secret);
    expect(event.id).toBe('evt_1QJ2kL2eZvKYlo2C8hT4uVxy');
    expect(event.type).toBe('payment_intent.succeeded');
    expect(Stripe.webhooks.constructEvent(stripeBody, header, old).id).toBe('evt_1QJ2kL2eZvKYlo2C8hT4uVxy');
    expect(() => Stripe.webhooks.constructEvent(stripeBody, header, 'whsec_someone_else')).toThrow();
    expect(() => Stripe.webhooks.constructEvent(stripeBody.replace('4900', '490'), header, secret)).toThrow();
  });
});

describe('github ⇄ @octokit/webhooks-methods', () => {
  const secret = 'gh-webhook-secret-2f8c1a';

  it('octokit signatures verify with our github scheme', async () => {
    const signature = await octokitSign(secret, githubBody);
    const result = SCHEMES.github.verify({
      headers: {
        'x-hub-signature-256': signature,
        'x-github-event': 'push',
        'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      },
      body: Buffer.from(githubBody),
      secrets: [secret],
    });
    expectValid(result);
    if (result.valid) expect(result.id).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
  });

  it('our signatures pass octokit verify', async () => {
    const headers = SCHEMES.github.sign({
      id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      timestamp: nowSec(),
      eventType: 'push',
      body: Buffer.from(githubBody),
      secrets: [secret],
    });
    expect(await octokitVerify(secret, githubBody, headers['X-Hub-Signature-256'])).toBe(true);
    expect(await octokitVerify('another-secret', githubBody, headers['X-Hub-Signature-256'])).toBe(false);
  });
});
