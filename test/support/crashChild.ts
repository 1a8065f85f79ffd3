/**
 * A Hookbench process to be killed: run by crash.test.ts in a child process (fork, with tsx's
 * loader) on a data dir, then SIGKILLed mid-burst; the test reopens the data dir afterwards.
 *
 * argv[2]: JSON { mode: 'receiver', dbFile } — a receiver with inbox `crash` (scheme none),
 *   sends { type: 'ready', port };
 *         or { mode: 'sender', dbFile, url, events } — an engine with one webhook to `url`, fires
 *   `events` events in chunks, and sends { type: 'fired', ids } for each chunk once it is committed.
 */
import { EventBus } from '../../src-main/engine/eventBus';
import { openSender } from '../../src-main/engine/sender';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { openStore } from '../../src-main/engine/store/store';

export type CrashChildConfig =
  { mode: 'receiver'; dbFile: string } | { mode: 'sender'; dbFile: string; url: string; events: number };
export type CrashChildMessage =
  { type: 'ready'; port: number } | { type: 'fired'; ids: string[] } | { type: 'failed'; message: string };

const send = (m: CrashChildMessage) => process.send?.(m);

async function main(config: CrashChildConfig): Promise<void> {
  if (config.mode === 'receiver') {
    const store = openStore(config.dbFile);
    const receiver = new Receiver(store, new EventBus(), { log: { warn: () => {}, error: () => {} } });
    if (!receiver.inboxes.list().some((i) => i.slug === 'crash'))
      receiver.inboxes.create({ name: 'crash', slug: 'crash', scheme: 'none' });
    const { port } = await receiver.listen({ port: 0, host: '127.0.0.1' });
    send({ type: 'ready', port });
    return;
  }
  const engine = openSender({ dbFile: config.dbFile }).start();
  engine.webhooks.create({ url: config.url, subscriptions: ['*'], retryPolicy: { delays: [0.2], jitter: false } });
  send({ type: 'ready', port: 0 });
  for (let i = 0; i < config.events; i += 50) {
    const fired = await engine.deliveries.fireMany(
      Array.from({ length: Math.min(50, config.events - i) }, (_, k) => ({
        type: 'order.created',
        data: { n: i + k },
      })),
    );
    send({ type: 'fired', ids: fired.map((f) => f.event.id) });
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as CrashChildConfig).catch((e: unknown) => {
  send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exitCode = 1;
});
