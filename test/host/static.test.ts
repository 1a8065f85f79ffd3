import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { rawRequest, startHostFixture, type HostFixture } from './hostHarness';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>';

describe('static UI', () => {
  let site: ReturnType<typeof tempDir>;
  let f: HostFixture;

  beforeAll(async () => {
    site = tempDir('hookbench-static-');
    mkdirSync(join(site.dir, 'assets'));
    writeFileSync(join(site.dir, 'index.html'), INDEX);
    writeFileSync(join(site.dir, 'assets', 'app-1a2b.js'), 'console.log("hookbench")');
    writeFileSync(join(site.dir, 'assets', 'app-1a2b.css'), 'body{}');
    writeFileSync(join(site.dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    f = await startHostFixture({ staticDir: site.dir });
  });

  afterAll(async () => {
    await f?.close();
    site?.cleanup();
  });

  it('serves index.html for /?token=… with a strict CSP and nosniff', async () => {
    const res = await rawRequest(f.host.port, { path: `/?token=${f.host.token}` });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toBe(INDEX);
    const csp = String(res.headers['content-security-policy']);
    const port = f.host.port;
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their MIME types', async () => {
    const js = await rawRequest(f.host.port, { path: '/assets/app-1a2b.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toContain('hookbench');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await rawRequest(f.host.port, { path: '/assets/app-1a2b.css' })).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await rawRequest(f.host.port, { path: '/favicon.svg' })).headers['content-type']).toBe('image/svg+xml');
  });

  it('falls back to index.html for client-side routes, but not for missing assets', async () => {
    const route = await rawRequest(f.host.port, { path: '/deliveries/dlv_123?tab=attempts' });
    expect(route.status).toBe(200);
    expect(route.text).toBe(INDEX);
    expect(route.headers['content-security-policy']).toBeTruthy();
    const missing = await rawRequest(f.host.port, { path: '/assets/nope-0000.js' });
    expect(missing.status).toBe(404);
  });

  it('never serves files outside the build directory', async () => {
    writeFileSync(join(site.dir, '..', 'hookbench-secret-outside.txt'), 'secret');
    for (const path of [
      '/../hookbench-secret-outside.txt',
      '/%2e%2e/hookbench-secret-outside.txt',
      '/assets/..%2f..%2fhookbench-secret-outside.txt',
    ]) {
      const res = await rawRequest(f.host.port, { path });
      expect(res.text, path).not.toContain('secret');
    }
  });

  it('refuses a foreign Host for the UI too (DNS rebinding)', async () => {
    const res = await rawRequest(f.host.port, { path: '/', headers: { host: `attacker.example:${f.host.port}` } });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'forbidden', field: 'host' } });
  });

  it('answers only GET and HEAD', async () => {
    const res = await rawRequest(f.host.port, { method: 'POST', path: '/' });
    expect(res.status).toBe(405);
    const head = await rawRequest(f.host.port, { method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});

describe('static UI before a build', () => {
  it('answers a page saying to run the build when the directory has no index.html', async () => {
    const empty = tempDir('hookbench-static-empty-');
    const f = await startHostFixture({ staticDir: empty.dir });
    try {
      const res = await rawRequest(f.host.port, { path: `/?token=${f.host.token}` });
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('Run <code>npm run build</code> first');
      // The API still works.
      const api = await rawRequest(f.host.port, {
        path: '/api/v1/settings',
        headers: { authorization: `Bearer ${f.host.token}` },
      });
      expect(api.status).toBe(200);
    } finally {
      await f.close();
      empty.cleanup();
    }
  });

  it('answers the same page when no static directory is configured', async () => {
    const f = await startHostFixture({});
    try {
      const res = await rawRequest(f.host.port, { path: '/' });
      expect(res.status).toBe(503);
      expect(res.text).toContain('npm run build');
    } finally {
      await f.close();
    }
  });
});
