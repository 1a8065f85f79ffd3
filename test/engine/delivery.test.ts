import { afterEach, describe, expect, it } from 'vitest';
import { getScheme } from '../../src-main/engine/signing/registry';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { eventually, ScriptedServer } from '../support/scriptedServer';

describe('delivery', () => {
  let t: TestEngine;
  let server: ScriptedServer;
  afterEach(async () => {
    await t?.cleanup();
    await server?.stop();
  });

  const noRetry = { delays: [], jitter: false };
  const finished = (id: string) => () => {
    const d = t.sender.deliveries.detail(id);
    return ['success', 'failed', 'cancelled'].includes(d.status) && d;
  };

  it('signs the exact bytes it sends, records request and response, and marks success', async () => {
    server = await new ScriptedServer([
      { status: 200, headers: { 'x-reply': 'ok' }, body: '{"received":true}' },
    ]).start();
    t = startTestEngine();
    const w = t.sender.webhooks.create({
      url: `${server.url}/hook?q=1`,
      subscriptions: ['user.*'],
      headers: { 'X-Env': 'test' },
    });
    const { event, deliveries } = await t.sender.deliveries.fire({
      type: 'user.created',
      data: { id: 'usr_1', email: 'a@example.com' },
    });
    expect(deliveries).toHaveLength(1);
    const d = await eventually(finished(deliveries[0]!.id));
    expect(d.status).toBe('success');
    const [call] = server.calls;
    expect(call!.path).toBe('/hook?q=1');
    expect(call!.headers['x-env']).toBe('test');
    expect(call!.headers['content-type']).toBe('application/json');
    expect(call!.body.toString()).toBe(d.body);
    expect(JSON.parse(call!.body.toString())).toEqual({
      id: event.id,
      type: 'user.created',
      timestamp: event.timestamp,
      data: { id: 'usr_1', email: 'a@example.com' },
    });
    expect(call!.headers['webhook-id']).toBe(event.id);
    const verdict = getScheme('standard').verify({ headers: call!.headers, body: call!.body, secrets: [w.secret] });
    expect(verdict.valid).toBe(true);
    const [a] = d.attempts;
    expect(a).toMatchObject({
      number: 1,
      trigger: 'scheduled',
      request: { method: 'POST', url: `${server.url}/hook?q=1` },
      response: { status: 200, body: '{"received":true}', truncated: false },
      errorClass: null,
    });
    expect(a!.request.headers['webhook-signature']).toBe(call!.headers['webhook-signature']);
    expect(a!.response!.headers['x-reply']).toBe('ok');
    expect(a!.durationMs).toBeGreaterThanOrEqual(0);
    expect(t.sender.webhooks.get(w.id).lastSuccessAt).not.toBeNull();
  });

  it('only delivers to enabled webhooks subscribed to the type, in the same workspace', async () => {
    server = await new ScriptedServer().start();
    t = startTestEngine();
    const other = t.sender.store.workspaces;
    other.insert({ id: 'ws_other', name: 'Other', createdAt: Date.now() });
    const a = t.sender.webhooks.create({ url: server.url, subscriptions: ['user.*'] });
    t.sender.webhooks.create({ url: server.url, subscriptions: ['order.*'] });
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], enabled: false });
    const foreign = t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], workspaceId: 'ws_other' });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'user.deleted' });
    expect(deliveries.map((d) => d.webhookId)).toEqual([a.id]);
    const other2 = await t.sender.deliveries.fire({ type: 'user.deleted', workspaceId: 'ws_other' });
    expect(other2.deliveries.map((d) => d.webhookId)).toEqual([foreign.id]);
    await server.waitForCalls(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.calls).toHaveLength(2);
  });

  it('truncates response bodies at 10 KB and flags it', async () => {
    server = await new ScriptedServer([{ status: 200, body: 'x'.repeat(50_000) }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'] });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'order.created' });
    const d = await eventually(finished(deliveries[0]!.id));
    expect(d.attempts[0]!.response!.body).toHaveLength(10 * 1024);
    expect(d.attempts[0]!.response!.truncated).toBe(true);
  });

  it('never follows redirects: a 3xx is a failure naming the Location', async () => {
    server = await new ScriptedServer([{ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } }]).start();
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'], retryPolicy: noRetry });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'order.created' });
    const d = await eventually(finished(deliveries[0]!.id));
    expect(d.status).toBe('failed');
    expect(d.attempts[0]).toMatchObject({ errorClass: 'redirect', response: { status: 302 } });
    expect(d.attempts[0]!.errorMessage).toContain('Location: http://127.0.0.1:1/elsewhere');
    expect(server.calls).toHaveLength(1);
  });

  it('classifies network errors: refused, timeout, reset, dns', async () => {
    server = await new ScriptedServer([{ status: 200, delayMs: 3000 }]).start();
    const dropper = await new ScriptedServer([{ drop: true }]).start();
    t = startTestEngine();
    const refused = t.sender.webhooks.create({
      url: 'http://127.0.0.1:1/',
      subscriptions: ['*'],
      retryPolicy: noRetry,
    });
    const slow = t.sender.webhooks.create({
      url: server.url,
      subscriptions: ['*'],
      retryPolicy: noRetry,
      timeoutSec: 1,
    });
    const reset = t.sender.webhooks.create({ url: dropper.url, subscriptions: ['*'], retryPolicy: noRetry });
    const dns = t.sender.webhooks.create({
      url: 'http://no-such-host.invalid/',
      subscriptions: ['*'],
      retryPolicy: noRetry,
    });
    const { deliveries } = await t.sender.deliveries.fire({ type: 'job.failed' });
    const byWebhook = new Map<string, string>();
    for (const d of deliveries) {
      const done = await eventually(finished(d.id), 15_000);
      byWebhook.set(d.webhookId, done.attempts[0]!.errorClass!);
      expect(done.status).toBe('failed');
      expect(done.attempts[0]!.errorMessage).toBeTruthy();
    }
    expect(byWebhook.get(refused.id)).toBe('refused');
    expect(byWebhook.get(slow.id)).toBe('timeout');
    expect(byWebhook.get(reset.id)).toBe('reset');
    expect(byWebhook.get(dns.id)).toBe('dns');
    await dropper.stop();
  });

  it('times out the whole request: a body trickled byte by byte still ends at the webhook timeout', async () => {
    const { createServer } = await import('node:http');
    const trickle = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 200); // each byte well inside any per-read timeout
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', () => resolve()));
    try {
      t = startTestEngine();
      const port = (trickle.address() as import('node:net').AddressInfo).port;
      t.sender.webhooks.create({
        url: `http://127.0.0.1:${port}/`,
        subscriptions: ['*'],
        retryPolicy: noRetry,
        timeoutSec: 1,
      });
      const { deliveries } = await t.sender.deliveries.fire({ type: 'job.failed' });
      const done = await eventually(finished(deliveries[0]!.id), 10_000);
      expect(done.attempts[0]).toMatchObject({ errorClass: 'timeout', errorMessage: 'no response within 1 s' });
      expect(done.attempts[0]!.durationMs).toBeGreaterThanOrEqual(1000);
      expect(done.attempts[0]!.durationMs).toBeLessThan(1500);
    } finally {
      trickle.closeAllConnections();
      await new Promise<void>((resolve) => trickle.close(() => resolve()));
    }
  });

  it('bounds concurrency per endpoint (default 10)', async () => {
    server = await new ScriptedServer([{ status: 200, delayMs: 150 }]).start();
    let open = 0;
    let peak = 0;
    const original = (server as any).handle.bind(server);
    (server as any).handle = async (req: any, res: any) => {
      open++;
      peak = Math.max(peak, open);
      res.on('finish', () => open--);
      res.on('close', () => {
        if (!res.writableFinished) open--;
      });
      await original(req, res);
    };
    t = startTestEngine();
    t.sender.webhooks.create({ url: server.url, subscriptions: ['*'] });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await t.sender.deliveries.fire({ type: 'user.login' })).deliveries[0]!.id);
    for (const id of ids) await eventually(finished(id), 15_000);
    expect(peak).toBe(10);
  });

  it('marks webhook.test deliveries from "test webhook" without retrying them', async () => {
    server = await new ScriptedServer([{ status: 500 }]).start();
    t = startTestEngine();
    const w = t.sender.webhooks.create({ url: server.url, subscriptions: ['order.created'] });
    const d = await t.sender.deliveries.testWebhook(w.id);
    expect(d).toMatchObject({ eventType: 'webhook.test', status: 'failed', attemptCount: 1 });
    expect(d.attempts[0]).toMatchObject({ trigger: 'test', response: { status: 500 } });
    expect(JSON.parse(server.calls[0]!.body.toString()).type).toBe('webhook.test');
    expect(t.sender.webhooks.get(w.id).consecutiveFailures).toBe(0);
  });
});

