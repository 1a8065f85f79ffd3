import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import { DRAFT_2020_12, inferSchema } from '../../src-main/engine/catalogs/inferSchema';
import { loadSchemaValidator } from '../../src-main/engine/catalogs/schemaValidator';

const ACTIONS = ['opened', 'closed', 'reopened', 'synchronize'];
const USERS = ['octocat', 'hubot', 'monalisa'];

const user = (i: number) => ({
  login: USERS[i % USERS.length],
  id: 583231 + (i % USERS.length),
  node_id: `MDQ6VXNlcjU4MzIz${i % USERS.length}`,
  avatar_url: `https://avatars.githubusercontent.com/u/${583231 + (i % USERS.length)}?v=4`,
  html_url: `https://github.com/${USERS[i % USERS.length]}`,
  type: i % 7 === 0 ? 'Bot' : 'User',
  site_admin: false,
});

/** Twenty `pull_request` deliveries shaped as GitHub sends them, varied as real traffic is. */
const githubPulls = Array.from({ length: 20 }, (_, i) => {
  const action = ACTIONS[i % ACTIONS.length]!;
  const created = new Date(Date.UTC(2024, 4, 1 + i, 9, i, 30)).toISOString();
  return {
    action,
    number: 100 + i,
    ...(action === 'synchronize'
      ? { before: `6dcb09b5b57875f334f61aebed695e2e4193db5${i % 10}`, after: `c3d0be4${i}` }
      : {}),
    pull_request: {
      url: `https://api.github.com/repos/octo-org/hello-world/pulls/${100 + i}`,
      id: 1_296_269_000 + i,
      number: 100 + i,
      state: action === 'closed' ? 'closed' : 'open',
      locked: false,
      title: `Fix issue #${i}`,
      user: user(i),
      body: i % 3 === 0 ? null : `This fixes the problem described in #${i}.`,
      labels:
        i % 4 === 0
          ? []
          : [
              { id: 208045946, name: 'bug', color: 'd73a4a', default: true },
              ...(i % 2
                ? [{ id: 208045947, name: 'enhancement', color: 'a2eeef', default: false, description: 'New feature' }]
                : []),
            ],
      created_at: created,
      updated_at: created,
      closed_at: action === 'closed' ? new Date(Date.parse(created) + 3_600_000).toISOString() : null,
      merged_at: action === 'closed' && i % 8 === 1 ? new Date(Date.parse(created) + 3_600_000).toISOString() : null,
      merge_commit_sha: i % 5 === 0 ? null : `e5bd3914e2e596debea16f433f57875b5b90bcd${i % 10}`,
      assignee: i % 2 ? user(i + 1) : null,
      requested_reviewers: i % 3 === 1 ? [user(i + 2)] : [],
      draft: i % 6 === 0,
      additions: 10 * i,
      deletions: i,
      changed_files: 1 + (i % 4),
    },
    repository: {
      id: 1296269,
      full_name: 'octo-org/hello-world',
      private: false,
      html_url: 'https://github.com/octo-org/hello-world',
      topics: [],
      default_branch: 'main',
    },
    sender: user(i),
  };
});

const STRIPE_TYPES = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.created'];

/** Twenty Stripe `event` objects around payment intents. */
const stripeEvents = Array.from({ length: 20 }, (_, i) => {
  const type = STRIPE_TYPES[i % STRIPE_TYPES.length]!;
  return {
    id: `evt_3Pq${String(i).padStart(4, '0')}Xa`,
    object: 'event',
    api_version: '2024-06-20',
    created: 1_714_550_400 + i * 61,
    livemode: false,
    pending_webhooks: 1 + (i % 2),
    request: {
      id: i % 4 === 0 ? null : `req_${i}AbC`,
      idempotency_key: i % 4 === 0 ? null : `8f14e45f-ceea-467f-a0e6-${String(i).padStart(12, '0')}`,
    },
    type,
    data: {
      object: {
        id: `pi_3Pq${i}`,
        object: 'payment_intent',
        amount: 1000 + i * 250,
        amount_received: type === 'payment_intent.succeeded' ? 1000 + i * 250 : 0,
        application_fee_amount: i % 5 === 0 ? 12.5 : null,
        currency: i % 3 === 0 ? 'eur' : 'usd',
        status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method',
        receipt_email: i % 2 ? `customer${i}@example.com` : null,
        metadata: i % 3 === 0 ? { order_id: `ord_${i}` } : {},
        payment_method_types: ['card'],
        client_ip: `192.168.1.${i + 1}`,
        charges: { object: 'list', data: [], has_more: false },
        due_date: `2024-06-${String(i + 1).padStart(2, '0')}`,
      },
    },
  };
});

