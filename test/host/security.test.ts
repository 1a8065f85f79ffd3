import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../src-main/api/openapi';
import { WS_PATH } from '../../src-main/api/transport';
import { packageVersion } from '../../src-main/host/version';
import { startWebHost } from '../../src-main/host/webHost';
import { tryUpgrade, wsUrl } from '../api/transportClients';
import { rawRequest, startHostFixture, type HostFixture } from './hostHarness';

const VALID_WEBHOOK = JSON.stringify({ url: 'http://127.0.0.1:9/hook', subscriptions: ['user.*'] });

describe('web host security', () => {
  let f: HostFixture;
  let port: number;
  const auth = () => ({ authorization: `Bearer ${f.host.token}`, 'content-type': 'application/json' });
  const webhookCount = async () => f.wb['webhooks.list']({}).length;

  beforeAll(async () => {
    f = await startHostFixture();
    port = f.host.port;
  });
  afterAll(async () => f?.close());

  it('prints a URL with a fresh random token on 127.0.0.1', async () => {
    expect(f.host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(f.host.url).toBe(`http://127.0.0.1:${port}/?token=${f.host.token}`);
    expect(f.host.origin).toBe(`http://127.0.0.1:${port}`);
    const other = await startWebHost({ workbench: f.wb, port: 0 });
    try {
      expect(other.token).not.toBe(f.host.token);
    } finally {
      await other.close();
    }
  });

  describe('REST', () => {
    it.each([
      ['no token', {}],
      ['a wrong token', { authorization: 'Bearer not-the-token' }],
      ['a malformed Authorization header', { authorization: 'Basic dXNlcjpwYXNz' }],
    ])('refuses %s with 401 and writes nothing', async (_label, headers) => {
      const before = await webhookCount();
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/webhooks',
        headers: { 'content-type': 'application/json', ...headers },
        body: VALID_WEBHOOK,
      });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: 'forbidden', field: 'token' } });
      expect(res.headers['www-authenticate']).toContain('Bearer');
      expect(await webhookCount()).toBe(before);
    });

    it('accepts ?token= for GET but not for a write', async () => {
      expect((await rawRequest(port, { path: `/api/v1/webhooks?token=${f.host.token}` })).status).toBe(200);
      const before = await webhookCount();
      const res = await rawRequest(port, {
        method: 'POST',
        path: `/api/v1/webhooks?token=${f.host.token}`,
        headers: { 'content-type': 'application/json' },
        body: VALID_WEBHOOK,
      });
      expect(res.status).toBe(401);
      expect(await webhookCount()).toBe(before);
    });

    it('refuses a foreign Origin with 403 even with the token, and writes nothing', async () => {
      const before = await webhookCount();
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/webhooks',
        headers: { ...auth(), origin: 'http://attacker.example' },
        body: VALID_WEBHOOK,
      });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: 'forbidden', field: 'origin' } });
      expect(await webhookCount()).toBe(before);
      // Our own origins pass.
      for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
        expect((await rawRequest(port, { path: '/api/v1/webhooks', headers: { ...auth(), origin } })).status).toBe(200);
      }
      // Same host, other port: another local app is still a foreign origin.
      expect(
        (
          await rawRequest(port, {
            path: '/api/v1/webhooks',
            headers: { ...auth(), origin: `http://127.0.0.1:${port + 1}` },
          })
        ).status,
      ).toBe(403);
    });

    it('refuses a foreign Host with 403 (DNS rebinding), and writes nothing', async () => {
      const before = await webhookCount();
      for (const host of [
        `attacker.example:${port}`,
        '127.0.0.1',
        `127.0.0.1:${port + 1}`,
        `localhost.attacker.example:${port}`,
      ]) {
        const res = await rawRequest(port, {
          method: 'POST',
          path: '/api/v1/webhooks',
          headers: { ...auth(), host },
          body: VALID_WEBHOOK,
        });
        expect(res.status, host).toBe(403);
        expect(res.json).toMatchObject({ error: { code: 'forbidden', field: 'host' } });
      }
      expect(await webhookCount()).toBe(before);
      expect(
        (await rawRequest(port, { path: '/api/v1/webhooks', headers: { ...auth(), host: `localhost:${port}` } }))
          .status,
      ).toBe(200);
    });

    it('answers 413 too_large for a body over 2 MiB, and writes nothing', async () => {
      const before = await webhookCount();
      const big = JSON.stringify({
        url: 'http://127.0.0.1:9/hook',
        subscriptions: ['*'],
        description: 'x'.repeat(3 * 1024 * 1024),
      });
      const res = await rawRequest(port, { method: 'POST', path: '/api/v1/webhooks', headers: auth(), body: big });
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ error: { code: 'too_large', field: 'body' } });
      expect(await webhookCount()).toBe(before);
    });

    it('answers 413 for an oversized chunked body too', async () => {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/webhooks',
            headers: { ...auth(), host: `127.0.0.1:${port}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        for (let i = 0; i < 12; i++) req.write(chunk);
        req.end();
      });
      expect(status).toBe(413);
    });

    it('answers 400 validation naming `body` for malformed JSON or a non-object', async () => {
      const bad = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/webhooks',
        headers: auth(),
        body: '{"url": "http://x", ',
      });
      expect(bad.status).toBe(400);
      expect(bad.json).toMatchObject({ error: { code: 'validation', field: 'body' } });
      const array = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/webhooks',
        headers: auth(),
        body: '[1,2]',
      });
      expect(array.status).toBe(400);
      expect(array.json).toMatchObject({ error: { code: 'validation', field: 'body' } });
    });

    it('answers 400 naming the field for invalid input, and writes nothing', async () => {
      const before = await webhookCount();
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/webhooks',
        headers: auth(),
        body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'], timeoutSec: 0 }),
      });
      expect(res.status).toBe(400);
      const error = (
        res.json as { error: { code: string; field: string; message: string; issues: { field: string }[] } }
      ).error;
      expect(error).toMatchObject({ code: 'validation', field: 'timeoutSec' });
      expect(error.message).toContain('timeout');
      expect(error.issues[0]!.field).toBe('timeoutSec');
      expect(await webhookCount()).toBe(before);
    });

    it('answers 404 not_found for an unknown route and 405 for a known path with the wrong method', async () => {
      const unknown = await rawRequest(port, { path: '/api/v1/nothing-here', headers: auth() });
      expect(unknown.status).toBe(404);
      expect(unknown.json).toMatchObject({ error: { code: 'not_found' } });
      const wrong = await rawRequest(port, {
        method: 'PUT',
        path: '/api/v1/webhooks/wh_1',
        headers: auth(),
        body: '{}',
      });
      expect(wrong.status).toBe(405);
      expect(String(wrong.headers.allow).split(', ').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
      expect(wrong.json).toMatchObject({ error: { field: 'method' } });
    });

    it('answers 404 with the typed error for an object that does not exist', async () => {
      const res = await rawRequest(port, { path: '/api/v1/webhooks/wh_missing', headers: auth() });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ error: { code: 'not_found', field: 'id' } });
    });

    it('answers 201 { data } for a create and keeps serving after every refusal above', async () => {
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/webhooks',
        headers: auth(),
        body: VALID_WEBHOOK,
      });
      expect(res.status).toBe(201);
      const created = (res.json as { data: { id: string } }).data;
      expect(created.id).toBeTruthy();
      const read = await rawRequest(port, { path: `/api/v1/webhooks/${created.id}`, headers: auth() });
      expect(read.status).toBe(200);
      expect(read.json).toMatchObject({ data: { id: created.id } });
    });

    it('serves the OpenAPI document generated from the contract', async () => {
      const res = await rawRequest(port, { path: '/api/v1/openapi.json', headers: auth() });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json).toEqual(JSON.parse(JSON.stringify(buildOpenApi(packageVersion()))));
      expect((await rawRequest(port, { path: '/api/v1/openapi.json' })).status).toBe(401);
    });
  });

  describe('WebSocket upgrade', () => {
    it('accepts the token in the query', async () => {
      expect((await tryUpgrade(wsUrl(f.host.origin, f.host.token))).status).toBe(101);
    });

    it('refuses no token and a wrong token with 401', async () => {
      const none = await tryUpgrade(wsUrl(f.host.origin));
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ error: { code: 'forbidden', field: 'token' } });
      expect((await tryUpgrade(wsUrl(f.host.origin, 'wrong'))).status).toBe(401);
    });

    it('refuses a foreign Origin and a foreign Host with 403', async () => {
      const origin = await tryUpgrade(wsUrl(f.host.origin, f.host.token), { origin: 'http://attacker.example' });
      expect(origin.status).toBe(403);
      expect(origin.body).toMatchObject({ error: { code: 'forbidden', field: 'origin' } });
      const host = await tryUpgrade(wsUrl(f.host.origin, f.host.token), { host: `attacker.example:${port}` });
      expect(host.status).toBe(403);
      expect(host.body).toMatchObject({ error: { code: 'forbidden', field: 'host' } });
    });

    it('refuses upgrades on other paths with 404', async () => {
      const res = await tryUpgrade(`ws://127.0.0.1:${port}/api/v1/other?token=${f.host.token}`);
      expect(res.status).toBe(404);
      expect(WS_PATH).toBe('/api/v1/ws');
    });

    it('keeps serving REST after refused upgrades', async () => {
      expect((await rawRequest(port, { path: '/api/v1/settings', headers: auth() })).status).toBe(200);
    });
  });

  describe('binding', () => {
    it('refuses a non-loopback address unless explicitly allowed', async () => {
      await expect(startWebHost({ workbench: f.wb, host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
        code: 'validation',
        field: 'host',
      });
    });

    it('binds a non-loopback address with allowNonLoopback, with a warning', async () => {
      const warnings: string[] = [];
      const host = await startWebHost({
        workbench: f.wb,
        host: '0.0.0.0',
        port: 0,
        allowNonLoopback: true,
        onWarning: (m) => warnings.push(m),
      });
      try {
        expect(warnings.join('\n')).toContain('0.0.0.0');
        expect(
          (
            await rawRequest(host.port, {
              path: '/api/v1/settings',
              headers: { authorization: `Bearer ${host.token}` },
            })
          ).status,
        ).toBe(200);
      } finally {
        await host.close();
      }
    });

    it('reports a port in use clearly', async () => {
      await expect(startWebHost({ workbench: f.wb, port })).rejects.toMatchObject({
        code: 'unavailable',
        field: 'port',
      });
    });
  });
});