describe('deliveries being sent', () => {
  it('are listed as sending (that state lives in memory), found by the sending filter, left out of pending', async () => {
    const { Workbench } = await import('../../src-main/engine/workbench');
    const { dispatch } = await import('../../src-main/api/dispatch');
    const { tempDir } = await import('../support/tmp');
    const tmp = tempDir();
    const slow = await new ScriptedServer([{ status: 200, delayMs: 1500 }]).start();
    const wb = await Workbench.open({ dataDir: tmp.dir, receiver: false });
    try {
      await dispatch(wb, 'webhooks.create', { url: slow.url, subscriptions: ['*'] });
      const fired = await dispatch(wb, 'events.trigger', { type: 'user.created' });
      const id = fired.deliveries[0]!.id;
      await slow.waitForCalls(1);
      expect(wb.sender.store.deliveries.get(id)!.status).toBe('pending'); // nothing is written before the request
      const list = await dispatch(wb, 'deliveries.list', {});
      expect(list.items.find((d) => d.id === id)!.status).toBe('sending');
      expect((await dispatch(wb, 'deliveries.list', { status: ['sending'] })).items.map((d) => d.id)).toEqual([id]);
      expect((await dispatch(wb, 'deliveries.list', { status: ['pending'] })).items).toEqual([]);
      expect((await dispatch(wb, 'deliveries.get', { id })).status).toBe('sending');
      await eventually(() => wb.sender.deliveries.detail(id).status === 'success', 5000);
      expect((await dispatch(wb, 'deliveries.list', { status: ['sending'] })).items).toEqual([]);
    } finally {
      await wb.close();
      await slow.stop();
      tmp.cleanup();
    }
  });
});
