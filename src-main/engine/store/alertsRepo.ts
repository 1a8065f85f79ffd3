import type { Alert, AlertKind } from '../../api/types';
import type { Db } from './database';

interface Row {
  id: string;
  workspace_id: string;
  webhook_id: string | null;
  kind: AlertKind;
  consecutive_failures: number;
  message: string;
  read: number;
  created_at: number;
}
const toAlert = (r: Row): Alert => ({
  id: r.id,
  workspaceId: r.workspace_id,
  webhookId: r.webhook_id,
  kind: r.kind,
  consecutiveFailures: r.consecutive_failures,
  message: r.message,
  read: r.read === 1,
  createdAt: r.created_at,
});

export class AlertsRepo {
  constructor(private readonly db: Db) {}

  insert(a: Alert): void {
    this.db
      .prepare(
        `INSERT INTO alerts (id, workspace_id, webhook_id, kind, consecutive_failures, message, read, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.id, a.workspaceId, a.webhookId, a.kind, a.consecutiveFailures, a.message, a.read ? 1 : 0, a.createdAt);
  }

  list(workspaceId: string, opts: { unreadOnly?: boolean; limit?: number } = {}): Alert[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM alerts WHERE workspace_id = ? ${opts.unreadOnly ? 'AND read = 0' : ''}
                ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(workspaceId, opts.limit ?? 200) as Row[];
    return rows.map(toAlert);
  }

  get(id: string): Alert | undefined {
    const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
    return row && toAlert(row);
  }

  unreadCount(workspaceId: string): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM alerts WHERE workspace_id = ? AND read = 0').get(workspaceId) as {
        n: number;
      }
    ).n;
  }

  markRead(ids: string[]): number {
    const stmt = this.db.prepare('UPDATE alerts SET read = 1 WHERE id = ?');
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(id).changes, 0)).immediate();
  }

  markAllRead(workspaceId: string): number {
    return this.db.prepare('UPDATE alerts SET read = 1 WHERE workspace_id = ? AND read = 0').run(workspaceId).changes;
  }
}
