/**
 * What the store does with its secret box when it opens a database: check the box can open the
 * secrets already sealed there (a missing or wrong key, or another backend's values, stop the
 * open with a clear error before anything is written), then seal every secret that is plain
 * (written by an older Hookbench) or sealed by another backend the box can read — webhook
 * credentials too (storeCredentials.ts) — in one transaction.
 */
import { dirname } from 'node:path';
import type { Db } from '../store/database';
import { ephemeralBox, keyFileBox } from './keyFileBox';
import { kindMismatch, openStored, SEALED_PREFIX, type SecretBox } from './secretBox';
import { pendingAttemptScrub, pendingCredentialSeals } from './storeCredentials';

/** The web host's and CLI's box: the key file beside the database (an in-memory database keeps its key in memory). */
export function defaultSecretBox(dbFile: string): SecretBox {
  return dbFile === ':memory:' || dbFile === '' ? ephemeralBox() : keyFileBox(dirname(dbFile));
}

/** Every stored secret value, one per row: a union the checks below read from. */
const SECRET_VALUES = `
  SELECT secret AS v FROM webhooks
  UNION ALL SELECT previous_secret FROM webhooks WHERE previous_secret IS NOT NULL
  UNION ALL SELECT secrets FROM inboxes`;
const CREDENTIAL_VALUES = `
  UNION ALL SELECT credentials FROM webhooks WHERE credentials IS NOT NULL`;

/** Whether migration 005 (sealed credentials) is applied: a store opened with older migrations only (tests of upgrades) has none. */
const hasCredentials = (db: Db) =>
  db.prepare("SELECT 1 FROM pragma_table_info('webhooks') WHERE name = 'credentials'").get() !== undefined;

const isSealedSql = (column: string) => `substr(${column}, 1, ${SEALED_PREFIX.length}) = '${SEALED_PREFIX}'`;
const sealedBySql = (column: string, kind: string) => {
  const prefix = `${SEALED_PREFIX}${kind}:`;
  return `substr(${column}, 1, ${prefix.length}) = '${prefix.replace(/'/g, "''")}'`;
};

export interface ResealedCount {
  webhooks: number;
  inboxes: number;
  /** Webhook rows whose URL userinfo or credential headers were sealed (or re-sealed). */
  credentials: number;
  /** Old attempt rows whose recorded credentials were redacted (once, after migration 005). */
  attempts: number;
}

export function prepareSecrets(db: Db, box: SecretBox): ResealedCount {
  // One sample per backend found in the database; the backend's name sits between the prefix and the next colon.
  const tail = `substr(v, ${SEALED_PREFIX.length + 1})`;
  const withCredentials = hasCredentials(db);
  const samples = db
    .prepare(
      `SELECT substr(${tail}, 1, instr(${tail}, ':') - 1) AS kind, MIN(v) AS sample
      FROM (${SECRET_VALUES}${withCredentials ? CREDENTIAL_VALUES : ''}) WHERE ${isSealedSql('v')} GROUP BY kind`,
    )
    .all() as { kind: string; sample: string }[];
  const readable = [box.kind, ...(box.alsoOpens ?? [])];
  for (const { kind } of samples) if (!readable.includes(kind)) throw kindMismatch(kind, box.kind);
  // A missing key, the wrong key or a damaged value stops here, before anything is written.
  for (const { sample } of samples) box.open(sample);
  // Nothing sealed by this backend yet (a new database, or one moving here): the key-file box makes its key now.
  if (!samples.some((s) => s.kind === box.kind)) box.init?.();
  return resealSecrets(db, box, withCredentials);
}

/**
 * Seals plain and foreign-sealed secrets with `box` and redacts old attempts, in one
 * transaction. secure_delete zeroes the space the old values leave, and the WAL is checkpointed
 * and truncated, so the file no longer holds them.
 */
function resealSecrets(db: Db, box: SecretBox, withCredentials: boolean): ResealedCount {
  const notOurs = (column: string) => `NOT ${sealedBySql(column, box.kind)}`;
  const webhooks = db
    .prepare(
      `SELECT id, secret, previous_secret AS previous FROM webhooks WHERE ${notOurs('secret')} OR (previous_secret IS NOT NULL AND ${notOurs('previous_secret')})`,
    )
    .all() as { id: string; secret: string; previous: string | null }[];
  const inboxes = db.prepare(`SELECT id, secrets FROM inboxes WHERE ${notOurs('secrets')}`).all() as {
    id: string;
    secrets: string;
  }[];
  const credentials = withCredentials ? pendingCredentialSeals(db, box) : { count: 0, write: () => {} };
  const attempts = withCredentials ? pendingAttemptScrub(db) : { due: false, write: () => 0 };
  const count = { webhooks: webhooks.length, inboxes: inboxes.length, credentials: credentials.count, attempts: 0 };
  if (webhooks.length === 0 && inboxes.length === 0 && credentials.count === 0 && !attempts.due) return count;

  const ours = `${SEALED_PREFIX}${box.kind}:`;
  const reseal = (v: string) => (v.startsWith(ours) ? v : box.seal(openStored(box, v)));
  const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const setWebhook = db.prepare('UPDATE webhooks SET secret = ?, previous_secret = ? WHERE id = ?');
    const setInbox = db.prepare('UPDATE inboxes SET secrets = ? WHERE id = ?');
    db.transaction(() => {
      for (const w of webhooks) setWebhook.run(reseal(w.secret), w.previous === null ? null : reseal(w.previous), w.id);
      for (const i of inboxes) setInbox.run(reseal(i.secrets), i.id);
      credentials.write();
      if (attempts.due) count.attempts = attempts.write();
    }).immediate();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
  }
  return count;
}
