/** The write queue (group commit) with received requests, answers after commit, the inbox cache, pooled id randomness. */
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import { Sender } from '../../src-main/engine/sender';
import { EventBus } from '../../src-main/engine/eventBus';
import { newId } from '../../src-main/engine/ids';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { RequestsRepo, type StoredRequest } from '../../src-main/engine/store/requestsRepo';
import { join } from 'node:path';
import { openStore, Store } from '../../src-main/engine/store/store';
import { isConstraint, StoreWriter, type BatchCommitter } from '../../src-main/engine/store/storeWriter';
import { runBatch } from '../../src-main/engine/store/writeBatch';
import { WriteWorker } from '../../src-main/engine/store/writeWorker';
import { httpRequest, openReceiver, quietLog, type ReceiverHarness } from '../support/receiverClient';
import { receiverTempDb } from '../support/receiverTmp';
import { storedRequest } from '../support/storedRequest';
import { eventually } from '../support/scriptedServer';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(): Promise<ReceiverHarness> {
  const h = await openReceiver();
  cleanups.push(() => h.close());
  return h;
}

function tempStore(): Store {
  const tmp = receiverTempDb();
  const store = openStore(tmp.dbFile);
  cleanups.push(() => {
    store.close();
    tmp.cleanup();
  });
  return store;
}

/** A stored request without headers (the write path is the subject). */
const row = (over: Partial<StoredRequest> = {}): StoredRequest =>
  storedRequest({ headers: [], headerCount: 0, ...over });

/** Stores a request through the write queue, as the receiver does. */
async function add(writer: StoreWriter, store: Store, r: StoredRequest): Promise<StoredRequest> {
  const repo = new RequestsRepo(store.db);
  return RequestsRepo.stored(
    r,
    await writer.submit({
      write: (b) => RequestsRepo.write(b, r),
      recover: (e) => {
        const duplicate = isConstraint(e) ? repo.storedDuplicate(r.id) : undefined;
        return duplicate === undefined ? undefined : [duplicate ? 1 : 0];
      },
    }),
  );
}

