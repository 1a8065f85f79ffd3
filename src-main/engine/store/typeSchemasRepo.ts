import type { CatalogId, JsonSchema } from '../../api/catalogTypes';
import type { Db } from './database';

/** A workspace's schema for one catalog type (saved by a person, imported or inferred); it wins over the catalog's. */
export interface StoredTypeSchema {
  catalog: CatalogId;
  type: string;
  schema: JsonSchema;
  /** The stored JSON text (the validator caches compiled schemas by it). */
  text: string;
  updatedAt: number;
}

export class TypeSchemasRepo {
  constructor(private readonly db: Db) {}

  list(workspaceId: string): StoredTypeSchema[] {
    const rows = this.db
      .prepare(
        'SELECT catalog, type, schema, updated_at FROM type_schemas WHERE workspace_id = ? ORDER BY catalog, type',
      )
      .all(workspaceId) as { catalog: CatalogId; type: string; schema: string; updated_at: number }[];
    return rows.map((r) => ({
      catalog: r.catalog,
      type: r.type,
      schema: JSON.parse(r.schema) as JsonSchema,
      text: r.schema,
      updatedAt: r.updated_at,
    }));
  }

  set(workspaceId: string, catalog: CatalogId, type: string, schema: JsonSchema, now: number): void {
    this.db
      .prepare(
        `INSERT INTO type_schemas (workspace_id, catalog, type, schema, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(workspace_id, catalog, type) DO UPDATE SET schema = excluded.schema, updated_at = excluded.updated_at`,
      )
      .run(workspaceId, catalog, type, JSON.stringify(schema), now);
  }

  remove(workspaceId: string, catalog: CatalogId, type: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM type_schemas WHERE workspace_id = ? AND catalog = ? AND type = ?')
        .run(workspaceId, catalog, type).changes > 0
    );
  }
}
