/**
 * Event contracts at their edges (issue 14, from review): names only a catalog allows, payloads
 * and schemas that would overflow the stack, a foreign body schema under a built-in name, raw
 * imported types a receiver must recognise by shape, bursts that name every issue, and
 * validators that do not pile up in ajv's cache.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { loadSchemaValidator } from '../../src-main/engine/catalogs/schemaValidator';
import { Workbench } from '../../src-main/engine/workbench';
import { rejectedHookbenchError } from '../support/thrown';
import { tempDir } from '../support/tmp';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function open(receiver = false): Promise<Workbench> {
  const { dir, cleanup } = tempDir();
  const wb = await Workbench.open({
    dataDir: dir,
    receiver: receiver ? { port: 0 } : false,
    deliver: receiver ? undefined : false,
  });
  cleanups.push(cleanup, () => wb.close());
  return wb;
}

function openapi(webhooks: Record<string, { schema: object; example?: object }>): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'edges', version: '1' },
    webhooks: Object.fromEntries(
      Object.entries(webhooks).map(([name, { schema, example }]) => [
        name,
        {
          post: {
            requestBody: { content: { 'application/json': { schema, ...(example && { example }) } } },
            responses: { '200': { description: 'ok' } },
          },
        },
      ]),
    ),
  });
}

const ORDER = {
  type: 'object',
  required: ['order_id', 'total'],
  properties: { order_id: { type: 'string' }, total: { type: 'integer' } },
};
const REFUND = {
  type: 'object',
  required: ['refund_id'],
  properties: { refund_id: { type: 'string' } },
};

describe('names a catalog allows', () => {
  it('removes an imported type named like a provider topic, and subscribes to topics by prefix', async () => {
    const wb = await open();
    await dispatch(wb, 'catalogs.import', {
      document: openapi({ push: { schema: ORDER }, 'orders/create': { schema: ORDER } }),
    });
    await expect(dispatch(wb, 'events.removeCustomType', { type: 'orders/create' })).resolves.toEqual({
      deleted: true,
    });
    await expect(dispatch(wb, 'events.removeCustomType', { type: 'push' })).resolves.toEqual({ deleted: true });
    const w = await dispatch(wb, 'webhooks.create', {
      name: 'topics',
      url: 'http://127.0.0.1:9/hook',
      subscriptions: ['orders/*'],
    });
    expect((await dispatch(wb, 'events.recipients', { type: 'orders/create' })).map((r) => r.id)).toEqual([w.id]);
  });
});

describe('the stack', () => {
  it('learns from a payload nested 50,000 deep without overflowing', async () => {
    const wb = await open(true);
    const inbox = await dispatch(wb, 'inboxes.create', { name: 'deep', scheme: 'none' });
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    const r = await fetch(inbox.url!, { method: 'POST', body: deep, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    await wb.receiver.idle();
    const inferred = await dispatch(wb, 'catalogs.infer', { inboxId: inbox.id });
    expect(inferred.schema).toMatchObject({ type: 'object', required: ['a'] });
  });

  it('refuses a schema too large to run, naming the field, and keeps the one before', async () => {
    const wb = await open();
    const properties = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const e = await rejectedHookbenchError(() =>
      dispatch(wb, 'catalogs.setSchema', {
        catalog: 'hookbench',
        type: 'user.created',
        schema: { type: 'object', properties },
      }),
    );
    expect(e).toMatchObject({ code: 'validation', field: 'schema' });
    expect(e.message).toMatch(/too large to check/);
    expect((await dispatch(wb, 'catalogs.type', { catalog: 'hookbench', type: 'user.created' })).schemaOrigin).toBe(
      'catalog',
    );
  });
});

describe('imports', () => {
  it("refuses a foreign body schema under a built-in type's name, naming it, and writes nothing", async () => {
    const wb = await open();
    const e = await rejectedHookbenchError(() =>
      dispatch(wb, 'catalogs.import', {
        document: openapi({ 'user.created': { schema: ORDER }, 'shop.order': { schema: ORDER } }),
      }),
    );
    expect(e).toMatchObject({ code: 'validation', field: 'document' });
    expect(e.message).toMatch(/user\.created is a built-in Hookbench event type/);
    const types = await dispatch(wb, 'catalogs.types', { catalog: 'hookbench' });
    expect(types.some((t) => t.type === 'shop.order')).toBe(false);
  });

  it('learns nothing from an envelope without its data, and says so', async () => {
    const wb = await open(true);
    const inbox = await dispatch(wb, 'inboxes.create', { name: 'bare', scheme: 'none', catalog: 'hookbench' });
    await fetch(inbox.url!, { method: 'POST', body: JSON.stringify({ type: 'user.created' }) });
    await wb.receiver.idle();
    const e = await rejectedHookbenchError(() =>
      dispatch(wb, 'catalogs.infer', { inboxId: inbox.id, eventType: 'user.created' }),
    );
    expect(e).toMatchObject({ code: 'not_found', field: 'inboxId' });
    expect(e.message).toBe('no user.created JSON payloads in inbox “bare” to learn from');
  });

  it('does not keep every compiled schema in ajv: repeated dry runs leave its cache as it was', async () => {
    const wb = await open();
    const document = openapi(
      Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`bulk.t${i}`, { schema: { ...ORDER, title: `t${i}` } }]),
      ),
    );
    await dispatch(wb, 'catalogs.import', { document, dryRun: true });
    const validator = (await loadSchemaValidator()) as unknown as {
      fast: Record<string, { _cache: Map<unknown, unknown> }>;
    };
    const before = validator.fast['2020-12']!._cache.size;
    for (let i = 0; i < 3; i++) await dispatch(wb, 'catalogs.import', { document, dryRun: true });
    expect(validator.fast['2020-12']!._cache.size).toBe(before);
  });
});

describe('the receiver and raw imported types', () => {
  it('names the imported type a payload sent as it is meets, and only when exactly one fits', async () => {
    const wb = await open(true);
    await dispatch(wb, 'catalogs.import', {
      document: openapi({
        'order.placed': { schema: ORDER, example: { order_id: 'o_1', total: 5 } },
        'refund.issued': { schema: REFUND, example: { refund_id: 'r_1' } },
        // Requires nothing: it would take any object, so it names none.
        'note.any': { schema: { type: 'object', properties: { note: { type: 'string' } } } },
      }),
    });
    const inbox = await dispatch(wb, 'inboxes.create', { name: 'shop', scheme: 'none', catalog: 'hookbench' });
    const post = (body: object) => fetch(inbox.url!, { method: 'POST', body: JSON.stringify(body) });
    await post({ order_id: 'o_2', total: 7 });
    await post({ order_id: 'o_3', total: 'seven' });
    await post({ order_id: 'o_4', total: 7, refund_id: 'r_2' });
    await post({ foo: 'bar' });
    // It names a type the catalog lacks: that, not a type of the same shape.
    await post({ type: 'nope.type', order_id: 'o_5', total: 7 });
    await wb.receiver.idle();
    const page = await dispatch(wb, 'requests.list', { inboxId: inbox.id, limit: 10 });
    const verdicts = page.items.reverse().map((r) => r.schemaVerdict && [r.schemaVerdict.status, r.schemaVerdict.type]);
    expect(verdicts).toEqual([
      ['valid', 'order.placed'],
      ['unknown_type', null],
      ['unknown_type', null], // both fit: it names neither
      ['unknown_type', null],
      ['unknown_type', 'nope.type'],
    ]);
  });
});

describe('drift', () => {
  it("counts the requests a type's schema no longer takes, after the schema changed", async () => {
    const wb = await open(true);
    const inbox = await dispatch(wb, 'inboxes.create', { name: 'drift', scheme: 'none', catalog: 'hookbench' });
    const post = (data: object) =>
      fetch(inbox.url!, { method: 'POST', body: JSON.stringify({ id: 'm', type: 'user.created', data }) });
    await post({ id: 'u1', plan: 'pro' });
    await post({ id: 'u2' });
    await wb.receiver.idle();
    expect(await dispatch(wb, 'catalogs.drift', { catalog: 'hookbench' })).toMatchObject([
      { type: 'user.created', checked: 2, invalid: 0, example: null },
    ]);
    await dispatch(wb, 'catalogs.setSchema', {
      catalog: 'hookbench',
      type: 'user.created',
      schema: { type: 'object', required: ['plan'] },
    });
    expect(await dispatch(wb, 'catalogs.drift', { catalog: 'hookbench' })).toMatchObject([
      { type: 'user.created', checked: 2, invalid: 1, example: { path: '/data/plan', found: 'missing' } },
    ]);
    expect(await dispatch(wb, 'catalogs.drift', { catalog: 'github' })).toEqual([]);
  });
});

describe('bursts and workspaces', () => {
  it('a burst refused for one bad payload names each of its issues under its index', async () => {
    const wb = await open();
    const e = await rejectedHookbenchError(() =>
      dispatch(wb, 'events.triggerMany', {
        events: [{ type: 'user.created' }, { type: 'user.created', data: { email: 1, name: 2 } }],
      }),
    );
    expect(e.field).toBe('events.1.data');
    expect(e.issues?.map((i) => i.field)).toEqual(['events.1.data/email', 'events.1.data/name']);
  });

  it('reading a type or checking a payload in a workspace that does not exist is not_found', async () => {
    const wb = await open();
    for (const op of [
      () => dispatch(wb, 'catalogs.type', { workspaceId: 'ws_nope', catalog: 'hookbench', type: 'user.created' }),
      () =>
        dispatch(wb, 'catalogs.check', {
          workspaceId: 'ws_nope',
          catalog: 'hookbench',
          type: 'user.created',
          payload: {},
        }),
    ])
      await expect(rejectedHookbenchError(op)).resolves.toMatchObject({ code: 'not_found', field: 'workspaceId' });
  });

  it('saves a schema with an $id again, and the same one for two types (ajv keeps no $id between compiles)', async () => {
    const wb = await open();
    const schema = { $id: 'https://example.com/user.json', type: 'object', required: ['id'] };
    for (const type of ['user.created', 'user.created', 'user.updated'])
      await expect(dispatch(wb, 'catalogs.setSchema', { catalog: 'hookbench', type, schema })).resolves.toMatchObject({
        schemaOrigin: 'workspace',
      });
    const checked = await dispatch(wb, 'catalogs.check', { catalog: 'hookbench', type: 'user.updated', payload: {} });
    expect(checked.issues.map((i) => i.path)).toEqual(['/id']);
  });

  it('names the drafts it checks when a schema asks for another', async () => {
    const wb = await open();
    const e = await rejectedHookbenchError(() =>
      dispatch(wb, 'catalogs.setSchema', {
        catalog: 'hookbench',
        type: 'user.created',
        schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' },
      }),
    );
    expect(e.message).toMatch(/is not supported; use draft-07/);
  });
});
