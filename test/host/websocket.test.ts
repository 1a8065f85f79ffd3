import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src-main/api/types';
import { packageVersion } from '../../src-main/host/version';
import { connectWs, type WsClient } from '../api/transportClients';
import { startHostFixture, type HostFixture } from './hostHarness';

describe('WebSocket transport', () => {
  let f: HostFixture;
  let client: WsClient;

  beforeAll(async () => {
    f = await startHostFixture({}, { port: 0 });
    client = await connectWs(f.host.origin, f.host.token);
  });
  afterAll(async () => {
    await client?.close();
    await f?.close();
  });

  it('says hello with the version on connect', () => {
    expect(client.hello).toEqual({ type: 'hello', version: packageVersion() });
  });

  it('answers a call with a result carrying its id', async () => {
    const settings = (await client.call('settings.get', {})) as { theme: string };
    expect(settings.theme).toBeTruthy();
  });

  it('answers concurrent calls each under its own id', async () => {
    const results = await Promise.all([
      client.call('workspaces.list', {}),
      client.call('settings.get', {}),
      client.call('receiver.status', {}),
    ]);
    expect(Array.isArray(results[0])).toBe(true);
    expect(results[1]).toHaveProperty('theme');
    expect(results[2]).toHaveProperty('listening', true);
  });

  it('answers malformed JSON with an error result when the id is readable', async () => {
    const reply = await client.sendRaw('{"type":"call","id":777,"op":"settings.get",', 777);
    expect(reply).toMatchObject({
      type: 'result',
      id: 777,
      ok: false,
      error: { code: 'validation', field: 'message' },
    });
  });

  it('answers an unknown message type or a missing op with a validation error', async () => {
    expect(await client.sendRaw(JSON.stringify({ type: 'subscribe', id: 778 }), 778)).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'type' },
    });
    expect(await client.sendRaw(JSON.stringify({ type: 'call', id: 779 }), 779)).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'op' },
    });
    expect(
      await client.sendRaw(JSON.stringify({ type: 'call', id: 780, op: 'nope.nothing', input: {} }), 780),
    ).toMatchObject({ ok: false, error: { code: 'not_found', field: 'op' } });
  });

  it('ignores messages it cannot answer and keeps the connection', async () => {
    const before = client.messages.length;
    await client.sendRaw('not json at all', undefined, 100);
    await client.sendRaw('[1,2,3]', undefined, 100);
    await client.sendRaw('null', undefined, 100);
    await client.sendRaw(Buffer.from([0xff, 0x00, 0xfe]).toString('latin1'), undefined, 100);
    expect(client.messages.slice(before).filter((m) => m.type === 'result')).toHaveLength(0);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(await client.call('settings.get', {})).toHaveProperty('theme');
  });

  it('pushes engine events in batches: a fired event reaches its final delivery state', async () => {
    const { inbox, webhook } = (await client.call('webhooks.sendToLocalInbox', {
      name: 'ws push',
      subscriptions: ['user.*'],
    })) as { inbox: { id: string }; webhook: { id: string } };
    const fired = (await client.call('events.trigger', { type: 'user.created', webhookIds: [webhook.id] })) as {
      deliveries: Delivery[];
    };
    const id = fired.deliveries[0]!.id;
    await client.waitForEvent(
      'delivery.updated',
      (p) => (p as Delivery).id === id && (p as Delivery).status === 'success',
    );
    await client.waitForEvent('attempt.recorded', (p) => (p as { deliveryId: string }).deliveryId === id);
    await client.waitForEvent('request.received', (p) => (p as { inboxId: string }).inboxId === inbox.id);
    await client.waitForEvent('webhook.changed', (p) => (p as { id: string }).id === webhook.id);
    for (const batch of client.batches) {
      expect(batch.type).toBe('events');
      expect(typeof batch.dropped).toBe('number');
    }
  });

  it('sends a flood of events in few batches, each delivery once with its newest state', async () => {
    const { webhook } = (await client.call('webhooks.sendToLocalInbox', {
      name: 'ws flood',
      subscriptions: ['order.*'],
    })) as { webhook: { id: string } };
    const batchesBefore = client.batches.length;
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const fired = (await client.call('events.trigger', { type: 'order.created', webhookIds: [webhook.id] })) as {
        deliveries: Delivery[];
      };
      ids.push(fired.deliveries[0]!.id);
    }
    for (const id of ids)
      await client.waitForEvent(
        'delivery.updated',
        (p) => (p as Delivery).id === id && (p as Delivery).status === 'success',
        10_000,
      );
    const elapsed = Date.now() - started;
    const batches = client.batches.slice(batchesBefore);
    // ≤ ~10 flushes a second (+2 for timer edges).
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    for (const batch of batches) {
      const deliveryIds = batch.events
        .filter((e) => e.name === 'delivery.updated')
        .map((e) => (e.payload as Delivery).id);
      expect(new Set(deliveryIds).size).toBe(deliveryIds.length);
    }
  });

  it('stops pushing to a closed client and serves new ones', async () => {
    const second = await connectWs(f.host.origin, f.host.token);
    await second.close();
    const third = await connectWs(f.host.origin, f.host.token);
    try {
      expect(await third.call('settings.get', {})).toHaveProperty('theme');
    } finally {
      await third.close();
    }
  });
});
