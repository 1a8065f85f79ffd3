/**
 * A workspace's catalog out and back in through the operations (issue 14, items 4 and 5): the
 * OpenAPI export of a catalog with custom, imported and built-in types (one with a schema the
 * workspace saved, one with no example) imports into a fresh data directory as exactly the same
 * types, and into the same workspace as nothing to change; a dry run writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { Workbench } from '../../src-main/engine/workbench';
import { rejectedHookbenchError } from '../support/thrown';
import { tempDir } from '../support/tmp';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function open(): Promise<Workbench> {
  const { dir, cleanup } = tempDir();
  const wb = await Workbench.open({ dataDir: dir, receiver: false, deliver: false });
  cleanups.push(cleanup, () => wb.close());
  return wb;
}

const RAW_DOC = {
  openapi: '3.1.0',
  info: { title: 'Shipping', version: '1' },
  webhooks: {
    'parcel.shipped': {
      post: {
        description: 'A parcel left the warehouse',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['parcel'],
                properties: { parcel: { $ref: '#/components/schemas/Parcel' } },
              },
              example: { parcel: { id: 'pcl_1', weight_g: 1200 } },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    schemas: {
      Parcel: {
        type: 'object',
        required: ['id', 'weight_g'],
        properties: { id: { type: 'string' }, weight_g: { type: 'integer', minimum: 1 } },
      },
    },
  },
};

describe('catalog export → import', () => {
  it('gives back exactly the same types in a fresh data directory, and changes nothing in the same one', async () => {
    const wb = await open();
    await dispatch(wb, 'events.addCustomType', { type: 'report.ready', description: 'no example', sample: {} });
    await dispatch(wb, 'catalogs.setSchema', {
      catalog: 'hookbench',
      type: 'report.ready',
      schema: { type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' } } },
    });
    // A built-in type whose saved schema its own sample does not meet.
    await dispatch(wb, 'catalogs.setSchema', {
      catalog: 'hookbench',
      type: 'user.created',
      schema: { type: 'object', required: ['tenant'] },
    });
    const imported = await dispatch(wb, 'catalogs.import', { document: JSON.stringify(RAW_DOC) });
    expect(imported.changes).toEqual([{ type: 'parcel.shipped', change: 'add', fields: [] }]);

    const { document } = await dispatch(wb, 'catalogs.export', { catalog: 'hookbench' });
    const text = JSON.stringify(document);
    const before = await full(wb);

    const again = await dispatch(wb, 'catalogs.import', { document: text });
    expect(again.changes.filter((c) => c.change !== 'unchanged')).toEqual([]);
    expect(again.applied).toBe(false);

    const fresh = await open();
    const plan = await dispatch(fresh, 'catalogs.import', { document: text });
    expect(plan.format).toBe('hookbench-openapi');
    // Everything but where a type came from: a custom type of the source is an imported one here.
    const sameExceptOrigin = (ts: typeof before) =>
      ts.map((t) => ({ ...t, origin: t.origin === 'custom' ? 'imported' : t.origin }));
    expect(await full(fresh)).toEqual(sameExceptOrigin(before));
  });

  it('a dry run lists the changes and writes nothing; a re-import updates in place', async () => {
    const wb = await open();
    const dry = await dispatch(wb, 'catalogs.import', { document: JSON.stringify(RAW_DOC), dryRun: true });
    expect(dry).toMatchObject({ applied: false, changes: [{ type: 'parcel.shipped', change: 'add' }] });
    expect((await dispatch(wb, 'catalogs.types', { catalog: 'hookbench' })).map((t) => t.type)).not.toContain(
      'parcel.shipped',
    );
    await dispatch(wb, 'catalogs.import', { document: JSON.stringify(RAW_DOC) });
    const changed = structuredClone(RAW_DOC);
    changed.webhooks['parcel.shipped'].post.description = 'Left the warehouse';
    changed.components.schemas.Parcel.properties.weight_g.minimum = 10;
    const update = await dispatch(wb, 'catalogs.import', { document: JSON.stringify(changed) });
    expect(update.changes).toEqual([{ type: 'parcel.shipped', change: 'update', fields: ['description', 'schema'] }]);
    const t = await dispatch(wb, 'catalogs.type', { catalog: 'hookbench', type: 'parcel.shipped' });
    expect(t).toMatchObject({ description: 'Left the warehouse', form: 'raw', origin: 'imported' });
    expect(JSON.stringify(t.schema)).toContain('"minimum":10');
  });

  it('an imported type fires as its payload alone, checked against its schema', async () => {
    const wb = await open();
    await dispatch(wb, 'catalogs.import', { document: JSON.stringify(RAW_DOC) });
    const e = await rejectedHookbenchError(() =>
      dispatch(wb, 'events.trigger', { type: 'parcel.shipped', data: { parcel: { id: 'p', weight_g: 0 } } }),
    );
    expect(e.issues?.map((i) => i.field)).toEqual(['data/parcel/weight_g']);
    const fired = await dispatch(wb, 'events.trigger', { type: 'parcel.shipped' });
    expect(fired.event.data).toEqual({ parcel: { id: 'pcl_1', weight_g: 1200 } });
  });

  it('refuses a document with an external $ref through the operation (a remote face reads no path)', async () => {
    const wb = await open();
    const doc = structuredClone(RAW_DOC) as Record<string, unknown>;
    (doc.components as { schemas: Record<string, unknown> }).schemas.Parcel = { $ref: '/etc/passwd' };
    const e = await rejectedHookbenchError(() => dispatch(wb, 'catalogs.import', { document: JSON.stringify(doc) }));
    expect(e).toMatchObject({ code: 'validation', field: 'document' });
    expect(e.message).toMatch(/line \d+/);
    expect((await dispatch(wb, 'catalogs.types', { catalog: 'hookbench' })).some((t) => t.origin === 'imported')).toBe(
      false,
    );
  });
});

/** Every hookbench type, whole. */
async function full(wb: Workbench) {
  const types = await dispatch(wb, 'catalogs.types', { catalog: 'hookbench' });
  return Promise.all(types.map((t) => dispatch(wb, 'catalogs.type', { catalog: 'hookbench', type: t.type })));
}