const clone = <T>(v: T): T => structuredClone(v);

async function issuesOf(schema: Record<string, unknown>, value: unknown) {
  return (await loadSchemaValidator()).check(schema, value);
}

describe('inferSchema', () => {
  it('learns a draft 2020-12 schema from GitHub pull_request deliveries that accepts every one of them', async () => {
    const schema = inferSchema(githubPulls);
    expect(schema.$schema).toBe(DRAFT_2020_12);
    for (const sample of githubPulls) expect(await issuesOf(schema, sample)).toEqual([]);

    expect(schema.required).toEqual(['action', 'number', 'pull_request', 'repository', 'sender']);
    const props = schema.properties as Record<string, Record<string, unknown>>;
    expect(props.before).toEqual({ type: 'string' }); // only on synchronize: optional
    expect(props.action).toEqual({ type: 'string', enum: ['closed', 'opened', 'reopened', 'synchronize'] });
    const pr = props.pull_request as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(pr.properties.merged_at).toEqual({ type: ['string', 'null'], format: 'date-time' });
    expect(pr.properties.body).toEqual({ type: ['string', 'null'] });
    expect(pr.properties.url).toEqual({ type: 'string', format: 'uri' });
    expect(pr.properties.number).toEqual({ type: 'integer' });
    expect(pr.properties.state).toEqual({ type: 'string', enum: ['closed', 'open'] });
    expect(pr.properties.draft).toEqual({ type: 'boolean' });
  });

  it('refuses a mutated member: a removed required field, a changed type, a value outside the enum, a bad date-time', async () => {
    const schema = inferSchema(githubPulls);

    const removed = clone(githubPulls[5]!) as Record<string, any>;
    delete removed.pull_request.title;
    expect(await issuesOf(schema, removed)).toEqual([
      { path: '/pull_request/title', message: 'title is required', expected: 'present', found: 'missing' },
    ]);

    const retyped = clone(githubPulls[5]!) as Record<string, any>;
    retyped.number = '105';
    expect(await issuesOf(schema, retyped)).toEqual([
      expect.objectContaining({ path: '/number', expected: 'integer', found: 'string "105"' }),
    ]);

    const outside = clone(githubPulls[5]!) as Record<string, any>;
    outside.action = 'deleted';
    expect(await issuesOf(schema, outside)).toEqual([
      expect.objectContaining({ path: '/action', expected: 'one of "closed", "opened", "reopened", "synchronize"' }),
    ]);

    const badDate = clone(githubPulls[5]!) as Record<string, any>;
    badDate.pull_request.created_at = '2024-05-06 sometime';
    expect(await issuesOf(schema, badDate)).toEqual([
      expect.objectContaining({ path: '/pull_request/created_at', expected: 'date-time' }),
    ]);

    const nestedInArray = clone(githubPulls[1]!) as Record<string, any>;
    nestedInArray.pull_request.labels[0].id = '208045946';
    expect(await issuesOf(schema, nestedInArray)).toEqual([
      expect.objectContaining({ path: '/pull_request/labels/0/id', expected: 'integer' }),
    ]);
  });

  it('learns from GitHub’s published pull_request examples: accepts all of them, refuses each kind of mutation', async () => {
    const require = createRequire(import.meta.url);
    const events = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[];
    const examples = events.find((e) => e.name === 'pull_request')!.examples;
    expect(examples.length).toBeGreaterThanOrEqual(20);
    const schema = inferSchema(examples);
    for (const example of examples) expect(await issuesOf(schema, example)).toEqual([]);

    const removed = clone(examples[0]!);
    delete removed.pull_request.head.sha;
    expect((await issuesOf(schema, removed)).map((i) => i.path)).toEqual(['/pull_request/head/sha']);
    const retyped = clone(examples[0]!);
    retyped.pull_request.user.id = String(retyped.pull_request.user.id);
    expect((await issuesOf(schema, retyped)).map((i) => i.path)).toEqual(['/pull_request/user/id']);
    const at = (pointer: string) =>
      pointer
        .split('/')
        .slice(1)
        .reduce((node: any, key) => node.properties[key], schema) as Record<string, unknown>;
    expect(at('/pull_request/state').enum).toEqual(['closed', 'open']);
    for (const p of [
      '/sender/login',
      '/sender/node_id',
      '/pull_request/head/sha',
      '/pull_request/head/ref',
      '/repository/html_url',
    ])
      expect(at(p).enum, p).toBeUndefined();

    const badTime = clone(examples[0]!);
    badTime.pull_request.created_at = 'yesterday';
    expect(await issuesOf(schema, badTime)).toEqual([
      expect.objectContaining({ path: '/pull_request/created_at', expected: 'date-time' }),
    ]);
  });

  it('learns Stripe events: nullable fields, numbers that are not whole, email, uuid, ipv4 and date formats', async () => {
    const schema = inferSchema(stripeEvents);
    for (const sample of stripeEvents) expect(await issuesOf(schema, sample)).toEqual([]);
    const obj = ((schema.properties as any).data.properties.object as { properties: Record<string, unknown> })
      .properties;
    expect(obj.application_fee_amount).toEqual({ type: ['number', 'null'] });
    expect(obj.amount).toEqual({ type: 'integer' });
    expect(obj.receipt_email).toEqual({ type: ['string', 'null'], format: 'email' });
    expect(obj.client_ip).toEqual({ type: 'string', format: 'ipv4' });
    expect(obj.due_date).toEqual({ type: 'string', format: 'date' });
    expect(obj.currency).toEqual({ type: 'string', enum: ['eur', 'usd'] });
    expect(obj.metadata).toEqual({ type: 'object', properties: { order_id: { type: 'string' } } });
    expect((schema.properties as any).request.properties.idempotency_key).toEqual({
      type: ['string', 'null'],
      format: 'uuid',
    });
    expect((schema.properties as any).object).toEqual({ type: 'string' }); // one value: no enum

    const mutated = clone(stripeEvents[3]!) as Record<string, any>;
    mutated.data.object.receipt_email = 'not an email';
    mutated.data.object.amount = 10.5;
    expect((await issuesOf(schema, mutated)).map((i) => i.path).sort()).toEqual([
      '/data/object/amount',
      '/data/object/receipt_email',
    ]);
  });

  it('merges arrays of objects over every element, and leaves always-empty arrays open', async () => {
    const schema = inferSchema([
      {
        items: [
          { sku: 'A-1', qty: 1 },
          { sku: 'B-2', qty: 2, note: 'gift' },
        ],
        tags: [],
      },
      { items: [], tags: [] },
      { items: [{ sku: 'C-3', qty: 1.5 }], tags: [] },
    ]);
    expect(schema.properties).toEqual({
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: { note: { type: 'string' }, qty: { type: 'number' }, sku: { type: 'string' } },
          required: ['qty', 'sku'],
        },
      },
      tags: { type: 'array' },
    });
    expect(await issuesOf(schema, { items: [{ sku: 'X', qty: 3 }], tags: ['anything', 1] })).toEqual([]);
    expect(await issuesOf(schema, { items: [{ qty: 3 }], tags: [] })).toEqual([
      expect.objectContaining({ path: '/items/0/sku', found: 'missing' }),
    ]);
  });

  it('unions mixed types and gives them no enum', async () => {
    const samples = [{ v: 1 }, { v: 'one' }, { v: true }, { v: 'one' }, { v: null }, { v: [1] }, { v: { a: 1 } }];
    const schema = inferSchema(samples);
    expect((schema.properties as any).v).toEqual({
      type: ['object', 'array', 'string', 'integer', 'boolean', 'null'],
      properties: { a: { type: 'integer' } },
      required: ['a'],
      items: { type: 'integer' },
    });
    for (const s of samples) expect(await issuesOf(schema, s)).toEqual([]);
  });

  it('lists null in the enum of a nullable string with few values, so the schema still takes null', async () => {
    const samples = ['gold', 'silver', null, 'gold', 'silver'].map((tier) => ({ tier }));
    const schema = inferSchema(samples);
    expect((schema.properties as any).tier).toEqual({ type: ['string', 'null'], enum: ['gold', 'silver', null] });
    for (const s of samples) expect(await issuesOf(schema, s)).toEqual([]);
    expect(await issuesOf(schema, { tier: 'bronze' })).toHaveLength(1);
  });

  it('makes an enum only of a few repeated word-like values seen in enough samples (limits adjustable)', () => {
    const enumOf = (values: string[], opts?: Parameters<typeof inferSchema>[1], key = 'status') =>
      (
        inferSchema(
          values.map((v) => ({ [key]: v })),
          opts,
        ).properties as any
      )[key].enum;
    expect(enumOf(['active', 'paused', 'active'])).toEqual(['active', 'paused']);
    expect(enumOf(['active', 'paused', 'active'], { enumMinSamples: 4 })).toBeUndefined();
    expect(enumOf(['active', 'paused'], { enumMinSamples: 2 })).toBeUndefined(); // nothing repeats
    expect(enumOf(['a', 'b', 'c'])).toBeUndefined(); // nothing repeats
    expect(enumOf(['active', 'active', 'active'])).toBeUndefined(); // one value: maybe a constant of this capture only
    expect(enumOf(['a', 'b', 'c', 'd', 'e', 'f', 'a'])).toBeUndefined(); // six values are too many
    expect(enumOf(['a', 'b', 'c', 'd', 'e', 'f', 'a'], { enumMaxValues: 6 })).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(enumOf(['orders/create', 'orders/paid', 'orders/paid'], {}, 'topic')).toEqual([
      'orders/create',
      'orders/paid',
    ]);
    // Text, URLs and hashes are not choices.
    expect(enumOf(['in progress', 'done', 'done'])).toBeUndefined();
    expect(enumOf(['https://a.example/x', 'https://b.example/y', 'https://a.example/x'])).toBeUndefined();
    expect(enumOf(['9f86d081', 'e3b0c442', '9f86d081'])).toBeUndefined();
    // Keys that name one thing: a few logins or ids repeat in any capture from one account.
    for (const key of ['login', 'node_id', 'fullName', 'head-sha', 'html_url', 'name'])
      expect(enumOf(['octocat', 'hubot', 'octocat'], {}, key), key).toBeUndefined();
    // Several values inside one sample's array count as one sample.
    expect((inferSchema([{ s: ['a', 'b', 'a'] }]).properties as any).s.items.enum).toBeUndefined();
    expect((inferSchema([{ s: ['a', 'b'] }, { s: ['a'] }, { s: ['b'] }]).properties as any).s.items.enum).toEqual([
      'a',
      'b',
    ]);
  });

  it('gives a format only when every value has it, by ajv-formats’ own rules', async () => {
    const formatOf = (values: string[]) => (inferSchema(values.map((s) => ({ s }))).properties as any).s.format;
    expect(formatOf(['2024-02-29', '2023-12-31'])).toBe('date');
    expect(formatOf(['2024-02-29', '2023-02-29'])).toBeUndefined(); // 2023 is no leap year: ajv refuses it
    expect(formatOf(['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.123+02:00'])).toBe('date-time');
    expect(formatOf(['2024-05-01T10:00:00'])).toBeUndefined(); // no time zone
    expect(formatOf(['https://example.com/a', 'mailto:someone@example.com'])).toBe('uri');
    expect(formatOf(['https://example.com/a', '/relative/path'])).toBeUndefined();
    expect(formatOf(['550e8400-e29b-41d4-a716-446655440000'])).toBe('uuid');
    expect(formatOf(['10.0.0.1', '256.0.0.1'])).toBeUndefined();
    expect(formatOf(['a@example.com', 'b.c@mail.example.org'])).toBe('email');
    const mixed = ['2024-02-29', '2024-05-01T10:00:00Z'];
    expect(formatOf(mixed)).toBeUndefined();
    const schema = inferSchema(mixed.map((s) => ({ s })));
    for (const s of mixed) expect(await issuesOf(schema, { s })).toEqual([]);
  });

  it('gives the same schema, keys in the same order, whatever the order of the samples', () => {
    const reversed = [...stripeEvents].reverse();
    const shuffled = stripeEvents
      .map((e, i) => ({ e, k: (i * 7) % 20 }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.e);
    const text = JSON.stringify(inferSchema(stripeEvents));
    expect(JSON.stringify(inferSchema(reversed))).toBe(text);
    expect(JSON.stringify(inferSchema(shuffled))).toBe(text);
    expect(Object.keys(inferSchema(stripeEvents))).toEqual(['$schema', 'type', 'properties', 'required']);
  });

  it('learns from scalar and array payloads too', async () => {
    expect(inferSchema([1, 2, 3])).toEqual({ $schema: DRAFT_2020_12, type: 'integer' });
    const arrays = [[{ id: 1 }], [{ id: 2, extra: 'x' }]];
    const schema = inferSchema(arrays);
    expect(schema.items).toEqual({
      type: 'object',
      properties: { extra: { type: 'string' }, id: { type: 'integer' } },
      required: ['id'],
    });
    for (const a of arrays) expect(await issuesOf(schema, a)).toEqual([]);
  });

  it('refuses to learn from no payloads with a validation error', () => {
    let error: unknown;
    try {
      inferSchema([]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HookbenchError);
    expect((error as HookbenchError).code).toBe('validation');
    expect((error as HookbenchError).field).toBe('samples');
  });
});
