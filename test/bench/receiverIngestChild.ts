/**
 * The real receiver in a child process, for the `receiver` bench section (receiverSection.ts):
 * opens a store on the given SQLite file, creates one inbox per slug (scheme `standard`, the
 * given secret), listens on 127.0.0.1 (ephemeral port) and reports the port over IPC.
 *
 * argv[2]: JSON {@link IngestChildConfig}.
 * IPC from the parent:
 *   { type: 'idle', id }         answered { type: 'idle', id } once every request in hand is stored
 *   { type: 'count', id, slug }  answered { type: 'count', id, counts } (after the same wait)
 * Sends { type: 'ready', port, pid } once listening. On disconnect it closes the receiver and the
 * store and exits normally (so `--cpu-prof` can write its profile).
 */
import type { CatalogId } from '../../src-main/api/catalogTypes';
import { CatalogService } from '../../src-main/engine/catalogs/catalogService';
import { EventBus } from '../../src-main/engine/eventBus';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { openStore } from '../../src-main/engine/store/store';

export interface IngestChildConfig {
  dbFile: string;
  secret: string;
  slugs: string[];
  /** Inboxes bound to a catalog (their requests get a schema verdict), by slug. */
  catalogs?: Record<string, CatalogId>;
}

export interface IngestCounts {
  /** Rows stored for the inbox. */
  total: number;
  /** ... with valid = 1 (signature checked with the inbox's secret). */
  valid: number;
  /** ... answered 200. */
  ok: number;
  /** ... flagged as a resend of an id already stored. */
  duplicates: number;
  /** ... checked against a catalog and not found valid. */
  schemaNotValid: number;
  maxRssMb: number;
}

export type IngestMessage = { type: 'idle'; id: number } | { type: 'count'; id: number; slug: string };
export type IngestReply =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'idle'; id: number }
  | { type: 'count'; id: number; counts: IngestCounts };

const reply = (m: IngestReply) => process.send?.(m);

async function main() {
  const config = JSON.parse(process.argv[2] ?? '{}') as IngestChildConfig;
  const store = openStore(config.dbFile);
  const bus = new EventBus();
  // Inboxes bound to a catalog check requests with the engine's catalog service, as the Workbench wires it.
  const receiver = new Receiver(store, bus, { contracts: new CatalogService(store) });
  const inboxIds = new Map<string, string>();
  for (const slug of config.slugs) {
    const catalog = config.catalogs?.[slug] ?? null;
    inboxIds.set(slug, receiver.inboxes.create({ slug, scheme: 'standard', secrets: [config.secret], catalog }).id);
  }
  const countStmt = store.db.prepare(
    `SELECT count(*) AS total,
            coalesce(sum(valid = 1), 0) AS valid,
            coalesce(sum(response_status = 200), 0) AS ok,
            coalesce(sum(duplicate = 1), 0) AS duplicates,
            coalesce(sum(schema_status IS NOT NULL AND schema_status <> 'valid'), 0) AS schemaNotValid
       FROM requests WHERE inbox_id = ?`,
  );

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      await receiver.close();
    } finally {
      await store.shutdown();
      process.exit(0);
    }
  };
  process.on('disconnect', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  process.on('message', (m: IngestMessage) => {
    void (async () => {
      await receiver.idle();
      if (m.type === 'idle') {
        reply({ type: 'idle', id: m.id });
      } else if (m.type === 'count') {
        const inboxId = inboxIds.get(m.slug);
        const row = (inboxId ? countStmt.get(inboxId) : undefined) as Omit<IngestCounts, 'maxRssMb'> | undefined;
        const counts = row ?? { total: 0, valid: 0, ok: 0, duplicates: 0, schemaNotValid: 0 };
        reply({ type: 'count', id: m.id, counts: { ...counts, maxRssMb: process.resourceUsage().maxRSS / 1024 } });
      }
    })();
  });

  const { port } = await receiver.listen({ port: 0, host: '127.0.0.1' });
  reply({ type: 'ready', port });
}

main().catch((e: unknown) => {
  reply({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100);
});
