import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HookbenchError } from '../../src-main/api/errors';
import type { ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import { EventBus } from '../../src-main/engine/eventBus';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { openStore } from '../../src-main/engine/store/store';
import { httpRequest, quietLog, rawExchange, receiversPerTest } from '../support/receiverClient';
import { receiverTempDb } from '../support/receiverTmp';

const { harness, cleanups } = receiversPerTest();

describe('routing', () => {
  it('keeps sub-paths, query strings and every header in arrival order', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'Orders', scheme: 'none' });
    const { response, stored } = await h.send(`/in/${inbox.slug}/v2/orders?shop=acme&x=1`, {
      method: 'PUT',
      headers: ['X-Trace', 'a', 'Content-Type', 'text/plain', 'x-trace', 'b'],
      body: 'hello',
    });
    expect(response.status).toBe(200);
    expect(stored).toMatchObject({
      inboxId: inbox.id,
      slug: 'orders',
      method: 'PUT',
      path: `/in/${inbox.slug}/v2/orders`,
      query: 'shop=acme&x=1',
    });
    const names = stored.headers.map(([n]) => n);
    expect(names.indexOf('X-Trace')).toBeLessThan(names.indexOf('Content-Type'));
    expect(names.indexOf('Content-Type')).toBeLessThan(names.indexOf('x-trace'));
    expect(stored.headers).toContainEqual(['x-trace', 'b']);
    expect(stored.remoteAddress).toMatch(/127\.0\.0\.1/);
    expect(stored.bodyText).toBe('hello');
  });

  it('treats headers named like object properties (constructor, __proto__, toString) as plain headers', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'Protos', scheme: 'auto' });
    const { response, stored } = await h.send(`/in/${inbox.slug}`, {
      headers: ['Constructor', 'x', '__proto__', 'y', 'toString', 'z', 'webhook-id', 'msg_proto'],
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(stored.headers).toEqual(
      expect.arrayContaining([
        ['Constructor', 'x'],
        ['__proto__', 'y'],
        ['toString', 'z'],
      ]),
    );
    expect(stored.dedupeKey).toBe('msg_proto');
  });

  it('answers 404 for paths that are no inbox and stores them unrouted', async () => {
    const h = await harness();
    for (const path of ['/', '/webhooks/stripe?x=1', '/in/no-such-inbox']) {
      const { response, stored } = await h.send(path, { body: '{"a":1}' });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body.toString())).toMatchObject({ error: 'not_found' });
      expect(stored).toMatchObject({
        inboxId: null,
        slug: null,
        workspaceId: 'ws_default',
        responseStatus: 404,
        valid: null,
        verdict: null,
      });
    }
  });

  it('announces each stored request on the bus', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'bus', scheme: 'none' });
    const seen: ReceivedRequestSummary[] = [];
    h.bus.on('request.received', (s) => seen.push(s));
    const { stored } = await h.send(`/in/${inbox.slug}`, { body: 'x' });
    expect(seen).toEqual([
      expect.objectContaining({
        id: stored.id,
        inboxId: inbox.id,
        slug: inbox.slug,
        method: 'POST',
        bodySize: 1,
        responseStatus: 200,
        valid: true,
        reason: null,
        duplicate: false,
      }),
    ]);
  });
});

describe('bodies', () => {
  it('stores a binary body of all 256 byte values byte-exact', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'binary', scheme: 'none' });
    const body = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const { stored } = await h.send(`/in/${inbox.slug}`, {
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });
    expect(Buffer.from(stored.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(stored.bodySize).toBe(512);
    expect(stored.bodyText).toBeNull();
  });

  it('answers 413 over the limit, stores the first bytes with body_truncated, and keeps serving', async () => {
    const h = await harness({ bodyLimitBytes: 1024 });
    const inbox = h.receiver.inboxes.create({ name: 'small', scheme: 'none' });
    const big = Buffer.alloc(4096, 'a');
    const { response, stored } = await h.send(`/in/${inbox.slug}`, { body: big });
    expect(response.status).toBe(413);
    expect(stored).toMatchObject({
      bodyTruncated: true,
      bodySize: 1024,
      responseStatus: 413,
      valid: false,
      reason: 'body_truncated',
    });
    expect(Buffer.from(stored.bodyBase64, 'base64').equals(big.subarray(0, 1024))).toBe(true);

    const next = await h.send(`/in/${inbox.slug}`, { body: 'small enough' });
    expect(next.response.status).toBe(200);
    expect(next.stored.bodyText).toBe('small enough');
  });

  it('refuses a body declared over the limit before it is sent when the client waits for 100 Continue', async () => {
    const h = await harness({ bodyLimitBytes: 1024 });
    const inbox = h.receiver.inboxes.create({ name: 'expect', scheme: 'none' });
    const { text } = await rawExchange(h.port, [
      `POST /in/${inbox.slug} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n`,
    ]);
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text).not.toMatch(/100 Continue/);
    await h.receiver.idle();
    const [latest] = h.receiver.requests.list({ inboxId: inbox.id });
    expect(latest).toMatchObject({ bodyTruncated: true, bodySize: 0, responseStatus: 413 });
  });
});

