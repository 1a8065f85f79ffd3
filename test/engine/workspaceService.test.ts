import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { EventBus } from '../../src-main/engine/eventBus';
import { InboxService } from '../../src-main/engine/receiver/inboxService';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { WebhookService } from '../../src-main/engine/webhooks/webhookService';
import { WorkspaceService } from '../../src-main/engine/workspaces/workspaceService';
import { tempDir } from '../support/tmp';

describe('workspace service', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  afterEach(() => {
    store?.close();
    tmp?.cleanup();
  });

  function open() {
    tmp = tempDir();
    store = openStore(join(tmp.dir, 'hookbench.db'));
    const bus = new EventBus();
    return {
      bus,
      workspaces: new WorkspaceService(store, bus),
      webhooks: new WebhookService(store, bus),
      inboxes: new InboxService(store, bus),
    };
  }

  it('keeps names unique: a second "Staging" is a conflict on name and nothing is written', () => {
    const { workspaces } = open();
    const staging = workspaces.create({ name: 'Staging' });
    expect(staging).toMatchObject({ id: expect.stringMatching(/^ws_/), name: 'Staging' });
    expect(() => workspaces.create({ name: 'Staging' })).toThrow(
      expect.objectContaining({ code: 'conflict', field: 'name' }),
    );
    expect(() => workspaces.create({ name: '' })).toThrow(
      expect.objectContaining({ code: 'validation', field: 'name' }),
    );
    expect(workspaces.list().map((w) => w.name)).toEqual(['Default', 'Staging']);
  });

  it("renames to a free name or its own, never to another workspace's; an unknown id is not found", () => {
    const { workspaces } = open();
    const a = workspaces.create({ name: 'A' });
    workspaces.create({ name: 'B' });
    expect(workspaces.rename({ id: a.id, name: 'A' })).toEqual(a);
    expect(() => workspaces.rename({ id: a.id, name: 'B' })).toThrow(
      expect.objectContaining({ code: 'conflict', field: 'name' }),
    );
    expect(workspaces.rename({ id: a.id, name: 'Renamed' })).toEqual({ ...a, name: 'Renamed' });
    expect(workspaces.get(a.id).name).toBe('Renamed');
    expect(() => workspaces.rename({ id: 'ws_missing', name: 'X' })).toThrow(
      expect.objectContaining({ code: 'not_found', field: 'id' }),
    );
  });

  it('never deletes the default workspace; an unknown one is not found', () => {
    const { workspaces } = open();
    expect(() => workspaces.delete(DEFAULT_WORKSPACE_ID)).toThrow(
      expect.objectContaining({ code: 'conflict', field: 'id' }),
    );
    expect(workspaces.get(DEFAULT_WORKSPACE_ID).name).toBe('Default');
    expect(() => workspaces.delete('ws_missing')).toThrow(expect.objectContaining({ code: 'not_found', field: 'id' }));
  });

  it('deletes with its webhooks and inboxes, announces each webhook gone and forgets the cached inboxes', () => {
    const { bus, workspaces, webhooks, inboxes } = open();
    const ws = workspaces.create({ name: 'Gone' });
    const hook = webhooks.create({
      workspaceId: ws.id,
      url: 'https://example.test/hook',
      scheme: 'none',
      subscriptions: ['*'],
    });
    const inbox = inboxes.create({ workspaceId: ws.id, name: 'gone inbox', scheme: 'none' });
    expect(store.inboxes.getBySlug(inbox.slug)?.id).toBe(inbox.id); // now cached
    const changed: unknown[] = [];
    bus.on('webhook.changed', (c) => changed.push(c));

    workspaces.delete(ws.id);

    expect(changed).toEqual([{ webhook: null, id: hook.id, deleted: true }]);
    expect(store.webhooks.get(hook.id)).toBeUndefined();
    expect(store.inboxes.getBySlug(inbox.slug)).toBeUndefined();
    expect(store.inboxes.get(inbox.id)).toBeUndefined();
    expect(() => workspaces.get(ws.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