const count = (store: Store) => (store.db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;

/** The two ways a batch is committed: on this thread (in-memory stores) and on a write worker (files). */
const COMMITTERS = {
  'this thread':
    (store: Store): BatchCommitter =>
    (batch) =>
      runBatch(store.db, batch),
  'a write worker': (store: Store): BatchCommitter => {
    const worker = new WriteWorker(store.db.name);
    cleanups.push(() => worker.close());
    return (batch) => worker.run(batch);
  },
};

describe.each(Object.entries(COMMITTERS))('group commit on %s', (_, committer) => {
  it('stores a turn of requests in one batch, deciding duplicates in arrival order', async () => {
    const store = tempStore();
    const receiver = new Receiver(store, new EventBus(), { log: quietLog() });
    const inbox = receiver.inboxes.create({ name: 'dups', scheme: 'none' });
    const batches: number[] = [];
    const commit = committer(store);
    const writer = new StoreWriter((batch) => {
      batches.push(1);
      return commit(batch);
    });
    const first = add(writer, store, row({ inboxId: inbox.id, dedupeKey: 'evt_1' }));
    const second = add(writer, store, row({ inboxId: inbox.id, dedupeKey: 'evt_1' }));
    const other = add(writer, store, row({ inboxId: inbox.id, dedupeKey: 'evt_2' }));
    expect(writer.pending).toBe(3);
    expect(count(store)).toBe(0); // nothing written before the turn ends
    const stored = await Promise.all([first, second, other]);
    expect(batches).toHaveLength(1);
    expect(stored.map((s) => s.duplicate)).toEqual([false, true, false]);
    expect(count(store)).toBe(3);
    // ... and against what was stored by an earlier batch.
    expect((await add(writer, store, row({ inboxId: inbox.id, dedupeKey: 'evt_2' }))).duplicate).toBe(true);
  });

  it('one bad job costs only itself', async () => {
    const store = tempStore();
    const writer = new StoreWriter(committer(store));
    const a = add(writer, store, row());
    const bad = add(writer, store, row({ inboxId: 'inb_gone' })); // foreign key: no such inbox
    const c = add(writer, store, row());
    await expect(bad).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    await expect(Promise.all([a, c])).resolves.toHaveLength(2);
    expect(count(store)).toBe(2);
  });

  it('batches jobs that arrive while a batch is being committed, and keeps them in order', async () => {
    const store = tempStore();
    const writer = new StoreWriter(committer(store));
    const first = add(writer, store, row({ path: '/0' }));
    writer.flush(); // the first batch is in flight ...
    const rest = Array.from({ length: 50 }, (_, i) => add(writer, store, row({ path: `/${i + 1}` })));
    expect(writer.pending).toBe(50); // ... the others wait for it
    await Promise.all([first, ...rest]);
    const paths = (store.db.prepare('SELECT path FROM requests ORDER BY rowid').all() as { path: string }[]).map(
      (r) => r.path,
    );
    expect(paths).toEqual(Array.from({ length: 51 }, (_, i) => `/${i}`));
    await writer.idle();
    expect(writer.isIdle).toBe(true);
  });
});

describe('group commit when the writer fails', () => {
  it('tries a batch again whole when the writer stopped', async () => {
    const store = tempStore();
    let calls = 0;
    const flaky: BatchCommitter = (batch) => {
      if (calls++ === 0) throw new Error('the write worker stopped: exit code 1');
      return runBatch(store.db, batch);
    };
    const writer = new StoreWriter(flaky);
    await Promise.all([add(writer, store, row()), add(writer, store, row())]);
    expect(count(store)).toBe(2);
    expect(calls).toBe(2);
  });

  it('a batch committed whose answer was lost is not stored twice, and its jobs resolve', async () => {
    const store = tempStore();
    const receiver = new Receiver(store, new EventBus(), { log: quietLog() });
    const inbox = receiver.inboxes.create({ name: 'lost answer', scheme: 'none' });
    let calls = 0;
    const lossy: BatchCommitter = (batch) => {
      const results = runBatch(store.db, batch);
      if (calls++ === 0) throw new Error('the write worker stopped: exit code 1');
      return results;
    };
    const writer = new StoreWriter(lossy);
    const stored = await Promise.all([
      add(writer, store, row({ inboxId: inbox.id, dedupeKey: 'evt_1' })),
      add(writer, store, row({ inboxId: inbox.id, dedupeKey: 'evt_1' })),
    ]);
    expect(stored.map((s) => s.duplicate)).toEqual([false, true]);
    expect(count(store)).toBe(2);
  });

  it('a job that cannot be encoded fails alone, before anything is written', async () => {
    const store = tempStore();
    const writer = new StoreWriter((batch) => runBatch(store.db, batch));
    const good = add(writer, store, row());
    const bad = writer.submit({
      write: (b) => {
        RequestsRepo.write(b, row());
        b.run(undefined as never, [{ not: 'encodable' } as never]);
      },
    });
    await expect(bad).rejects.toThrow();
    await good;
    expect(count(store)).toBe(1);
  });

  it('keeps a batch to about 16 MiB (at least one job each)', async () => {
    const store = tempStore();
    const sizes: number[] = [];
    const counting: BatchCommitter = (batch) => {
      const results = runBatch(store.db, batch);
      sizes.push(results.length);
      return results;
    };
    const writer = new StoreWriter(counting);
    const big = Buffer.alloc(7 * 1024 * 1024, 0x61);
    const huge = Buffer.alloc(20 * 1024 * 1024, 0x62);
    await Promise.all(
      [big, big, big, huge, big].map((body) => add(writer, store, row({ body, bodySize: body.length }))),
    );
    // A batch stops taking jobs once past 16 MiB.
    expect(sizes).toEqual([3, 1, 1]);
    expect(count(store)).toBe(5);
  });
});

describe('group commit', () => {
  it('announces each request after it is committed, and idle() waits for every pending flush', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'burst', scheme: 'none' });
    const seen: ReceivedRequestSummary[] = [];
    const visible: boolean[] = [];
    h.bus.on('request.received', (s) => {
      seen.push(s);
      visible.push(h.store.db.prepare('SELECT 1 FROM requests WHERE id = ?').get(s.id) !== undefined);
    });
    const agent = new Agent({ connections: 50 });
    cleanups.push(() => agent.destroy());
    const n = 120;
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        httpRequest(
          `${h.url}/in/${inbox.slug}`,
          { headers: { 'webhook-id': `msg_${i % 60}` }, body: `{"i":${i}}` },
          agent,
        ),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    await h.receiver.idle();
    expect(count(h.store)).toBe(n);
    expect(seen).toHaveLength(n);
    expect(visible.every(Boolean)).toBe(true);
    expect(seen.filter((s) => s.duplicate)).toHaveLength(n - 60);
    const dupes = (h.store.db.prepare('SELECT count(*) AS n FROM requests WHERE duplicate = 1').get() as { n: number })
      .n;
    expect(dupes).toBe(n - 60);
  });

  it('close() stores every request in hand before it returns', async () => {
    const tmp = receiverTempDb();
    cleanups.push(() => tmp.cleanup());
    const store = openStore(tmp.dbFile);
    const receiver = new Receiver(store, new EventBus(), { log: quietLog() });
    const inbox = receiver.inboxes.create({ name: 'stop', scheme: 'none', responseRule: { delayMs: 200 } });
    const { url } = await receiver.listen({ port: 0 });
    const n = 40;
    const agent = new Agent({ connections: n });
    const sent = Promise.allSettled(
      Array.from({ length: n }, () => httpRequest(`${url}/in/${inbox.slug}`, { body: 'x' }, agent)),
    );
    await eventually(() => receiver.handling >= n);
    await receiver.close();
    // Every request was read; its delay was cut short by the close, and it was stored before the socket went.
    expect(count(store)).toBe(n);
    await sent;
    await agent.destroy();
    await store.shutdown();
  });
});

