import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../../src-main/api/receiverTypes';
import { SCHEME_NAMES, type SchemeName } from '../../src-main/api/schemas';
import { getScheme } from '../../src-main/engine/signing/registry';
import { openReceiver, type ReceiverHarness } from '../support/receiverClient';

/** What the receiver tests need to know per scheme; a Record so a new scheme must be described here. */
interface Facts {
  /** The signature header (none: the scheme does not sign). */
  signatureHeader?: string;
  /** A present but unreadable signature header value. */
  malformed?: string;
  /** The signed timestamp is held to the tolerance window. */
  timestamped: boolean;
}

const FACTS: Record<SchemeName, Facts> = {
  standard: { signatureHeader: 'webhook-signature', malformed: 'v1a,bm90IGEgc2lnbmF0dXJl', timestamped: true },
  'hmac-sha256': { signatureHeader: 'X-Webhook-Signature', malformed: 'md5=abc', timestamped: false },
  stripe: { signatureHeader: 'Stripe-Signature', malformed: 'v1=abcdef', timestamped: true },
  github: { signatureHeader: 'X-Hub-Signature-256', malformed: 'sha1=0123456789abcdef', timestamped: false },
  slack: { signatureHeader: 'X-Slack-Signature', malformed: 'v1=0123abcd', timestamped: true },
  shopify: { signatureHeader: 'X-Shopify-Hmac-Sha256', malformed: 'not base64!', timestamped: false },
  none: { timestamped: false },
};

const nowSec = () => Math.floor(Date.now() / 1000);

function payload(): Buffer {
  return Buffer.from(
    JSON.stringify({ id: `evt_${randomUUID()}`, type: 'invoice.paid', data: { amount: 4900, currency: 'EUR' } }),
  );
}

/** Headers our sender engine would send for this body. */
function signed(scheme: SchemeName, secrets: string[], body: Buffer, timestamp = nowSec()): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...getScheme(scheme).sign({ id: `msg_${randomUUID()}`, timestamp, eventType: 'invoice.paid', body, secrets }),
  };
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
}

let h: ReceiverHarness;
beforeAll(async () => {
  h = await openReceiver();
});
afterAll(async () => {
  await h.close();
});

