import type { CatalogId, PayloadForm } from '../../api/catalogTypes';
import type { Db } from './database';

export interface StoredEvent {
  id: string;
  workspaceId: string;
  /** The catalog its type is from. */
  catalog: CatalogId;
  type: string;
  body: string;
  createdAt: number;
}
export interface CustomEventType {
  workspaceId: string;
  type: string;
  description: string;
  sample: Record<string, unknown>;
  /** `envelope`: sent as Hookbench's envelope's `data`; `raw`: the whole body (imported types). */
  form: PayloadForm;
  origin: 'custom' | 'imported';
  createdAt: number;
}

export class EventsRepo {
  private readonly getStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare('SELECT * FROM events WHERE id = ?');
  }

  get(id: string): StoredEvent | undefined {
    const r = this.getStmt.get(id) as
      | { id: string; workspace_id: string; catalog: CatalogId; type: string; body: string; created_at: number }
      | undefined;
    return (
      r && {
        id: r.id,
        workspaceId: r.workspace_id,
        catalog: r.catalog,
        type: r.type,
        body: r.body,
        createdAt: r.created_at,
      }
    );
  }

  listCustomTypes(workspaceId: string): CustomEventType[] {
    const rows = this.db.prepare('SELECT * FROM event_types WHERE workspace_id = ? ORDER BY type').all(workspaceId) as {
      workspace_id: string;
      type: string;
      description: string;
      sample: string;
      form: PayloadForm;
      origin: 'custom' | 'imported';
      created_at: number;
    }[];
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      type: r.type,
      description: r.description,
      sample: JSON.parse(r.sample),
      form: r.form,
      origin: r.origin,
      createdAt: r.created_at,
    }));
  }

  getCustomType(workspaceId: string, type: string): CustomEventType | undefined {
    return this.listCustomTypes(workspaceId).find((t) => t.type === type);
  }

  upsertCustomType(t: CustomEventType): void {
    this.db
      .prepare(
        `INSERT INTO event_types (workspace_id, type, description, sample, form, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(workspace_id, type) DO UPDATE SET description = excluded.description, sample = excluded.sample,
                form = excluded.form, origin = excluded.origin`,
      )
      .run(t.workspaceId, t.type, t.description, JSON.stringify(t.sample), t.form, t.origin, t.createdAt);
  }

  deleteCustomType(workspaceId: string, type: string): boolean {
    return (
      this.db.prepare('DELETE FROM event_types WHERE workspace_id = ? AND type = ?').run(workspaceId, type).changes > 0
    );
  }
}
