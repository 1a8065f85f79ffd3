/**
 * Migration 004 (the batched write path) on a data dir made by the Hookbench before it (schema 3,
 * commit 2213e5a, test/fixtures/schema-v3): deliveries in every state — one left 'sending' with
 * its attempt open, as a crash of that version leaves it — received requests, a custom type,
 * sealed secrets. Nothing is lost, what was in flight is due again, the roll-ups still add up.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSender } from '../../src-main/engine/sender';
import { searchDeliveries } from '../../src-main/engine/logs/deliverySearch';
import { searchRequests } from '../../src-main/engine/logs/requestSearch';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { recountRollups } from '../../src-main/engine/store/rollupTally';
import { openStore } from '../../src-main/engine/store/store';
import { tempDir } from '../support/tmp';

const FIXTURE = new URL('../fixtures/schema-v3/', import.meta.url).pathname;
const TABLES = [
  'workspaces',
  'webhooks',
  'event_types',
  'events',
  'deliveries',
  'attempts',
  'alerts',
  'inboxes',
  'requests',
  'settings',
];

let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp?.cleanup());

function copyFixture(): string {
  tmp = tempDir('hookbench-v3-');
  for (const f of ['hookbench.db', 'hookbench.key']) copyFileSync(join(FIXTURE, f), join(tmp.dir, f));
  return join(tmp.dir, 'hookbench.db');
}

const rollups = (db: Database.Database) =>
  ['delivery_rollup', 'delivery_rollup_day', 'duration_rollup'].map((t) =>
    db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5`).all(),
  );

describe('migration 004 on a schema-3 data dir', () => {
  it('keeps every row, closes what was in flight, and keeps the roll-ups exact', () => {
    const file = copyFixture();
    const old = new Database(file);
    expect(old.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(3);
    const before = Object.fromEntries(TABLES.map((t) => [t, old.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]));
    const inFlight = old.prepare(`SELECT id FROM deliveries WHERE status = 'sending'`).pluck().all() as string[];
    expect(inFlight).toHaveLength(1);
    expect(old.prepare('SELECT count(*) FROM attempts WHERE finished_at IS NULL').pluck().get()).toBe(1);
    const oldRollups = rollups(old);
    old.close();

    const store = openStore(file);
    try {
      const db = store.db;
      expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.at(-1)!.version);
      for (const t of TABLES)
        expect([t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]).toEqual([t, before[t]]);

      // The delivery left 'sending' is due again; its open attempt is closed as interrupted.
      const d = store.deliveries.get(inFlight[0]!)!;
      expect(d.status).toBe('retrying');
      expect(d.nextAttemptAt).toBeLessThanOrEqual(Date.now());
      const attempts = store.deliveries.attempts(d.id);
      expect(attempts.at(-1)).toMatchObject({ errorClass: 'other', response: null });
      expect(attempts.at(-1)!.errorMessage).toMatch(/interrupted/);
      expect(attempts.at(-1)!.durationMs).toBeGreaterThanOrEqual(0);
      expect(db.prepare('SELECT count(*) FROM attempts WHERE finished_at IS NULL').pluck().get()).toBe(0);

      // The roll-ups: what the old triggers kept, plus the closed attempt — and equal to a recount.
      const migrated = rollups(db);
      expect(migrated).not.toEqual(oldRollups); // the interrupted attempt now has a duration
      recountRollups(db);
      expect(rollups(db)).toEqual(migrated);

      // The per-row triggers are gone (the writer tallies per batch); delete triggers stay.
      const triggers = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).pluck().all();
      for (const gone of [
        'deliveries_rollup_insert',
        'deliveries_rollup_status',
        'attempts_rollup_insert',
        'events_fts_queue',
      ])
        expect(triggers).not.toContain(gone);
      for (const kept of [
        'deliveries_rollup_delete',
        'attempts_rollup_delete',
        'events_fts_forget',
        'requests_fts_forget',
      ])
        expect(triggers).toContain(kept);
      expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'deliveries_by_status'`).pluck().get()).toBe(
        0,
      );
      expect(db.prepare(`SELECT name FROM pragma_index_info('deliveries_due')`).pluck().all()).toEqual([
        'webhook_id',
        'next_attempt_at',
        'id',
      ]);

      // Search, lists and sealed secrets read as before.
      expect(searchDeliveries(db, { workspaceId: 'ws_default', q: 'zebra', limit: 100 }).items.length).toBeGreaterThan(
        0,
      );
      expect(searchRequests(db, { workspaceId: 'ws_default', q: 'amount', limit: 100 }).items).toHaveLength(12);
      expect(store.webhooks.listAllEnabled().map((w) => w.secret.length > 0)).toEqual([true, true, true]);
    } finally {
      store.close();
    }
  });

  it('goes on delivering with the new engine: the interrupted delivery is sent again', async () => {
    const file = copyFixture();
    const engine = openSender({ dbFile: file });
    const id = engine.store.db.prepare(`SELECT id FROM deliveries WHERE status = 'sending'`).pluck().get();
    expect(id).toBeUndefined(); // migrated on open
    const interrupted = engine.store.db
      .prepare(`SELECT delivery_id FROM attempts WHERE error_message LIKE 'interrupted%'`)
      .pluck()
      .get() as string;
    const attemptsBefore = engine.store.deliveries.attempts(interrupted).length;
    engine.start();
    try {
      // Its endpoint is gone (the fixture's server is not running): the retry is recorded as refused.
      const { eventually } = await import('../support/scriptedServer');
      const d = await eventually(() => {
        const x = engine.deliveries.detail(interrupted);
        return x.attempts.length > attemptsBefore && x;
      }, 10_000);
      expect(d.attempts.at(-1)).toMatchObject({ errorClass: 'refused' });
    } finally {
      await engine.close();
    }
  });
});
