import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { Delivery } from '../../src-main/api/types';
import { connectWs } from '../api/transportClients';
import { rawRequest, startHostFixture, type HostFixture } from './hostHarness';

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('GET /api/v1/export', () => {
  let f: HostFixture;
  let okWebhook: string;
  let failWebhook: string;
  const delivered: string[] = [];
  const failed: string[] = [];
  const get = (query: string, headers: Record<string, string> = {}) =>
    rawRequest(f.host.port, { path: `/api/v1/export?${query}`, headers });
  const authed = (query: string) => get(query, { authorization: `Bearer ${f.host.token}` });

  beforeAll(async () => {
    f = await startHostFixture({}, { port: 0 });
    const ok = await dispatch(f.wb, 'webhooks.sendToLocalInbox', { name: 'export ok', subscriptions: ['user.*'] });
    okWebhook = ok.webhook.id;
    const bad = await dispatch(f.wb, 'webhooks.sendToLocalInbox', {
      name: 'export failing',
      subscriptions: ['order.*'],
      retryPolicy: { delays: [] },
      responseRule: { status: 503 },
    });
    failWebhook = bad.webhook.id;
    for (let i = 0; i < 5; i++)
      delivered.push(
        ...(await dispatch(f.wb, 'events.trigger', { type: 'user.created', webhookIds: [okWebhook] })).deliveries.map(
          (d) => d.id,
        ),
      );
    for (let i = 0; i < 3; i++)
      failed.push(
        ...(
          await dispatch(f.wb, 'events.trigger', { type: 'order.created', webhookIds: [failWebhook] })
        ).deliveries.map((d) => d.id),
      );
    const final = (id: string) => ['success', 'failed'].includes((f.wb['deliveries.get']({ id }) as Delivery).status);
    await waitFor(() => [...delivered, ...failed].every(final));
    await f.wb.receiver.idle(); // the inbox stores each request after answering it
  });
  afterAll(async () => f?.close());

  it('streams NDJSON as an attachment with one line per attempt', async () => {
    const res = await authed('kind=deliveries&format=ndjson');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="hookbench-deliveries-\d{8}-\d{6}\.ndjson"$/,
    );
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { deliveryId: string });
    expect(lines.map((l) => l.deliveryId).sort()).toEqual([...delivered, ...failed].sort());
    expect(res.text).not.toContain('whsec_');
  });

  it('applies the filters from the query (status list, webhook)', async () => {
    const onlyFailed = await authed(`format=ndjson&status=failed&webhookId=${failWebhook}`);
    expect(onlyFailed.status).toBe(200);
    const ids = onlyFailed.text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { deliveryId: string }).deliveryId);
    expect(ids.sort()).toEqual([...failed].sort());
    const both = await authed('format=ndjson&status=failed,success');
    expect(both.text.trim().split('\n')).toHaveLength(delivered.length + failed.length);
    const none = await authed('format=ndjson&status=cancelled');
    expect(none.text.trim()).toBe('');
  });

  it('streams HAR 1.2 of received requests as JSON', async () => {
    const res = await authed('kind=requests&format=har');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(/filename="hookbench-requests-.*\.har"/);
    const har = JSON.parse(res.text) as {
      log: { version: string; entries: { request: { method: string; url: string } }[] };
    };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(delivered.length + failed.length);
    expect(har.log.entries.every((e) => e.request.method === 'POST')).toBe(true);
  });

  it('streams CSV with a header row', async () => {
    const res = await authed('kind=deliveries&format=csv&status=success');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = res.text.trim().split(/\r?\n/);
    expect(rows).toHaveLength(delivered.length + 1);
  });

  it('accepts the token in the query (a download link)', async () => {
    const res = await get(`format=ndjson&token=${encodeURIComponent(f.host.token)}`);
    expect(res.status).toBe(200);
  });

  it('refuses without the token', async () => {
    const res = await get('format=ndjson');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'forbidden', field: 'token' } });
  });

  it('answers 400 naming the field for a bad format or filter', async () => {
    const format = await authed('format=xml');
    expect(format.status).toBe(400);
    expect(format.json).toMatchObject({ error: { code: 'validation', field: 'format' } });
    expect(format.headers['content-disposition']).toBeUndefined();
    const status = await authed('format=ndjson&status=exploded');
    expect(status.status).toBe(400);
    expect((status.json as { error: { field: string } }).error.field).toMatch(/^status/);
    const kind = await authed('format=ndjson&kind=alerts');
    expect(kind.status).toBe(400);
    expect(kind.json).toMatchObject({ error: { code: 'validation', field: 'kind' } });
  });
});

describe('no remote face chooses a path to write', () => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await startHostFixture();
  });
  afterAll(async () => f?.close());
  const target = () => join(f.dir, 'written-by-a-remote-call.csv');
  const input = () => ({ kind: 'deliveries', format: 'csv', path: target() });

  it('has no export-to-file operation in the contract (so none over IPC either)', () => {
    expect(OPERATION_NAMES).not.toContain('export.toFile');
    expect(OPERATION_NAMES.filter((n) => n.startsWith('export.'))).toEqual([]);
  });

  it('answers POST /api/v1/export/file with 404 and writes nothing', async () => {
    const res = await rawRequest(f.host.port, {
      method: 'POST',
      path: '/api/v1/export/file',
      headers: { authorization: `Bearer ${f.host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input()),
    });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'not_found', field: 'path' } });
    expect(existsSync(target())).toBe(false);
  });

  it('refuses the WebSocket call export.toFile as an unknown operation and writes nothing', async () => {
    const ws = await connectWs(f.host.origin, f.host.token);
    try {
      await expect(ws.call('export.toFile', input())).rejects.toMatchObject({
        code: 'not_found',
        field: 'op',
        message: 'unknown operation "export.toFile"',
      });
      await expect(dispatch(f.wb, 'export.toFile', input())).rejects.toMatchObject({ code: 'not_found', field: 'op' });
    } finally {
      await ws.close();
    }
    expect(existsSync(target())).toBe(false);
    expect(readdirSync(f.dir).filter((n) => n.includes('written-by'))).toEqual([]);
  });
});
