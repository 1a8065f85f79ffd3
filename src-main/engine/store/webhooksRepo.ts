import type { SchemeName } from '../../api/schemas';
import type { Webhook } from '../../api/types';
import type { Db } from './database';
import { openStored, type SecretBox } from '../secrets/secretBox';
import { mergeCredentials, splitCredentials } from '../secrets/webhookCredentials';

interface Row {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  url: string;
  subscriptions: string;
  enabled: number;
  scheme: SchemeName;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
  headers: string;
  secret_headers: string;
  credentials: string | null;
  timeout_ms: number;
  retry_policy: string;
  consecutive_failures: number;
  failing_since: number | null;
  last_success_at: number | null;
  last_failure_at: number | null;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

const toWebhook = (r: Row): Webhook => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  description: r.description,
  url: r.url,
  subscriptions: JSON.parse(r.subscriptions),
  enabled: r.enabled === 1,
  scheme: r.scheme,
  secret: r.secret,
  previousSecret: r.previous_secret,
  previousSecretExpiresAt: r.previous_secret_expires_at,
  headers: JSON.parse(r.headers),
  secretHeaders: JSON.parse(r.secret_headers),
  timeoutSec: Math.round(r.timeout_ms / 1000),
  retryPolicy: JSON.parse(r.retry_policy),
  consecutiveFailures: r.consecutive_failures,
  failingSince: r.failing_since,
  lastSuccessAt: r.last_success_at,
  lastFailureAt: r.last_failure_at,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (w: Webhook): Row => ({
  id: w.id,
  workspace_id: w.workspaceId,
  name: w.name,
  description: w.description,
  url: w.url,
  subscriptions: JSON.stringify(w.subscriptions),
  enabled: w.enabled ? 1 : 0,
  scheme: w.scheme,
  secret: w.secret,
  previous_secret: w.previousSecret,
  previous_secret_expires_at: w.previousSecretExpiresAt,
  headers: JSON.stringify(w.headers),
  secret_headers: JSON.stringify(w.secretHeaders),
  credentials: null, // sealed by WebhooksRepo.sealed
  timeout_ms: w.timeoutSec * 1000,
  retry_policy: JSON.stringify(w.retryPolicy),
  consecutive_failures: w.consecutiveFailures,
  failing_since: w.failingSince,
  last_success_at: w.lastSuccessAt,
  last_failure_at: w.lastFailureAt,
  disabled_reason: w.disabledReason,
  created_at: w.createdAt,
  updated_at: w.updatedAt,
});

const COLUMNS = Object.keys(toRow({} as Webhook)) as (keyof Row)[];
/** The failure streak: written by the delivery engine's batches (delivery/deliveryWrites.ts), not by {@link WebhooksRepo.save}. */
const COUNTERS: (keyof Row)[] = ['consecutive_failures', 'failing_since', 'last_success_at', 'last_failure_at'];

export class WebhooksRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly listEnabledStmt;
  private readonly countersStmt;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO webhooks (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
    );
    this.updateStmt = db.prepare(
      `UPDATE webhooks SET ${COLUMNS.filter((c) => c !== 'id' && !COUNTERS.includes(c))
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
    );
    this.getStmt = db.prepare('SELECT * FROM webhooks WHERE id = ?');
    this.listEnabledStmt = db.prepare(
      'SELECT * FROM webhooks WHERE workspace_id = ? AND enabled = 1 ORDER BY created_at, id',
    );
    this.countersStmt = db.prepare(
      'UPDATE webhooks SET consecutive_failures = @consecutiveFailures, failing_since = NULL, updated_at = @updatedAt WHERE id = @id',
    );
  }

  insert(w: Webhook): void {
    this.insertStmt.run(this.sealed(w));
  }

  /**
   * Writes the configuration of `w` (everything but the failure streak, which the delivery
   * engine writes in its own batches: a stale read here must not undo a newer count).
   */
  save(w: Webhook): void {
    const {
      consecutive_failures: _f,
      failing_since: _fs,
      last_success_at: _s,
      last_failure_at: _l,
      ...row
    } = this.sealed(w);
    this.updateStmt.run(row);
  }

  /** Starts the failure streak over (the webhook was enabled again by hand). */
  resetCounters(id: string, now: number): void {
    this.countersStmt.run({ id, consecutiveFailures: 0, updatedAt: now });
  }

  get(id: string): Webhook | undefined {
    const row = this.getStmt.get(id) as Row | undefined;
    return row && this.opened(row);
  }

  list(workspaceId: string): Webhook[] {
    return (
      this.db.prepare('SELECT * FROM webhooks WHERE workspace_id = ? ORDER BY created_at, id').all(workspaceId) as Row[]
    ).map((r) => this.opened(r));
  }

  /** Every enabled webhook in every workspace (the scheduler's working set). */
  listAllEnabled(): Webhook[] {
    return (this.db.prepare('SELECT * FROM webhooks WHERE enabled = 1 ORDER BY created_at, id').all() as Row[]).map(
      (r) => this.opened(r),
    );
  }

  listEnabled(workspaceId: string): Webhook[] {
    return (this.listEnabledStmt.all(workspaceId) as Row[]).map((r) => this.opened(r));
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Secrets and credentials are sealed on the way in and opened on the way out; nothing above
   * the store sees a sealed value. The stored url has no userinfo and the stored headers no
   * credential value: those are in the sealed `credentials` column.
   */
  private sealed(w: Webhook): Row {
    const { url, headers, credentials } = splitCredentials(w);
    const r = toRow({ ...w, url, headers });
    return {
      ...r,
      secret: this.secrets.seal(r.secret),
      previous_secret: r.previous_secret === null ? null : this.secrets.seal(r.previous_secret),
      credentials: credentials === null ? null : this.secrets.seal(JSON.stringify(credentials)),
    };
  }

  private opened(r: Row): Webhook {
    const previous = r.previous_secret === null ? null : openStored(this.secrets, r.previous_secret);
    const w = toWebhook({ ...r, secret: openStored(this.secrets, r.secret), previous_secret: previous });
    return r.credentials === null
      ? w
      : { ...w, ...mergeCredentials(w, JSON.parse(openStored(this.secrets, r.credentials))) };
  }
}
