/**
 * Firing against contracts (issue 14, items 1 and 3): a payload that breaks its type's schema
 * is refused with each issue's JSON path unless sent anyway; a workspace's own schema wins over
 * the catalog's; a provider's event fired from a webhook of that provider's scheme goes out as
 * the provider sends it — checked with the providers' own libraries on a real HTTP server.
 */
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sender } from '../../src-main/engine/sender';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { ScriptedServer } from '../support/scriptedServer';
import { rejectedHookbenchError } from '../support/thrown';

const SECRET = 'it-is-a-secret-to-everybody';

let engine: TestEngine;
let sender: Sender;
let server: ScriptedServer;

beforeEach(async () => {
  engine = startTestEngine();
  sender = engine.sender;
  server = await new ScriptedServer().start();
});
afterEach(async () => {
  await server.stop();
  await engine.cleanup();
});

function webhook(scheme: 'github' | 'stripe' | 'standard' | 'shopify' | 'slack', secret?: string) {
  return sender.webhooks.create({ name: scheme, url: `${server.url}/hook`, subscriptions: ['*'], scheme, secret });
}

describe('firing checks the payload against its schema', () => {
  it('refuses a payload of the wrong types with every issue at its JSON path, and writes nothing', async () => {
    const w = webhook('standard');
    const e = await rejectedHookbenchError(() =>
      sender.deliveries.fire({ type: 'user.created', data: { email: 42, name: 'Ada' }, webhookIds: [w.id] }),
    );
    expect(e.code).toBe('validation');
    expect(e.field).toBe('data');
    expect(e.message).toMatch(/schema of user\.created: \/email/);
    expect(e.issues?.map((i) => i.field)).toEqual(['data/email']);
    expect(e.issues?.[0]?.message).toMatch(/expected string, found number 42/);
    expect(sender.store.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
  });

  it('fires a partial payload of the right types (built-in schemas require nothing)', async () => {
    const w = webhook('standard');
    const fired = await sender.deliveries.fire({ type: 'user.created', data: { id: 'usr_1' }, webhookIds: [w.id] });
    expect(fired.deliveries).toHaveLength(1);
  });

  it('sends anyway when asked, the bad payload as given', async () => {
    const w = webhook('standard');
    await sender.deliveries.fire({ type: 'user.created', data: { email: 42 }, webhookIds: [w.id], sendAnyway: true });
    const [call] = await server.waitForCalls(1);
    expect(JSON.parse(call!.body.toString()).data).toEqual({ email: 42 });
  });

  it("uses the workspace's own schema over the catalog's, and back after a reset", async () => {
    const w = webhook('standard');
    await sender.catalogs.setSchema('ws_default', 'hookbench', 'user.created', {
      type: 'object',
      required: ['plan'],
      properties: { plan: { enum: ['free', 'pro'] } },
    });
    const e = await rejectedHookbenchError(() =>
      sender.deliveries.fire({ type: 'user.created', data: { plan: 'gold' }, webhookIds: [w.id] }),
    );
    expect(e.issues?.map((i) => i.field)).toEqual(['data/plan']);
    expect(e.issues?.[0]?.message).toMatch(/one of "free", "pro"/);
    await sender.catalogs.setSchema('ws_default', 'hookbench', 'user.created', null);
    await expect(
      sender.deliveries.fire({ type: 'user.created', data: { plan: 'gold' }, webhookIds: [w.id] }),
    ).resolves.toBeTruthy();
  });

  it('refuses a schema that does not compile, naming the field, and keeps the old one', async () => {
    const e = await rejectedHookbenchError(() =>
      sender.catalogs.setSchema('ws_default', 'hookbench', 'user.created', { type: 'no-such-type' }),
    );
    expect(e).toMatchObject({ code: 'validation', field: 'schema' });
    expect(sender.catalogs.type('ws_default', 'hookbench', 'user.created').schemaOrigin).toBe('catalog');
    const draft = await rejectedHookbenchError(() =>
      sender.catalogs.setSchema('ws_default', 'hookbench', 'user.created', { $schema: 'https://example.com/mine' }),
    );
    expect(draft.message).toMatch(/not supported; use draft-07/);
  });

  it('refuses a type the catalog does not have, naming the catalog', async () => {
    webhook('github', SECRET);
    const e = await rejectedHookbenchError(() => sender.deliveries.fire({ catalog: 'github', type: 'user.created' }));
    expect(e).toMatchObject({ code: 'validation', field: 'type' });
    expect(e.message).toMatch(/github catalog has no such type/);
  });
});

describe("a provider's event goes out as the provider sends it", () => {
  it('GitHub: the published example, GitHub’s headers, a signature octokit accepts', async () => {
    webhook('github', SECRET);
    const fired = await sender.deliveries.fire({ catalog: 'github', type: 'pull_request.opened' });
    expect(fired.deliveries).toHaveLength(1);
    const [call] = await server.waitForCalls(1);
    const h = call!.headers;
    expect(h['x-github-event']).toBe('pull_request');
    expect(h['x-github-delivery']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(h['x-github-hook-id']).toMatch(/^\d+$/);
    expect(h['user-agent']).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    const body = JSON.parse(call!.body.toString());
    expect(body.action).toBe('opened');
    expect(body).not.toHaveProperty('data');
    expect(await octokitVerify(SECRET, call!.body.toString(), String(h['x-hub-signature-256']))).toBe(true);
  });

  it('Stripe: an event object stripe-node constructs, with a fresh id and time', async () => {
    const secret = 'whsec_' + 'a'.repeat(32);
    webhook('stripe', secret);
    const before = Math.floor(Date.now() / 1000);
    await sender.deliveries.fire({ catalog: 'stripe', type: 'payment_intent.succeeded' });
    const [call] = await server.waitForCalls(1);
    const stripe = new Stripe('sk_test_unused');
    const event = stripe.webhooks.constructEvent(call!.body, String(call!.headers['stripe-signature']), secret);
    expect(event.type).toBe('payment_intent.succeeded');
    expect(event.object).toBe('event');
    expect(event.id).toMatch(/^evt_/);
    expect(event.created).toBeGreaterThanOrEqual(before);
    expect(call!.headers['user-agent']).toMatch(/^Stripe\/1\.0/);
  });

  it('a provider event that breaks its schema is refused like any other', async () => {
    webhook('github', SECRET);
    const e = await rejectedHookbenchError(() =>
      sender.deliveries.fire({ catalog: 'github', type: 'pull_request.opened', data: { action: 'opened' } }),
    );
    expect(e.issues?.map((i) => i.field)).toContain('data/number');
  });

  it('a Hookbench event keeps its own name, id and envelope, even under a name a provider also has', async () => {
    webhook('github', SECRET);
    webhook('stripe', 'whsec_' + 'b'.repeat(32));
    // organization.deleted is GitHub's `organization` event too; invoice.paid is Stripe's too.
    await sender.deliveries.fire({ type: 'organization.deleted' });
    await sender.deliveries.fire({ type: 'invoice.paid' });
    const calls = await server.waitForCalls(4);
    const github = calls.find((c) => c.headers['x-github-event'])!;
    expect(github.headers['x-github-event']).toBe('organization.deleted');
    expect(github.headers['x-github-delivery']).toMatch(/^msg_/);
    expect(github.headers['user-agent']).not.toMatch(/Hookshot/);
    expect(JSON.parse(github.body.toString())).toMatchObject({
      type: 'organization.deleted',
      data: expect.any(Object),
    });
    const stripe = calls.filter((c) => c.headers['stripe-signature']);
    expect(stripe.map((c) => c.headers['user-agent'])).not.toContainEqual(expect.stringMatching(/^Stripe\//));
  });

  it("a provider event sent again (redelivered, retried now) still goes out as the provider's", async () => {
    const w = webhook('github', SECRET);
    const fired = await sender.deliveries.fire({ catalog: 'github', type: 'push' });
    await server.waitForCalls(1);
    await sender.deliveries.redeliver(fired.deliveries[0]!.id);
    const calls = await server.waitForCalls(2);
    expect(calls.map((c) => c.headers['x-github-event'])).toEqual(['push', 'push']);
    expect(calls[1]!.headers['user-agent']).toMatch(/^GitHub-Hookshot\//);
    expect(calls[1]!.headers['x-github-delivery']).toBe(calls[0]!.headers['x-github-delivery']);
    expect(w.scheme).toBe('github');
  });
});
