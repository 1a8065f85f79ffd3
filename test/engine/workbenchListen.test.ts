import { createServer, type AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { Workbench } from '../../src-main/engine/workbench';
import { tempDir } from '../support/tmp';

const quiet = { warn: () => {}, error: () => {} };

describe('workbench opened with receiver: false, then listen()', () => {
  let wb: Workbench | undefined;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
    tmp?.cleanup();
  });

  it('receives on the address given, for an inbox made before it listened', async () => {
    tmp = tempDir();
    wb = await Workbench.open({ dataDir: tmp.dir, receiver: false, deliver: false, log: quiet });
    const inbox = await dispatch(wb, 'inboxes.create', { name: 'cli', slug: 'cli', scheme: 'none' });
    expect(wb['receiver.status']()).toMatchObject({ listening: false, overridden: null });

    const bound = await wb.listen({ port: 0, host: '127.0.0.1' });
    expect(bound.url).toBe(`http://127.0.0.1:${bound.port}`);
    expect(wb['receiver.status']()).toMatchObject({
      listening: true,
      port: bound.port,
      overridden: { port: 0, host: '127.0.0.1' },
    });
    const res = await request(`${bound.url}/in/${inbox.slug}`, { method: 'POST', body: '{}' });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    await wb.receiver.idle();
    expect((await dispatch(wb, 'requests.list', {})).items.map((r) => r.inboxId)).toEqual([inbox.id]);

    await expect(wb.listen({ port: 0 })).rejects.toMatchObject({ code: 'conflict', field: 'receiver' });
  });

  it('throws the typed reason it cannot listen: a port in use, a host that is no host', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      tmp = tempDir();
      wb = await Workbench.open({ dataDir: tmp.dir, receiver: false, deliver: false, log: quiet });
      await expect(wb.listen({ port, host: '127.0.0.1' })).rejects.toMatchObject({
        code: 'conflict',
        field: 'receiverPort',
      });
      expect(wb['receiver.status']()).toMatchObject({
        listening: false,
        error: expect.stringContaining(`port ${port} is in use`),
      });
      await wb.close();

      wb = await Workbench.open({ dataDir: tmp.dir, receiver: false, deliver: false, log: quiet });
      await expect(wb.listen({ port: 0, host: 'not a host' })).rejects.toMatchObject({
        code: 'validation',
        field: 'receiverHost',
      });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