describe('hostile clients', () => {
  it('cuts off a client that sends its headers too slowly', async () => {
    const h = await harness({ headersTimeoutMs: 500 });
    const dribble = [
      'POST /in/x HTTP/1.1\r\n',
      'Host: 127.0.0.1\r\n',
      ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`),
    ];
    const { text, closedAfterMs } = await rawExchange(h.port, dribble, 100);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(2000); // the dribble alone would take 4 s
    const ok = await httpRequest(`${h.url}/still-alive`);
    expect(ok.status).toBe(404);
  });

  it('cuts off a client that sends its body too slowly, and still stores what arrived', async () => {
    const h = await harness({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const inbox = h.receiver.inboxes.create({ name: 'slow body', scheme: 'none' });
    const head = `POST /in/${inbox.slug} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n`;
    const { closedAfterMs } = await rawExchange(h.port, [head, ...Array.from({ length: 30 }, () => 'a')], 100);
    expect(closedAfterMs).toBeLessThan(2000);
    await h.receiver.idle();
    const [stored] = h.receiver.requests.list({ inboxId: inbox.id });
    expect(stored).toMatchObject({ responseStatus: null, bodyTruncated: false });
    expect(stored!.bodySize).toBeGreaterThan(0);
    expect(stored!.bodySize).toBeLessThan(100);
  });

  it('answers malformed HTTP with 400, closes, and serves the next request', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'after garbage', scheme: 'none' });
    const { text } = await rawExchange(h.port, [
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]),
      'GARBAGE \x00\x01 nonsense\r\n\r\n',
    ]);
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    const { text: badHeader } = await rawExchange(h.port, [
      'POST /in/x HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n',
    ]);
    expect(badHeader).toMatch(/^HTTP\/1\.1 400/);
    const { response } = await h.send(`/in/${inbox.slug}`, { body: 'fine' });
    expect(response.status).toBe(200);
  });

  it('answers 500 and logs when handling fails, and keeps serving once the cause is gone', async () => {
    const log = quietLog();
    const h = await harness({ log });
    const inbox = h.receiver.inboxes.create({ name: 'fragile', scheme: 'none' });
    h.store.db.exec('ALTER TABLE inboxes RENAME TO inboxes_away');
    const failed = await httpRequest(`${h.url}/in/${inbox.slug}`, { body: '{}' });
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body.toString())).toMatchObject({ error: 'internal' });
    expect(log.errors).toHaveLength(1);
    h.store.db.exec('ALTER TABLE inboxes_away RENAME TO inboxes');
    const { response } = await h.send(`/in/${inbox.slug}`, { body: '{}' });
    expect(response.status).toBe(200);
  });

  it('answers 431 to oversized headers', async () => {
    const h = await harness({ maxHeaderSize: 4096 });
    const { text } = await rawExchange(h.port, [`GET /in/x HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`]);
    expect(text).toMatch(/^HTTP\/1\.1 431/);
  });

  it('stores a request whose client left during the response delay, with no response', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'leaver', scheme: 'none', responseRule: { delayMs: 300 } });
    await new Promise<void>((resolve) => {
      const s = connect(h.port, '127.0.0.1', () => {
        s.write(`POST /in/${inbox.slug}/gone HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi`);
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 50);
      });
    });
    await new Promise((r) => setTimeout(r, 400));
    await h.receiver.idle();
    const gone = h.receiver.requests.list({ inboxId: inbox.id }).find((r) => r.path.endsWith('/gone'));
    expect(gone).toMatchObject({ responseStatus: null, bodySize: 2 });
  });
});

describe('listening', () => {
  it('rejects a port in use with a conflict naming the port and what to do', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const tmp = receiverTempDb();
    const store = openStore(tmp.dbFile);
    cleanups.push(() => {
      store.close();
      tmp.cleanup();
    });
    const receiver = new Receiver(store, new EventBus(), { log: quietLog() });
    const error = await receiver.listen({ port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookbenchError);
    expect(error).toMatchObject({ code: 'conflict', field: 'receiverPort' });
    expect((error as Error).message).toBe(
      `port ${port} is in use on 127.0.0.1 by another program — choose another receiver port`,
    );
    expect(receiver.status()).toEqual({ listening: false, url: null, port: null, host: null });
  });

  it('reports its status, closes, and listens again', async () => {
    const tmp = receiverTempDb();
    const store = openStore(tmp.dbFile);
    const log = quietLog();
    const receiver = new Receiver(store, new EventBus(), { log });
    cleanups.push(async () => {
      await receiver.close();
      store.close();
      tmp.cleanup();
    });
    const first = await receiver.listen({ port: 0 });
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    expect(receiver.status()).toEqual({ listening: true, ...first });
    await expect(receiver.listen({ port: 0 })).rejects.toMatchObject({ code: 'conflict' });
    await receiver.close();
    expect(receiver.status().listening).toBe(false);
    const again = await receiver.listen({ port: 0 });
    expect((await httpRequest(`${again.url}/x`)).status).toBe(404);
    expect(log.warnings).toEqual([]);
  });

  it('warns when bound beyond loopback', async () => {
    const tmp = receiverTempDb();
    const store = openStore(tmp.dbFile);
    const log = quietLog();
    const receiver = new Receiver(store, new EventBus(), { log });
    cleanups.push(async () => {
      await receiver.close();
      store.close();
      tmp.cleanup();
    });
    const bound = await receiver.listen({ port: 0, host: '0.0.0.0' });
    expect(bound.url).toBe(`http://127.0.0.1:${bound.port}`);
    expect(log.warnings.join('\n')).toMatch(/reachable from other machines/);
  });

  it('rejects an invalid port as a validation error', async () => {
    const h = await harness();
    await h.receiver.close();
    await expect(h.receiver.listen({ port: 70000 })).rejects.toMatchObject({
      code: 'validation',
      field: 'receiverPort',
    });
  });
});
