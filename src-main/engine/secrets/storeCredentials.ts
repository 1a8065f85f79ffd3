/**
 * The credential half of what the store does when it opens a database (storeSecrets.ts runs
 * both in one transaction): webhook rows whose URL userinfo or credential header values are
 * plain (written by an older Hookbench), or sealed by another backend, are sealed with the box;
 * and, once after migration 005, the attempts an older Hookbench recorded are redacted.
 */
import { CREDENTIAL_HEADERS, redactHeaders, redactUrl } from '../../api/credentials';
import type { Db } from '../store/database';
import { openStored, SEALED_PREFIX, type SecretBox } from './secretBox';
import { holdsPlainCredentials, mergeCredentials, splitCredentials } from './webhookCredentials';

interface CredentialRow {
  id: string;
  url: string;
  headers: string;
  secret_headers: string;
  credentials: string | null;
}

/** The webhook rows to rewrite, as a function that writes them (inside the caller's transaction). */
export function pendingCredentialSeals(db: Db, box: SecretBox): { count: number; write: () => void } {
  const ours = `${SEALED_PREFIX}${box.kind}:`;
  const rows = (
    db.prepare('SELECT id, url, headers, secret_headers, credentials FROM webhooks').all() as CredentialRow[]
  ).filter((r) => {
    const stored = {
      url: r.url,
      headers: JSON.parse(r.headers) as Record<string, string>,
      secretHeaders: JSON.parse(r.secret_headers) as string[],
    };
    return holdsPlainCredentials(stored) || (r.credentials !== null && !r.credentials.startsWith(ours));
  });
  const write = () => {
    const update = db.prepare('UPDATE webhooks SET url = ?, headers = ?, credentials = ? WHERE id = ?');
    for (const r of rows) {
      const sealed = r.credentials === null ? null : JSON.parse(openStored(box, r.credentials));
      const plain = mergeCredentials({ url: r.url, headers: JSON.parse(r.headers) }, sealed);
      const stored = splitCredentials({ ...plain, secretHeaders: JSON.parse(r.secret_headers) });
      update.run(
        stored.url,
        JSON.stringify(stored.headers),
        stored.credentials === null ? null : box.seal(JSON.stringify(stored.credentials)),
        r.id,
      );
    }
  };
  return { count: rows.length, write };
}

const ATTEMPT_SCRUB = 'attempt-credentials';
const PAGE = 1000;

/**
 * Whether the one-off redaction of old attempt rows is still to do, and the function that does
 * it: page by page (a million attempts never sit in memory), each row's URL password and
 * credential header values replaced by [redacted].
 */
export function pendingAttemptScrub(db: Db): { due: boolean; write: () => number } {
  const due = db.prepare('SELECT 1 FROM pending_scrubs WHERE name = ?').get(ATTEMPT_SCRUB) !== undefined;
  const write = () => {
    // A cheap pre-filter (LIKE is case-insensitive for ASCII); the exact test is the redaction itself.
    const mayHold = [
      `request_url LIKE '%@%'`,
      ...CREDENTIAL_HEADERS.map((n) => `request_headers LIKE '%"${n}"%'`),
    ].join(' OR ');
    const page = db.prepare(
      `SELECT id, request_url AS url, request_headers AS headers FROM attempts WHERE id > ? AND (${mayHold}) ORDER BY id LIMIT ${PAGE}`,
    );
    const update = db.prepare('UPDATE attempts SET request_url = ?, request_headers = ? WHERE id = ?');
    let changed = 0;
    for (
      let after = 0, rows: { id: number; url: string; headers: string }[];
      (rows = page.all(after) as typeof rows).length > 0;
      after = rows.at(-1)!.id
    ) {
      for (const r of rows) {
        const headers = JSON.parse(r.headers) as Record<string, string>;
        const url = redactUrl(r.url);
        const redacted = redactHeaders(headers);
        if (url === r.url && redacted === headers) continue;
        update.run(url, JSON.stringify(redacted), r.id);
        changed++;
      }
    }
    db.prepare('DELETE FROM pending_scrubs WHERE name = ?').run(ATTEMPT_SCRUB);
    return changed;
  };
  return { due, write };
}
