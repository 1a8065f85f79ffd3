/**
 * Issue 11 items 5 and 14: the receiver's host and port are validated, a receiver that cannot
 * bind leaves the workbench up and Settings can fix it, and webhooks made by "send to a local
 * inbox" follow the receiver wherever it listens.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dispatch } from '../../src-main/api/dispatch';
import { openDatabase } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { Workbench, type WorkbenchOptions } from '../../src-main/engine/workbench';
import { tempDir } from '../support/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function open(opts: Partial<WorkbenchOptions> = {}, dir?: string): Promise<Workbench> {
  if (!dir) {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    dir = tmp.dir;
  }
  const wb = await Workbench.open({ dataDir: dir, ...opts });
  cleanups.push(() => wb.close());
  return wb;
}

/** A port held by another program until the test ends. */
async function busyPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A workbench whose receiver listens where Settings say (no override), on `port`. */
async function openOnPort(port: number): Promise<{ wb: Workbench; dir: string }> {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const setup = await Workbench.open({ dataDir: tmp.dir, receiver: false });
  await dispatch(setup, 'settings.update', { receiverPort: port });
  await setup.close();
  return { wb: await open({}, tmp.dir), dir: tmp.dir };
}

describe('receiver host and port settings', () => {
  it.each([
    [{ receiverHost: 'not a host!' }, 'receiverHost'],
    [{ receiverHost: 'http://127.0.0.1' }, 'receiverHost'],
    [{ receiverHost: '127.0.0.1:8080' }, 'receiverHost'],
    [{ receiverHost: 'a b' }, 'receiverHost'],
    [{ receiverHost: '' }, 'receiverHost'],
    [{ receiverPort: 70000 }, 'receiverPort'],
    [{ receiverPort: 80.5 }, 'receiverPort'],
    [{ receiverPort: -1 }, 'receiverPort'],
  ])('refuses %j with a field error, saves nothing and keeps the receiver where it was', async (patch, field) => {
    const wb = await open({ receiver: { port: 0 } });
    const before = wb['receiver.status']();
    await expect(dispatch(wb, 'settings.update', patch)).rejects.toMatchObject({ code: 'validation', field });
    expect(await dispatch(wb, 'settings.get', {})).toMatchObject({ receiverHost: '127.0.0.1', receiverPort: 8787 });
    expect(wb['receiver.status']()).toMatchObject({ listening: true, url: before.url, error: null });
  });

  it('accepts host names and IP literals', async () => {
    const wb = await open({ receiver: false });
    for (const receiverHost of ['localhost', '0.0.0.0', '::1', '::', 'my-box.local', '192.168.1.20']) {
      await expect(dispatch(wb, 'settings.update', { receiverHost })).resolves.toMatchObject({ receiverHost });
    }
  });

  it('stays up when its port is in use, says why, and listens once Settings give a free port', async () => {
    const busy = await busyPort();
    const { wb } = await openOnPort(busy);
    const down = wb['receiver.status']();
    expect(down).toMatchObject({ listening: false, url: null });
    expect(down.error).toMatch(new RegExp(`port ${busy} is in use`));
    // The rest of the workbench works.
    expect(await dispatch(wb, 'webhooks.list', {})).toEqual([]);

    const free = await freePort();
    await dispatch(wb, 'settings.update', { receiverPort: free });
    expect(wb['receiver.status']()).toMatchObject({ listening: true, port: free, error: null });
  });

  it('refuses a move to a port in use with a conflict on the field, and keeps listening where it was', async () => {
    const { wb } = await openOnPort(await freePort());
    const before = wb['receiver.status']();
    const busy = await busyPort();
    await expect(dispatch(wb, 'settings.update', { receiverPort: busy })).rejects.toMatchObject({
      code: 'conflict',
      field: 'receiverPort',
    });
    expect((await dispatch(wb, 'settings.get', {})).receiverPort).toBe(before.port);
    expect(wb['receiver.status']()).toMatchObject({ listening: true, port: before.port, error: null });
  });

  it('refuses a host that is not an address of this machine, and keeps listening where it was', async () => {
    const { wb } = await openOnPort(await freePort());
    const before = wb['receiver.status']();
    await expect(dispatch(wb, 'settings.update', { receiverHost: '203.0.113.7' })).rejects.toMatchObject({
      code: 'validation',
      field: 'receiverHost',
      message: expect.stringMatching(/not an address of this machine/),
    });
    expect((await dispatch(wb, 'settings.get', {})).receiverHost).toBe('127.0.0.1');
    expect(wb['receiver.status']()).toMatchObject({ listening: true, url: before.url, error: null });
  });

  it('with a port from the command line, saving Settings neither moves the receiver nor hides where it is', async () => {
    const wb = await open({ receiver: { port: 0 } });
    const before = wb['receiver.status']();
    expect(before.overridden).toEqual({ port: 0, host: null });
    await dispatch(wb, 'settings.update', { receiverPort: await freePort() });
    expect(wb['receiver.status']()).toMatchObject({ listening: true, port: before.port, url: before.url });
  });

  it('starts on 127.0.0.1 when an older Hookbench saved a host that is not one, and says so', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const setup = await Workbench.open({ dataDir: tmp.dir, receiver: false });
    setup.sender.store.db
      .prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('receiverHost', '"not a host!"')`)
      .run();
    await setup.close();
    const wb = await open({ receiver: { port: 0 } }, tmp.dir);
    const status = wb['receiver.status']();
    expect(status).toMatchObject({ listening: true, host: '127.0.0.1' });
    expect(status.error).toMatch(/saved receiver host "not a host!" is not valid; using 127\.0\.0\.1/);
    await dispatch(wb, 'settings.update', { receiverHost: '127.0.0.1' });
    expect(wb['receiver.status']()).toMatchObject({ listening: true, error: null });
  });

  it('reports no override when Settings decide', async () => {
    const { wb } = await openOnPort(await freePort());
    expect(wb['receiver.status']().overridden).toBeNull();
  });
});

describe('webhooks made by "send to a local inbox"', () => {
  it('still deliver after the receiver port changes, and show the URL now in use', async () => {
    const { wb } = await openOnPort(await freePort());
    const { inbox, webhook } = await dispatch(wb, 'webhooks.sendToLocalInbox', { name: 'Follow me' });
    expect((await dispatch(wb, 'webhooks.test', { id: webhook.id })).status).toBe('success');

    const moved = await freePort();
    await dispatch(wb, 'settings.update', { receiverPort: moved });
    expect((await dispatch(wb, 'webhooks.get', { id: webhook.id })).url).toBe(
      `http://127.0.0.1:${moved}/in/${inbox.slug}`,
    );
    expect((await dispatch(wb, 'inboxes.get', { id: inbox.id })).url).toBe(
      `http://127.0.0.1:${moved}/in/${inbox.slug}`,
    );
    const detail = await dispatch(wb, 'webhooks.test', { id: webhook.id });
    expect(detail.status).toBe('success');
    await wb.receiver.idle();
    expect((await dispatch(wb, 'inboxes.requests', { id: inbox.id })).items).toHaveLength(2);
  });

  it('follow the receiver to a random port chosen on the command line, across a restart', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const first = await Workbench.open({ dataDir: tmp.dir, receiver: { port: 0 } });
    const { inbox, webhook } = await dispatch(first, 'webhooks.sendToLocalInbox', { name: 'Random' });
    const firstPort = first['receiver.status']().port;
    await first.close();

    const second = await open({ receiver: { port: 0 } }, tmp.dir);
    const port = second['receiver.status']().port;
    expect(port).not.toBe(firstPort);
    expect((await dispatch(second, 'webhooks.get', { id: webhook.id })).url).toBe(
      `http://127.0.0.1:${port}/in/${inbox.slug}`,
    );
    expect((await dispatch(second, 'webhooks.test', { id: webhook.id })).status).toBe('success');
  });

  it('follow their inbox to a new slug', async () => {
    const wb = await open({ receiver: { port: 0 } });
    const { inbox, webhook } = await dispatch(wb, 'webhooks.sendToLocalInbox', { name: 'Renamed' });
    await dispatch(wb, 'inboxes.update', { id: inbox.id, slug: 'renamed-inbox' });
    expect((await dispatch(wb, 'webhooks.get', { id: webhook.id })).url).toMatch(/\/in\/renamed-inbox$/);
    expect((await dispatch(wb, 'webhooks.test', { id: webhook.id })).status).toBe('success');
  });

  it('are left alone once pointed elsewhere by hand', async () => {
    const { wb } = await openOnPort(await freePort());
    const { webhook } = await dispatch(wb, 'webhooks.sendToLocalInbox', { name: 'Mine now' });
    await dispatch(wb, 'webhooks.update', { id: webhook.id, url: 'https://example.com/hooks' });
    await dispatch(wb, 'settings.update', { receiverPort: await freePort() });
    expect((await dispatch(wb, 'webhooks.get', { id: webhook.id })).url).toBe('https://example.com/hooks');
  });

  it('fail with an error naming the deleted inbox and the webhook', async () => {
    const wb = await open({ receiver: { port: 0 } });
    const { inbox, webhook } = await dispatch(wb, 'webhooks.sendToLocalInbox', { name: 'Orphan' });
    await dispatch(wb, 'inboxes.delete', { id: inbox.id });
    const detail = await dispatch(wb, 'webhooks.test', { id: webhook.id });
    expect(detail.status).not.toBe('success');
    const attempt = detail.attempts.at(-1)!;
    expect(attempt.response?.status).toBe(404);
    expect(attempt.response?.body).toContain(`the local inbox \\"${inbox.slug}\\" was deleted`);
    expect(attempt.response?.body).toContain('Orphan (local)');
  });

  it('made by an older Hookbench are recognised on upgrade and follow the receiver too', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const old = openDatabase(join(tmp.dir, 'hookbench.db'), { migrations: MIGRATIONS.filter((m) => m.version < 6) });
    const now = Date.now();
    old.prepare(`INSERT INTO workspaces (id, name, created_at) VALUES ('ws_default', 'Default', ?)`).run(now);
    old
      .prepare(
        `INSERT INTO inboxes (id, workspace_id, slug, name, scheme, secrets, tolerance_sec, response_rule, created_at, updated_at)
      VALUES ('inb_old', 'ws_default', 'old-inbox', 'Old', 'none', '[]', 300, ?, ?, ?)`,
      )
      .run(
        JSON.stringify({
          status: 200,
          headers: {},
          body: '',
          delayMs: 0,
          failurePercent: 0,
          failFirst: 0,
          failStatus: 500,
        }),
        now,
        now,
      );
    for (const [id, description] of [
      ['wh_local', 'Sends to the local inbox /in/old-inbox'],
      ['wh_other', 'my own server'],
    ]) {
      old
        .prepare(
          `INSERT INTO webhooks (id, workspace_id, name, description, url, subscriptions, scheme, secret, timeout_ms, retry_policy, created_at, updated_at)
        VALUES (?, 'ws_default', ?, ?, 'http://127.0.0.1:8787/in/old-inbox', '["*"]', 'none', 'x', 30000, '{"preset":"fast"}', ?, ?)`,
        )
        .run(id, id, description, now, now);
    }
    old.close();

    const wb = await open({ receiver: { port: 0 } }, tmp.dir);
    const { port } = wb['receiver.status']();
    expect((await dispatch(wb, 'webhooks.get', { id: 'wh_local' })).url).toBe(`http://127.0.0.1:${port}/in/old-inbox`);
    expect((await dispatch(wb, 'webhooks.get', { id: 'wh_other' })).url).toBe('http://127.0.0.1:8787/in/old-inbox');
  });
});
