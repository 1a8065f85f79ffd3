/**
 * What the web host refuses and drops, over real sockets: bodies that are not sent as JSON (415),
 * input nested deeper than the limit (400 through REST and the WebSocket; the host keeps
 * serving), and idle connections (closed after a few seconds, not node's 60 s+).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { MAX_INPUT_DEPTH } from '../../src-main/api/jsonDepth';
import { connectWs } from '../api/transportClients';
import { rawRequest, startHostFixture, type HostFixture } from './hostHarness';

/** `{"a":{"a":…1…}}` as text: JSON.stringify itself cannot build it. */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const DEEP = 5000;

describe('web host request limits', () => {
  let f: HostFixture;
  const auth = (contentType?: string): Record<string, string> => ({
    authorization: `Bearer ${f.host.token}`,
    ...(contentType === undefined ? {} : { 'content-type': contentType }),
  });
  const webhookCount = () => f.wb['webhooks.list']({}).length;
  const stillServing = async () =>
    expect((await rawRequest(f.host.port, { path: '/api/v1/settings', headers: auth() })).status).toBe(200);

  beforeAll(async () => {
    f = await startHostFixture();
  });
  afterAll(async () => f?.close());

  describe('content type', () => {
    const WEBHOOK = JSON.stringify({ url: 'http://127.0.0.1:9/hook', subscriptions: ['user.*'] });

    it.each([
      ['text/plain', 'text/plain'],
      ['form-encoded (curl -d without -H)', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=x'],
      ['no Content-Type', undefined],
    ])('answers 415 to a JSON body sent as %s, naming content-type, and writes nothing', async (_label, type) => {
      const before = webhookCount();
      const res = await rawRequest(f.host.port, {
        method: 'POST',
        path: '/api/v1/webhooks',
        headers: auth(type),
        body: WEBHOOK,
      });
      expect(res.status).toBe(415);
      expect(res.json).toMatchObject({
        error: { code: 'validation', field: 'content-type', message: expect.stringContaining('application/json') },
      });
      expect(webhookCount()).toBe(before);
    });

    it('accepts application/json with parameters and +json types', async () => {
      for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/merge-patch+json']) {
        const res = await rawRequest(f.host.port, {
          method: 'POST',
          path: '/api/v1/webhooks',
          headers: auth(type),
          body: WEBHOOK,
        });
        expect(res.status, type).toBe(201);
      }
    });

    it('accepts an empty body without a Content-Type', async () => {
      const res = await rawRequest(f.host.port, {
        method: 'POST',
        path: '/api/v1/webhooks/wh_missing/test',
        headers: auth(),
      });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ error: { code: 'not_found', field: 'id' } });
    });
  });

  describe(`JSON nested ${DEEP} levels`, () => {
    it('is refused over REST with 400 naming the field, before anything recursive runs', async () => {
      const res = await rawRequest(f.host.port, {
        method: 'POST',
        path: '/api/v1/events/trigger',
        headers: auth('application/json'),
        body: `{"type":"user.created","data":${nested(DEEP)}}`,
      });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        error: { code: 'validation', field: 'data', message: expect.stringContaining(`${MAX_INPUT_DEPTH} levels`) },
      });
      await stillServing();
    });

    it('is refused over the WebSocket with a validation result, and the socket keeps working', async () => {
      const ws = await connectWs(f.host.origin, f.host.token);
      try {
        const answer = await ws.sendRaw(
          `{"type":"call","id":7,"op":"events.trigger","input":{"type":"user.created","data":${nested(DEEP)}}}`,
          7,
          5000,
        );
        expect(answer).toMatchObject({
          type: 'result',
          id: 7,
          ok: false,
          error: { code: 'validation', field: 'data' },
        });
        await expect(ws.call('settings.get', {})).resolves.toMatchObject({ receiverPort: expect.any(Number) });
      } finally {
        await ws.close();
      }
      await stillServing();
    });

    it('is refused in-process too (the IPC face), also for a cycle that structured clone can carry', async () => {
      let deep: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < DEEP; i++) deep = { a: deep };
      await expect(dispatch(f.wb, 'events.trigger', { type: 'user.created', data: deep })).rejects.toMatchObject({
        code: 'validation',
        field: 'data',
      });
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      await expect(dispatch(f.wb, 'events.trigger', { type: 'user.created', data: cycle })).rejects.toMatchObject({
        code: 'validation',
        field: 'data',
      });
    });

    it('still accepts ordinary nesting', async () => {
      const res = await rawRequest(f.host.port, {
        method: 'POST',
        path: '/api/v1/events/trigger',
        headers: auth('application/json'),
        body: `{"type":"user.created","data":${nested(20)}}`,
      });
      expect(res.status).toBe(200);
    });
  });

  describe('idle connections', () => {
    /** Opens a raw connection, optionally makes one keep-alive request; how long it stayed open after its last answer (or its opening), and what came. */
    const idleLifetime = (request: boolean) =>
      new Promise<{ ms: number; text: string }>((resolve, reject) => {
        const socket = connect(f.host.port, '127.0.0.1');
        let since = Date.now();
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          if (request && /\r\n\r\n[\s\S]*\}$/.test(text)) since = Date.now(); // the answer is complete
        });
        socket.on('error', reject);
        socket.on('connect', () => {
          since = Date.now();
          if (request)
            socket.write(
              `GET /api/v1/settings HTTP/1.1\r\nHost: 127.0.0.1:${f.host.port}\r\nAuthorization: Bearer ${f.host.token}\r\nConnection: keep-alive\r\n\r\n`,
            );
        });
        socket.on('close', () => resolve({ ms: Date.now() - since, text }));
        setTimeout(() => {
          socket.destroy();
          reject(new Error('the host kept an idle connection open for 15 s'));
        }, 15_000).unref();
      });

    it('closes a connection that never sends a request, and one kept alive after an answer, within ~6 s; a WebSocket stays', async () => {
      const ws = await connectWs(f.host.origin, f.host.token);
      const [silent, keptAlive] = await Promise.all([idleLifetime(false), idleLifetime(true)]);
      await new Promise((r) => setTimeout(r, 1_500));
      await expect(ws.call('settings.get', {})).resolves.toMatchObject({ receiverPort: expect.any(Number) });
      await ws.close();
      expect(silent.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(keptAlive.text).toMatch(/^HTTP\/1\.1 200 /);
      for (const { ms } of [silent, keptAlive]) {
        expect(ms).toBeLessThan(7_000);
        expect(ms).toBeGreaterThan(2_000); // not cut at once: a client has time to send its request
      }
    }, 20_000);
  });
});
