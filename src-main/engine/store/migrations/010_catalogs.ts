/**
 * Event types as contracts: a workspace's schemas for any catalog's types, how its own types
 * are sent (envelope or raw) and where they came from, the catalog each fired event is from,
 * the catalog an inbox checks its requests against, and each request's schema verdict.
 */
export const up = `
CREATE TABLE type_schemas (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  catalog TEXT NOT NULL,
  type TEXT NOT NULL,
  schema TEXT NOT NULL,                  -- JSON Schema (draft-07 or 2020-12)
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, catalog, type)
);
ALTER TABLE event_types ADD COLUMN form TEXT NOT NULL DEFAULT 'envelope'; -- envelope | raw
ALTER TABLE event_types ADD COLUMN origin TEXT NOT NULL DEFAULT 'custom'; -- custom | imported
ALTER TABLE events ADD COLUMN catalog TEXT NOT NULL DEFAULT 'hookbench';
ALTER TABLE inboxes ADD COLUMN catalog TEXT;                                -- NULL: requests are not checked
ALTER TABLE requests ADD COLUMN schema_verdict TEXT;                        -- JSON SchemaVerdict; NULL: not checked
ALTER TABLE requests ADD COLUMN schema_status TEXT;                         -- its status, for the feed's filter
`;
