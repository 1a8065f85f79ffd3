import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import type { Workspace } from '../../api/types';
import type { Db } from './database';

interface Row {
  id: string;
  name: string;
  created_at: number;
}
const toWorkspace = (r: Row): Workspace => ({ id: r.id, name: r.name, createdAt: r.created_at });

export class WorkspacesRepo {
  private readonly getStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare('SELECT * FROM workspaces WHERE id = ?');
  }

  /** The default workspace always exists. */
  ensureDefault(): void {
    this.db
      .prepare('INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?, ?, ?)')
      .run(DEFAULT_WORKSPACE_ID, 'Default', Date.now());
  }

  list(): Workspace[] {
    return (this.db.prepare('SELECT * FROM workspaces ORDER BY created_at, id').all() as Row[]).map(toWorkspace);
  }

  get(id: string): Workspace | undefined {
    const row = this.getStmt.get(id) as Row | undefined;
    return row && toWorkspace(row);
  }

  findByName(name: string): Workspace | undefined {
    const row = this.db.prepare('SELECT * FROM workspaces WHERE name = ?').get(name) as Row | undefined;
    return row && toWorkspace(row);
  }

  insert(w: Workspace): void {
    this.db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run(w.id, w.name, w.createdAt);
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE workspaces SET name = ? WHERE id = ?').run(name, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM workspaces WHERE id = ?').run(id);
  }
}