describe('write worker fallback', () => {
  it('writes requests and deliveries on the main connection, with one warning, where the worker thread cannot start', async () => {
    const tmp = receiverTempDb();
    cleanups.push(() => tmp.cleanup());
    const opened = openStore(tmp.dbFile);
    // The same database, but a binding path the worker thread cannot load.
    const warnings: string[] = [];
    const store = new Store(opened.db, opened.secrets, join(tmp.dir, 'missing', 'better_sqlite3.node'), {
      warn: (m: string) => warnings.push(m),
    });
    const engine = new Sender(store).start();
    cleanups.push(() => engine.close());
    const receiver = new Receiver(store, engine.bus, { log: quietLog() });
    cleanups.push(() => receiver.close());
    const inbox = receiver.inboxes.create({ name: 'fallback', scheme: 'none' });
    const { url } = await receiver.listen({ port: 0 });
    for (let i = 0; i < 3; i++)
      expect((await httpRequest(`${url}/in/${inbox.slug}`, { body: `{"i":${i}}` })).status).toBe(200);
    // The sender's writes take the same way: a delivery to the inbox, its attempt recorded.
    engine.webhooks.create({ url: `${url}/in/${inbox.slug}`, subscriptions: ['*'], scheme: 'none' });
    const fired = await engine.deliveries.fire({ type: 'user.created' });
    await eventually(() => engine.deliveries.detail(fired.deliveries[0]!.id).status === 'success');
    await receiver.idle();
    expect(count(store)).toBe(4);
    expect(engine.deliveries.detail(fired.deliveries[0]!.id).attempts).toHaveLength(1);
    expect(warnings.filter((w) => /writing on the main thread/.test(w))).toHaveLength(1);
  });
});

describe('inbox cache', () => {
  it('follows creates, updates and deletes', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'cached', scheme: 'none' });
    expect((await h.send(`/in/${inbox.slug}`, { body: 'x' })).response.status).toBe(200);
    h.receiver.inboxes.update({ id: inbox.id, slug: 'moved', responseRule: { status: 202 } });
    expect((await h.send('/in/cached', { body: 'x' })).response.status).toBe(404);
    expect((await h.send('/in/moved', { body: 'x' })).response.status).toBe(202);
    h.receiver.inboxes.delete(inbox.id);
    expect((await h.send('/in/moved', { body: 'x' })).response.status).toBe(404);
    const again = h.receiver.inboxes.create({ name: 'moved', scheme: 'none', responseRule: { status: 201 } });
    expect(again.slug).toBe('moved');
    expect((await h.send('/in/moved', { body: 'x' })).response.status).toBe(201);
  });

  it('hands out copies: changing one does not change the cache', () => {
    const store = tempStore();
    const receiver = new Receiver(store, new EventBus(), { log: quietLog() });
    const inbox = receiver.inboxes.create({ name: 'copy', scheme: 'standard' });
    const got = receiver.inboxes.get(inbox.id);
    got.secrets.push('whsec_x');
    got.name = 'changed';
    expect(receiver.inboxes.get(inbox.id)).toEqual(inbox);
    expect(store.inboxes.getBySlug(inbox.slug)).toEqual(inbox);
  });

  it('keeps fail-first-N exact under concurrent requests', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({
      name: 'flaky',
      scheme: 'none',
      responseRule: { failFirst: 5, failStatus: 503 },
    });
    const agent = new Agent({ connections: 30 });
    cleanups.push(() => agent.destroy());
    const statuses = (
      await Promise.all(
        Array.from({ length: 30 }, () => httpRequest(`${h.url}/in/${inbox.slug}`, { body: 'x' }, agent)),
      )
    ).map((r) => r.status);
    expect(statuses.filter((s) => s !== 200)).toHaveLength(5);
    expect(h.receiver.inboxes.get(inbox.id).failFirstSeen).toBe(5);
    // A new rule starts the count again.
    h.receiver.inboxes.update({ id: inbox.id, responseRule: { failFirst: 1 } });
    const next = await Promise.all(
      Array.from({ length: 4 }, () => httpRequest(`${h.url}/in/${inbox.slug}`, { body: 'x' }, agent)),
    );
    expect(next.filter((r) => r.status !== 200)).toHaveLength(1);
  });
});

describe('newId', () => {
  it('keeps its format and does not repeat across pool refills', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newId('req', 1_700_000_000_000);
      expect(id).toMatch(/^req_[0-9a-hjkmnp-tv-z]{26}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(2000);
  });
});
