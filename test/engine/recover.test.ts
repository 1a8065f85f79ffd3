import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushEventMap } from '../../src-main/api/contract';
import { Workbench } from '../../src-main/engine/workbench';
import { tempDir } from '../support/tmp';
import { eventually } from '../support/scriptedServer';
import { rejectedHookbenchError as thrown } from '../support/thrown';

/** A real endpoint that answers `status` after `delayMs` and records how many requests it held at once. */
async function endpoint(
  delayMs = 0,
): Promise<{ url: string; status: number; calls: number; maxInFlight: number; close: () => Promise<void> }> {
  let inFlight = 0;
  const state = {
    url: '',
    status: 500,
    calls: 0,
    maxInFlight: 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    state.calls++;
    state.maxInFlight = Math.max(state.maxInFlight, ++inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(state.status).end();
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return state;
}

describe('recover: send failed deliveries again', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function open(): Promise<Workbench> {
    const { dir, cleanup } = tempDir();
    const wb = await Workbench.open({ dataDir: dir, receiver: false });
    cleanups.push(cleanup, () => wb.close());
    return wb;
  }

  const statuses = (wb: Workbench, webhookId: string) =>
    wb['deliveries.list']({ webhookId, limit: 500, workspaceId: undefined } as never).items.map((d) => d.status);

  it('queues every failed delivery since a time in pages, within the endpoint limit, with progress; each gets one more attempt', async () => {
    const ep = await endpoint(5);
    cleanups.push(ep.close);
    const wb = await open();
    const hook = wb['webhooks.create']({
      url: ep.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [], jitter: false },
    } as never);
    const count = 620; // more than one page of 500
    await wb['events.triggerMany']({
      events: Array.from({ length: count }, () => ({ type: 'user.created' })),
    } as never);
    await eventually(
      () =>
        wb.sender.store.db.prepare("SELECT count(*) FROM deliveries WHERE status = 'failed'").pluck().get() === count,
      30_000,
    );
    await eventually(() => wb.sender.deliveries.working === 0); // every outcome recorded and released
    const firstCalls = ep.calls;

    ep.status = 200;
    ep.maxInFlight = 0;
    const progress: PushEventMap['recover.progress'][] = [];
    wb.on('recover.progress', (p) => progress.push(p));
    const result = await wb['deliveries.recover']({ webhookId: hook.id, since: Date.now() - 60_000 } as never);
    expect(result).toMatchObject({ queued: count, skipped: 0 });
    expect(progress.map((p) => [p.queued, p.done])).toEqual([
      [500, false],
      [count, false],
      [count, true],
    ]);
    expect(progress.every((p) => p.recoverId === result.recoverId)).toBe(true);
    expect(new Set(progress.flatMap((p) => p.deliveryIds)).size).toBe(count);

    await eventually(() => statuses(wb, hook.id).every((s) => s === 'success'), 30_000);
    expect(ep.calls - firstCalls).toBe(count); // one more attempt each, no more
    expect(ep.maxInFlight).toBeLessThanOrEqual(10); // the endpoint's concurrency cap held
    const one = wb['deliveries.get']({
      id: wb['deliveries.list']({ webhookId: hook.id, limit: 1 } as never).items[0]!.id,
    });
    expect(one.attempts.map((a) => a.response?.status)).toEqual([500, 200]);
  });

  it('takes only deliveries created in [since, until), of enabled webhooks, and leaves the others alone', async () => {
    const ep = await endpoint();
    cleanups.push(ep.close);
    const wb = await open();
    const a = wb['webhooks.create']({
      name: 'a',
      url: ep.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [], jitter: false },
    } as never);
    const b = wb['webhooks.create']({
      name: 'b',
      url: ep.url,
      subscriptions: ['*'],
      retryPolicy: { delays: [], jitter: false },
    } as never);
    const early = await wb['events.trigger']({ type: 'user.created' } as never);
    await eventually(() =>
      statuses(wb, a.id)
        .concat(statuses(wb, b.id))
        .every((s) => s === 'failed'),
    );
    await new Promise((r) => setTimeout(r, 20));
    const since = Date.now();
    await wb['events.trigger']({ type: 'user.created' } as never);
    await eventually(
      () =>
        statuses(wb, a.id)
          .concat(statuses(wb, b.id))
          .filter((s) => s === 'failed').length === 4,
    );
    wb['webhooks.disable']({ id: b.id });

    ep.status = 200;
    const all = await wb['deliveries.recover']({ since } as never);
    expect(all).toMatchObject({ queued: 1, skipped: 1 }); // a's newer delivery; b is disabled
    await eventually(() => statuses(wb, a.id).includes('success'));
    expect(wb['deliveries.get']({ id: early.deliveries.find((d) => d.webhookId === a.id)!.id }).status).toBe('failed');

    // Nothing failed in the range: nothing to do.
    expect(await wb['deliveries.recover']({ webhookId: a.id, since, until: since + 1 } as never)).toMatchObject({
      queued: 0,
      skipped: 0,
    });
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const wb = await open();
    const off = wb['webhooks.create']({ url: 'http://127.0.0.1:9/x', subscriptions: ['*'], enabled: false } as never);
    const call = (input: unknown) => thrown(() => wb['deliveries.recover'](input as never));
    const { dispatch } = await import('../../src-main/api/dispatch');
    const viaContract = (input: unknown) => thrown(() => dispatch(wb, 'deliveries.recover', input));
    expect(await viaContract({})).toMatchObject({ code: 'validation', field: 'since' });
    expect(await viaContract({ since: 'yesterday' })).toMatchObject({ code: 'validation', field: 'since' });
    expect(await viaContract({ since: 10, until: 5 })).toMatchObject({ code: 'validation', field: 'until' });
    expect(await viaContract({ since: 10, webhok: 'x' })).toMatchObject({
      code: 'validation',
      field: 'webhok',
      message: expect.stringContaining('unknown field'),
    });
    expect(await call({ since: 0, webhookId: 'wh_nope' })).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await call({ since: 0, webhookId: off.id })).toMatchObject({ code: 'conflict', field: 'webhookId' });
    expect(await call({ since: 0, workspaceId: 'ws_nope' })).toMatchObject({ code: 'not_found', field: 'workspaceId' });
  });
});