describe.each(SCHEME_NAMES.map((s) => [s] as const))('an inbox with scheme %s', (scheme) => {
  const facts = FACTS[scheme];
  const signs = facts.signatureHeader !== undefined;
  let inbox: Inbox;
  beforeAll(() => {
    inbox = h.receiver.inboxes.create({ name: `verify ${scheme}`, scheme });
  });

  it('stores a request signed by our sender as valid', async () => {
    const body = payload();
    const { response, stored } = await h.send(`/in/${inbox.slug}`, {
      headers: signed(scheme, inbox.secrets.length ? inbox.secrets : ['unused'], body),
      body,
    });
    expect(response.status).toBe(200);
    expect(stored.inboxId).toBe(inbox.id);
    expect(stored.valid).toBe(true);
    expect(stored.reason).toBeNull();
    expect(stored.verdict).toMatchObject({
      valid: true,
      scheme,
      configuredScheme: scheme,
      secretIndex: signs ? 0 : -1,
    });
    expect(Buffer.from(stored.bodyBase64, 'base64').equals(body)).toBe(true);
  });

  it.skipIf(!signs)(
    `marks a tampered body bad_signature, with expected and received signatures${signs ? '' : ' (skipped: scheme none signs nothing)'}`,
    async () => {
      const body = payload();
      const headers = signed(scheme, inbox.secrets, body);
      const tampered = Buffer.from(body.toString().replace('4900', '1'));
      const { stored } = await h.send(`/in/${inbox.slug}`, { headers, body: tampered });
      expect(stored.valid).toBe(false);
      expect(stored.reason).toBe('bad_signature');
      expect(stored.verdict?.expected?.length).toBe(1);
      expect(stored.verdict?.received?.length).toBeGreaterThan(0);
    },
  );

  it.skipIf(!signs)(
    `marks a request signed with another secret bad_signature${signs ? '' : ' (skipped: scheme none signs nothing)'}`,
    async () => {
      const body = payload();
      const { stored } = await h.send(`/in/${inbox.slug}`, {
        headers: signed(scheme, [getScheme(scheme).generateSecret()], body),
        body,
      });
      expect(stored.reason).toBe('bad_signature');
      expect(stored.verdict?.message).toMatch(/does not match/);
    },
  );

  it.skipIf(!facts.timestamped)(
    `marks a timestamp 1000 s old stale and one 1000 s ahead future${facts.timestamped ? '' : ' (skipped: this scheme signs no timestamp)'}`,
    async () => {
      const body = payload();
      const stale = await h.send(`/in/${inbox.slug}`, {
        headers: signed(scheme, inbox.secrets, body, nowSec() - 1000),
        body,
      });
      expect(stale.stored.reason).toBe('stale');
      expect(stale.stored.verdict?.skewSec).toBeGreaterThanOrEqual(1000);
      const future = await h.send(`/in/${inbox.slug}`, {
        headers: signed(scheme, inbox.secrets, body, nowSec() + 1000),
        body,
      });
      expect(future.stored.reason).toBe('future');
      expect(future.stored.verdict?.skewSec).toBeLessThanOrEqual(-999);
    },
  );

  it.skipIf(!signs)(
    `marks a request without the signature header missing_header, naming it${signs ? '' : ' (skipped: scheme none signs nothing)'}`,
    async () => {
      const body = payload();
      const headers = without(signed(scheme, inbox.secrets, body), facts.signatureHeader!);
      const { stored } = await h.send(`/in/${inbox.slug}`, { headers, body });
      expect(stored.reason).toBe('missing_header');
      expect(stored.verdict?.header?.toLowerCase()).toBe(facts.signatureHeader!.toLowerCase());
    },
  );

  it.skipIf(!signs)(
    `marks an unreadable signature header malformed_header${signs ? '' : ' (skipped: scheme none signs nothing)'}`,
    async () => {
      const body = payload();
      const headers = {
        ...without(signed(scheme, inbox.secrets, body), facts.signatureHeader!),
        [facts.signatureHeader!]: facts.malformed!,
      };
      const { stored } = await h.send(`/in/${inbox.slug}`, { headers, body });
      expect(stored.valid).toBe(false);
      expect(stored.reason).toBe('malformed_header');
    },
  );

  it.skipIf(!signs)(
    `records which of two secrets matched (rotation)${signs ? '' : ' (skipped: scheme none signs nothing)'}`,
    async () => {
      const [oldSecret, newSecret] = [getScheme(scheme).generateSecret(), getScheme(scheme).generateSecret()];
      const rotating = h.receiver.inboxes.create({
        name: `rotating ${scheme}`,
        scheme,
        secrets: [oldSecret, newSecret],
      });
      const body = payload();
      const second = await h.send(`/in/${rotating.slug}`, { headers: signed(scheme, [newSecret], body), body });
      expect(second.stored.verdict).toMatchObject({ valid: true, secretIndex: 1 });
      const first = await h.send(`/in/${rotating.slug}`, { headers: signed(scheme, [oldSecret], body), body });
      expect(first.stored.verdict).toMatchObject({ valid: true, secretIndex: 0 });
    },
  );

  it.skipIf(!signs)(
    `reports no_secret when the inbox has no secret${signs ? '' : ' (skipped: scheme none signs nothing)'}`,
    async () => {
      const bare = h.receiver.inboxes.create({ name: `bare ${scheme}`, scheme, secrets: [] });
      const body = payload();
      const { stored } = await h.send(`/in/${bare.slug}`, {
        headers: signed(scheme, [getScheme(scheme).generateSecret()], body),
        body,
      });
      expect(stored.valid).toBe(false);
      expect(stored.reason).toBe('no_secret');
    },
  );

  it.skipIf(!signs)(
    `is detected by an auto inbox holding its secret${signs ? '' : ' (skipped: scheme none signs nothing)'}`,
    async () => {
      const secret = getScheme(scheme).generateSecret();
      const auto = h.receiver.inboxes.create({ name: `auto ${scheme}`, scheme: 'auto', secrets: [secret] });
      const body = payload();
      const { stored } = await h.send(`/in/${auto.slug}`, { headers: signed(scheme, [secret], body), body });
      expect(stored.verdict).toMatchObject({ valid: true, scheme, configuredScheme: 'auto', secretIndex: 0 });
    },
  );
});

describe('auto inboxes', () => {
  it('report missing_header, listing what they looked for, when no scheme is recognisable', async () => {
    const inbox = h.receiver.inboxes.create({ name: 'auto nothing', scheme: 'auto', secrets: ['s3cret'] });
    const { stored } = await h.send(`/in/${inbox.slug}`, {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(stored.verdict).toMatchObject({
      valid: false,
      scheme: 'none',
      configuredScheme: 'auto',
      reason: 'missing_header',
    });
    expect(stored.verdict?.message).toMatch(/webhook-signature/);
  });

  it('honour the inbox tolerance', async () => {
    const secret = getScheme('stripe').generateSecret();
    const inbox = h.receiver.inboxes.create({ name: 'auto tight', scheme: 'auto', secrets: [secret], toleranceSec: 5 });
    const body = payload();
    const { stored } = await h.send(`/in/${inbox.slug}`, {
      headers: signed('stripe', [secret], body, nowSec() - 60),
      body,
    });
    expect(stored.reason).toBe('stale');
    expect(stored.verdict?.message).toMatch(/tolerance 5 s/);
  });
});
