import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { Workbench } from '../../src-main/engine/workbench';
import { tempDir } from '../support/tmp';

describe('workbench: deleting a workspace', () => {
  let wb: Workbench;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await wb?.close();
    tmp?.cleanup();
  });

  it('removes its webhooks and inboxes everywhere: the receiver answers 404 and fires reach nothing', async () => {
    tmp = tempDir();
    const errors = vi.spyOn(console, 'error');
    wb = await Workbench.open({ dataDir: tmp.dir, receiver: { port: 0 } });
    const ws = await dispatch(wb, 'workspaces.create', { name: 'Staging' });
    const { inbox } = await dispatch(wb, 'webhooks.sendToLocalInbox', { workspaceId: ws.id });
    const first = await request(inbox.url!, { method: 'POST', body: '{}' });
    await first.body.dump();
    expect(first.statusCode).toBe(200);
    await dispatch(wb, 'workspaces.delete', { id: ws.id });
    const after = await request(inbox.url!, { method: 'POST', body: '{}' });
    await after.body.dump();
    expect(after.statusCode).toBe(404);
    expect(await dispatch(wb, 'webhooks.list', { workspaceId: ws.id })).toEqual([]);
    await expect(dispatch(wb, 'workspaces.delete', { id: 'ws_default' })).rejects.toMatchObject({ code: 'conflict' });
    // A request whose inbox went while it waited to be stored goes with the inbox, quietly.
    await wb.receiver.idle();
    expect(errors.mock.calls.flat().join(' ')).not.toMatch(/failed to handle a request/);
    errors.mockRestore();
  });
});
