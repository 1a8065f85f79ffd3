/**
 * The provider catalogs (GitHub, Stripe, Shopify, Slack): every type's sample conforms to its own
 * schema, a request built from a type (headers + materialized body) is recognised as that type,
 * and the wire details (ids, times, GitHub's header forms) are what the provider sends.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../src-main/api/catalogTypes';
import { catalogTypeNameSchema } from '../../src-main/api/schemas';
import { PROVIDERS, providerOf } from '../../src-main/engine/catalogs/providers';
import { GITHUB_EXAMPLES_PACKAGE } from '../../src-main/engine/catalogs/providers/githubData';
import type { WireContext } from '../../src-main/engine/catalogs/providers/provider';
import { loadSchemaValidator, type SchemaValidator } from '../../src-main/engine/catalogs/schemaValidator';

const SLOW = 600_000;
const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const ctxFor = (type: string): WireContext => ({ type, eventId: 'msg_2mZ8kQ4vT1', webhookId: 'wh_7Hc2Lp9s', now: NOW });

describe('provider catalogs', () => {
  it('loads no provider data until a catalog is asked for its types', () => {
    const load = createRequire(import.meta.url);
    expect(load.cache[load.resolve(GITHUB_EXAMPLES_PACKAGE)]).toBeUndefined();
    expect(Object.keys(PROVIDERS).sort()).toEqual([...PROVIDER_IDS].sort());
    expect(PROVIDERS.github.source).toMatch(
      /@octokit\/webhooks-schemas \d+\.\d+\.\d+ and @octokit\/webhooks-examples \d+\.\d+\.\d+/,
    );
    expect(load.cache[load.resolve(GITHUB_EXAMPLES_PACKAGE)]).toBeUndefined();
    expect(providerOf('stripe')).toBe(PROVIDERS.stripe);
    expect(() => providerOf('paypal')).toThrow(expect.objectContaining({ code: 'not_found', field: 'catalog' }));
  });

  let validator: SchemaValidator;
  beforeAll(async () => {
    validator = await loadSchemaValidator();
  });

  it(
    'loads the GitHub catalog and compiles all its schemas (timed)',
    () => {
      const started = performance.now();
      const types = PROVIDERS.github.types();
      const loaded = performance.now();
      for (const t of types) validator.compile(t.schema!);
      const compiled = performance.now();
      const sizes = types.map((t) => JSON.stringify(t.schema).length);
      console.log(
        `GitHub catalog: ${types.length} types loaded in ${Math.round(loaded - started)} ms; ` +
          `all schemas compiled in ${Math.round(compiled - loaded)} ms (${Math.round((compiled - loaded) / types.length)} ms each); ` +
          `largest schema ${Math.max(...sizes)} characters, median ${sizes.sort((a, b) => a - b)[sizes.length >> 1]}`,
      );
      expect(types.length).toBeGreaterThan(200);
      expect(PROVIDERS.github.types()).toBe(types);
    },
    SLOW,
  );

  it.each(PROVIDER_IDS)(
    '%s: every sample conforms to its own schema; names are valid and unique',
    (id) => {
      const types = PROVIDERS[id].types();
      expect(types.length).toBeGreaterThan(id === 'github' ? 200 : 10);
      expect(new Set(types.map((t) => t.type)).size).toBe(types.length);
      for (const t of types) {
        expect(catalogTypeNameSchema.safeParse(t.type).success, t.type).toBe(true);
        expect(t.description.length, t.type).toBeGreaterThan(5);
        expect(t.schema, t.type).not.toBeNull();
        expect([t.type, validator.check(t.schema!, t.sample)]).toEqual([t.type, []]);
      }
    },
    SLOW,
  );

  it.each(PROVIDER_IDS)(
    '%s: a request built from each type is recognised as that type; the sample is not changed',
    (id) => {
      const catalog = PROVIDERS[id];
      for (const t of catalog.types()) {
        const before = JSON.stringify(t.sample);
        const ctx = ctxFor(t.type);
        const body = catalog.materialize(t.sample, ctx);
        expect(body).not.toBe(t.sample);
        expect(JSON.stringify(t.sample)).toBe(before);
        const headers = catalog.headers(ctx, body);
        expect(catalog.headers(ctx, body)).toEqual(headers);
        expect(catalog.typeOfRequest(headers, JSON.parse(JSON.stringify(body)))).toBe(t.type);
        // Header names arrive in any case.
        const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
        expect(catalog.typeOfRequest(lower, body)).toBe(t.type);
      }
    },
  );

  it('materialized bodies still conform to their schemas', () => {
    for (const id of PROVIDER_IDS.filter((p) => p !== 'github'))
      for (const t of PROVIDERS[id].types())
        expect([t.type, validator.check(t.schema!, PROVIDERS[id].materialize(t.sample, ctxFor(t.type)))]).toEqual([
          t.type,
          [],
        ]);
  });
});

describe('GitHub on the wire', () => {
  const github = PROVIDERS.github;

  it('sends the headers GitHub sends, in their forms, stable per event and per hook', () => {
    const t = github.types().find((x) => x.type === 'pull_request.opened')!;
    const body = github.materialize(t.sample, ctxFor(t.type));
    expect(body).toEqual(t.sample);
    const h = github.headers(ctxFor(t.type), body);
    expect(Object.keys(h).sort()).toEqual(
      [
        'Accept',
        'User-Agent',
        'X-GitHub-Delivery',
        'X-GitHub-Event',
        'X-GitHub-Hook-ID',
        'X-GitHub-Hook-Installation-Target-ID',
        'X-GitHub-Hook-Installation-Target-Type',
      ].sort(),
    );
    expect(h['X-GitHub-Event']).toBe('pull_request');
    expect(h['X-GitHub-Delivery']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(h['X-GitHub-Hook-ID']).toMatch(/^[1-9][0-9]{8}$/);
    expect(h['User-Agent']).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    expect(h.Accept).toBe('*/*');
    expect(h['X-GitHub-Hook-Installation-Target-Type']).toBe('repository');
    expect(h['X-GitHub-Hook-Installation-Target-ID']).toBe(String((body.repository as { id: number }).id));

    const otherEvent = github.headers({ ...ctxFor(t.type), eventId: 'msg_other' }, body);
    expect(otherEvent['X-GitHub-Delivery']).not.toBe(h['X-GitHub-Delivery']);
    expect(otherEvent['X-GitHub-Hook-ID']).toBe(h['X-GitHub-Hook-ID']);
    const otherHook = github.headers({ ...ctxFor(t.type), webhookId: 'wh_other' }, body);
    expect(otherHook['X-GitHub-Hook-ID']).not.toBe(h['X-GitHub-Hook-ID']);
    expect(otherHook['X-GitHub-Delivery']).toBe(h['X-GitHub-Delivery']);
  });

  it('names events and reads types as GitHub does', () => {
    expect(github.wireEventName('pull_request.opened')).toBe('pull_request');
    expect(github.wireEventName('push')).toBe('push');
    expect(github.typeOfRequest({ 'X-GitHub-Event': 'issues' }, { action: 'closed' })).toBe('issues.closed');
    // repository_dispatch's action is the sender's own word: the type is the event.
    expect(github.typeOfRequest({ 'x-github-event': ['repository_dispatch'] }, { action: 'deploy-now' })).toBe(
      'repository_dispatch',
    );
    expect(github.typeOfRequest({}, { action: 'opened' })).toBeNull();
    expect(github.typeOfRequest({ 'X-GitHub-Event': 'push' }, 'not an object')).toBe('push');
  });

  it('targets the organization when the payload has no repository', () => {
    const t = github.types().find((x) => x.type === 'organization.member_added')!;
    const h = github.headers(ctxFor(t.type), t.sample);
    expect(h['X-GitHub-Hook-Installation-Target-Type']).toBe('organization');
    expect(h['X-GitHub-Hook-Installation-Target-ID']).toBe(String((t.sample.organization as { id: number }).id));
  });
});

