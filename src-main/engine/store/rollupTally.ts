/**
 * The statistics roll-ups (migration 003's tables), kept exact per batch instead of per row:
 * every delivery insert or status change and every attempt adds its difference to an in-memory
 * tally of its write batch (writeBatch.ts), which is written once per roll-up row at the end of
 * the batch. Each tally is guarded by its delivery's conditional write, so it counts only what
 * was written. Deletes (retention, cascades) still go through migration 003's delete triggers.
 */
import type { DeliveryStatus } from '../../api/schemas';
import type { Db } from './database';
import {
  COUNT_ROLLUPS,
  countFill,
  DURATION_KEY,
  durationBucket,
  durationFill,
  HOUR_MS,
  ROLLUP_COLUMNS,
  ROLLUP_STATUSES,
} from './migrations/003_search';
import { writeFold, type WriteBatchBuilder } from './writeBatch';

/** What a roll-up row counts of one delivery: its status and how many attempts it has had. */
export interface RollupState {
  status: DeliveryStatus;
  attemptCount: number;
}
/** What keys a delivery's roll-up rows. */
export interface RollupKey {
  workspaceId: string;
  webhookId: string;
  eventType: string;
  createdAt: number;
}

const has = (list: readonly DeliveryStatus[], s: DeliveryStatus) => list.includes(s);

/** A delivery's own part of its roll-up rows, in ROLLUP_COLUMNS order (attempt columns zero). */
export function deliveryPart(s: RollupState | null): number[] {
  if (!s) return [0, 0, 0, 0, 0, 0, 0];
  return [
    1,
    has(ROLLUP_STATUSES.succeeded, s.status) ? 1 : 0,
    has(ROLLUP_STATUSES.failed, s.status) ? 1 : 0,
    has(ROLLUP_STATUSES.inProgress, s.status) ? 1 : 0,
    has(ROLLUP_STATUSES.finished, s.status) ? s.attemptCount : 0,
    0,
    0,
  ];
}

const COUNT_FOLDS = COUNT_ROLLUPS.map((r) => {
  const key = `workspace_id, ${r.column}, webhook_id, event_type`;
  return {
    unitMs: r.unitMs,
    fold: writeFold(
      `INSERT INTO ${r.table} (${key}, ${ROLLUP_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ${ROLLUP_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (${key}) DO UPDATE SET ${ROLLUP_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
      4,
      ROLLUP_COLUMNS.map(() => 'sum'),
    ),
  };
});

/** Keyed by the attempt's exact duration: SQLite computes its bucket, as migration 003's triggers did. */
const DURATION_FOLD = writeFold(
  `INSERT INTO duration_rollup (${DURATION_KEY}, n)
   SELECT k.workspace_id, ${durationBucket('k.ms')}, k.hour, k.webhook_id, k.event_type, k.n
   FROM (SELECT ? AS workspace_id, ? AS ms, ? AS hour, ? AS webhook_id, ? AS event_type, ? AS n) k WHERE true
   ON CONFLICT (${DURATION_KEY}) DO UPDATE SET n = n + excluded.n`,
  5,
  ['sum'],
);

/**
 * Adds to the batch's tallies what a delivery's change does to the roll-ups: from `before` (null:
 * a new delivery) to `after`, plus one timed attempt of `attemptMs` if given. Guarded by the
 * preceding conditional write (IF_CHANGED) unless `always`.
 */
export function tallyDelivery(
  b: WriteBatchBuilder,
  key: RollupKey,
  before: RollupState | null,
  after: RollupState,
  attemptMs?: number | null,
): void {
  const from = deliveryPart(before);
  const delta = deliveryPart(after);
  let any = false;
  for (let i = 0; i < delta.length; i++) {
    delta[i]! -= from[i]!;
    if (delta[i] !== 0) any = true;
  }
  const timed = attemptMs !== undefined && attemptMs !== null;
  if (timed) {
    delta[5] = 1;
    delta[6] = attemptMs;
    any = true;
  }
  if (any) {
    for (const { unitMs, fold } of COUNT_FOLDS) {
      b.tally(
        fold,
        [key.workspaceId, key.createdAt - (key.createdAt % unitMs), key.webhookId, key.eventType],
        delta,
        IF_CHANGED,
      );
    }
  }
  if (timed) {
    b.tally(
      DURATION_FOLD,
      [key.workspaceId, attemptMs, key.createdAt - (key.createdAt % HOUR_MS), key.webhookId, key.eventType],
      ONE,
      IF_CHANGED,
    );
  }
}

const IF_CHANGED = { ifChanged: true };
const ONE = [1];

/**
 * Recounts every roll-up from the deliveries and attempts (tests compare it with the tallies;
 * tools that insert rows with plain SQL call it afterwards).
 */
export function recountRollups(db: Db): void {
  db.transaction(() => {
    for (const r of COUNT_ROLLUPS) db.exec(`DELETE FROM ${r.table}`);
    db.exec('DELETE FROM duration_rollup');
    for (const r of COUNT_ROLLUPS) db.exec(countFill(r));
    db.exec(durationFill);
  }).immediate();
}
