import type { Db } from './database';

/** A webhook made by "send to a local inbox": it targets the inbox, wherever the receiver listens. */
export interface LocalTarget {
  webhookId: string;
  /** Null once the inbox was deleted. */
  inboxId: string | null;
  /** The inbox's slug when the webhook's URL was last set. */
  slug: string;
}

/** A link whose inbox exists, with the inbox's slug now. */
export interface LiveTarget extends LocalTarget {
  inboxId: string;
  inboxSlug: string;
}

interface Row {
  webhook_id: string;
  inbox_id: string | null;
  slug: string;
}
const toTarget = (r: Row): LocalTarget => ({ webhookId: r.webhook_id, inboxId: r.inbox_id, slug: r.slug });

/** The `local_targets` links (migration 006). */
export class LocalTargetsRepo {
  constructor(private readonly db: Db) {}

  link(webhookId: string, inboxId: string, slug: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO local_targets (webhook_id, inbox_id, slug) VALUES (?, ?, ?)')
      .run(webhookId, inboxId, slug);
  }

  unlink(webhookId: string): void {
    this.db.prepare('DELETE FROM local_targets WHERE webhook_id = ?').run(webhookId);
  }

  setSlug(webhookId: string, slug: string): void {
    this.db.prepare('UPDATE local_targets SET slug = ? WHERE webhook_id = ?').run(slug, webhookId);
  }

  get(webhookId: string): LocalTarget | undefined {
    const row = this.db.prepare('SELECT * FROM local_targets WHERE webhook_id = ?').get(webhookId) as Row | undefined;
    return row && toTarget(row);
  }

  /** Links whose inbox still exists (all of them, or one inbox's). */
  live(inboxId?: string): LiveTarget[] {
    const select = 'SELECT t.*, i.slug AS inbox_slug FROM local_targets t JOIN inboxes i ON i.id = t.inbox_id';
    const rows =
      inboxId === undefined
        ? this.db.prepare(select).all()
        : this.db.prepare(`${select} WHERE t.inbox_id = ?`).all(inboxId);
    return (rows as (Row & { inbox_id: string; inbox_slug: string })[]).map((r) => ({
      ...toTarget(r),
      inboxId: r.inbox_id,
      inboxSlug: r.inbox_slug,
    }));
  }

  /** Names of the webhooks that were made to send to `slug`, whose inbox has since been deleted. */
  orphanedNames(slug: string): string[] {
    return this.db
      .prepare(
        'SELECT w.name FROM local_targets t JOIN webhooks w ON w.id = t.webhook_id WHERE t.slug = ? AND t.inbox_id IS NULL ORDER BY w.name',
      )
      .pluck()
      .all(slug) as string[];
  }
}
