/** Issue 11 item 9: any method token is logged; cut headers and cut bodies say so in the stored row. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ReceivedRequest } from '../../src-main/api/receiverTypes';
import { httpRequest, rawExchange, type ReceiverHarness, receiversPerTest } from '../support/receiverClient';

const { harness } = receiversPerTest();

/** Every stored request, oldest first, in full. */
async function storedAll(h: ReceiverHarness): Promise<ReceivedRequest[]> {
  await h.receiver.idle();
  return h.receiver.requests
    .list({ limit: 100 })
    .reverse()
    .map((s) => h.receiver.requests.get(s.id));
}

/** Writes `chunks` on one connection, each after the answer to the previous one; resolves with each answer's text. */
function keepAliveExchange(port: number, chunks: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const answers: string[] = [];
    let current = '';
    socket.on('connect', () => socket.write(chunks[0]!));
    socket.on('data', (d) => {
      current += d.toString('latin1');
      // Each answer here is small and declares its length: complete once the body is in.
      const m = /content-length: (\d+)\r\n[\s\S]*?\r\n\r\n/i.exec(current);
      if (!m || current.length - (m.index + m[0].length) < Number(m[1])) return;
      answers.push(current);
      current = '';
      if (answers.length === chunks.length) socket.end();
      else socket.write(chunks[answers.length]!);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answers));
    setTimeout(() => socket.destroy(), 10_000).unref();
  });
}

describe('methods', () => {
  it('logs and answers a request whose method node does not know (FOO), body and all', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'methods', scheme: 'none' });
    const { text } = await rawExchange(h.port, [
      `FOO /in/${inbox.slug}/x?y=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`,
    ]);
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    const [stored] = await storedAll(h);
    expect(stored).toMatchObject({
      method: 'FOO',
      inboxId: inbox.id,
      path: `/in/${inbox.slug}/x`,
      query: 'y=1',
      bodyText: 'hello',
      responseStatus: 200,
    });
  });

  it('logs unknown methods that follow other requests on a kept-alive connection, sent apart or pipelined', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'alive', scheme: 'none' });
    const path = `/in/${inbox.slug}`;
    const answers = await keepAliveExchange(h.port, [
      `GET ${path}/1 HTTP/1.1\r\nHost: x\r\n\r\n`,
      `PURGEALL ${path}/2 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi`,
      `LIST ${path}/3 HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]);
    expect(answers).toHaveLength(3);
    for (const a of answers) expect(a).toMatch(/^HTTP\/1\.1 200/);

    const { text } = await rawExchange(h.port, [
      `POST ${path}/4 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\naM-X ${path}/5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    ]);
    expect(text.match(/HTTP\/1\.1 200/g)).toHaveLength(2);

    const rows = await storedAll(h);
    expect(rows.map((r) => [r.method, r.path])).toEqual([
      ['GET', `${path}/1`],
      ['PURGEALL', `${path}/2`],
      ['LIST', `${path}/3`],
      ['POST', `${path}/4`],
      ['M-X', `${path}/5`],
    ]);
    expect(rows[1]!.bodyText).toBe('hi');
  });

  it('answers 400 to a method that is not an RFC 9110 token, and keeps serving', async () => {
    const h = await harness();
    const { text } = await rawExchange(h.port, ['BA@D / HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(await storedAll(h)).toHaveLength(0);
    expect((await httpRequest(`${h.url}/after`)).status).toBe(404);
  });

  it('answers and logs CONNECT (unrouted to a host, or to an inbox), then closes the connection', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'tunnel', scheme: 'none' });
    const away = await rawExchange(h.port, ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n']);
    expect(away.text).toMatch(/^HTTP\/1\.1 404/);
    expect(away.closedAfterMs).toBeLessThan(3000);
    const routed = await rawExchange(h.port, [`CONNECT /in/${inbox.slug} HTTP/1.1\r\nHost: x\r\n\r\n`]);
    expect(routed.text).toMatch(/^HTTP\/1\.1 200/);
    const rows = await storedAll(h);
    expect(rows.map((r) => [r.method, r.path, r.inboxId, r.responseStatus])).toEqual([
      ['CONNECT', 'example.com:443', null, 404],
      ['CONNECT', `/in/${inbox.slug}`, inbox.id, 200],
    ]);
    expect((await httpRequest(`${h.url}/after`)).status).toBe(404);
  });
});

describe('cut headers and bodies', () => {
  it('keeps the first headers up to the count, and flags the request with how many arrived', async () => {
    const h = await harness({ maxHeadersCount: 10 });
    const inbox = h.receiver.inboxes.create({ name: 'many headers', scheme: 'none' });
    const many = Array.from({ length: 25 }, (_, i) => [`X-H${i}`, String(i)]).flat();
    const cut = await h.send(`/in/${inbox.slug}`, { headers: many, body: '{}' });
    expect(cut.response.status).toBe(200);
    expect(cut.stored.headers).toHaveLength(10);
    expect(cut.stored.headers).toContainEqual(['X-H0', '0']);
    expect(cut.stored.headerCount).toBeGreaterThan(25); // and host, content-length … sent by the client
    expect(cut.stored.headersTruncated).toBe(true);

    const { text } = await rawExchange(h.port, [
      `POST /in/${inbox.slug} HTTP/1.1\r\n${Array.from({ length: 9 }, (_, i) => `X-F${i}: 1\r\n`).join('')}Connection: close\r\n\r\n`,
    ]);
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    const exact = (await storedAll(h)).at(-1)!;
    expect(exact).toMatchObject({ headerCount: 10, headersTruncated: false });
    expect(exact.headers).toHaveLength(10);
  });

  it('records the body bytes received before a 413, beyond the bytes kept', async () => {
    const h = await harness({ bodyLimitBytes: 1024 });
    const inbox = h.receiver.inboxes.create({ name: 'cut body', scheme: 'none' });
    const head = `POST /in/${inbox.slug} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n`;
    const { text } = await rawExchange(h.port, [head, 'a'.repeat(3000)], 50);
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    const [stored] = await storedAll(h);
    expect(stored).toMatchObject({ bodyTruncated: true, bodySize: 1024, responseStatus: 413 });
    expect(stored!.receivedSize).toBeGreaterThan(1024);
    expect(stored!.receivedSize).toBeLessThanOrEqual(3000);
    expect(stored!.headers).toContainEqual(['Content-Length', '100000']);
  });

  it('records the whole size of a body that fits', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'fits', scheme: 'none' });
    const { stored } = await h.send(`/in/${inbox.slug}`, { body: 'x'.repeat(300) });
    expect(stored).toMatchObject({ bodySize: 300, receivedSize: 300, bodyTruncated: false, headersTruncated: false });
  });
});