describe('Stripe, Shopify and Slack on the wire', () => {
  it('Stripe: a fresh evt_ id per event, created now, the fired type', () => {
    const t = PROVIDERS.stripe.types().find((x) => x.type === 'payment_intent.succeeded')!;
    const body = PROVIDERS.stripe.materialize(t.sample, {
      ...ctxFor('payment_intent.succeeded'),
      type: 'payment_intent.succeeded',
    });
    expect(body.id).toMatch(/^evt_[A-Za-z0-9]{24}$/);
    expect(body.id).not.toBe(t.sample.id);
    expect(body.created).toBe(Math.floor(NOW / 1000));
    expect(body.type).toBe('payment_intent.succeeded');
    expect(PROVIDERS.stripe.materialize(t.sample, { ...ctxFor(t.type), eventId: 'msg_other' }).id).not.toBe(body.id);
    expect(PROVIDERS.stripe.headers(ctxFor(t.type))).toEqual({
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
      Accept: '*/*; q=0.5, application/xml',
    });
    expect(PROVIDERS.stripe.typeOfRequest({}, { type: 7 })).toBeNull();
  });

  it('Stripe: a payload missing a required field is refused at its path', () => {
    const t = PROVIDERS.stripe.types().find((x) => x.type === 'invoice.paid')!;
    const bad = structuredClone(t.sample) as { data: { object: Record<string, unknown> } };
    delete bad.data.object.id;
    bad.data.object.status = 'open';
    const paths = validator()
      .check(t.schema!, bad)
      .map((i) => i.path);
    expect(paths).toContain('/data/object/id');
    expect(paths).toContain('/data/object/status');
  });

  it('Shopify: topic, shop, version, ids and trigger time in its headers', () => {
    const h = PROVIDERS.shopify.headers(ctxFor('orders/create'));
    expect(h['X-Shopify-Topic']).toBe('orders/create');
    expect(h['X-Shopify-Shop-Domain']).toBe('hookbench-dev.myshopify.com');
    expect(h['X-Shopify-API-Version']).toBe('2024-07');
    expect(h['X-Shopify-Webhook-Id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(h['X-Shopify-Event-Id']).not.toBe(h['X-Shopify-Webhook-Id']);
    expect(h['X-Shopify-Triggered-At']).toBe(new Date(NOW).toISOString());
    expect(h['User-Agent']).toBe('Shopify-Captain-Hook');
  });

  it('Slack: a fresh event_id and event_time; the handshake is sent as is; messages by channel type', () => {
    const slack = PROVIDERS.slack;
    const mention = slack.types().find((x) => x.type === 'app_mention')!;
    const body = slack.materialize(mention.sample, ctxFor('app_mention'));
    expect(body.event_id).toMatch(/^Ev[A-Z0-9]{9}$/);
    expect(body.event_id).not.toBe(mention.sample.event_id);
    expect(body.event_time).toBe(Math.floor(NOW / 1000));
    const handshake = slack.types().find((x) => x.type === 'url_verification')!;
    expect(slack.materialize(handshake.sample, ctxFor('url_verification'))).toEqual(handshake.sample);
    expect(slack.headers(ctxFor('app_mention'))['User-Agent']).toBe('Slackbot 1.0 (+https://api.slack.com/robots)');
    const message = (channel_type: string) => ({ type: 'event_callback', event: { type: 'message', channel_type } });
    expect(slack.typeOfRequest({}, message('channel'))).toBe('message.channels');
    expect(slack.typeOfRequest({}, message('im'))).toBe('message.im');
    expect(slack.typeOfRequest({}, message('mpim'))).toBe('message.mpim');
    expect(slack.typeOfRequest({}, null)).toBeNull();
  });
});

let shared: SchemaValidator | null = null;
function validator(): SchemaValidator {
  if (!shared) throw new Error('validator not loaded');
  return shared;
}
beforeAll(async () => {
  shared = await loadSchemaValidator();
});
