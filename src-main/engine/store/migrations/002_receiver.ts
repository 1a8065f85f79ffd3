/** The receiver half: inboxes and the requests they (or no inbox: unrouted) received. */
export const up = `
CREATE TABLE inboxes (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  slug TEXT NOT NULL UNIQUE,             -- requests to /in/<slug> arrive here (slugs are global: one server)
  name TEXT NOT NULL,
  scheme TEXT NOT NULL,                  -- a signing scheme or 'auto'
  secrets TEXT NOT NULL DEFAULT '[]',    -- JSON array, every one tried (rotation)
  tolerance_sec INTEGER NOT NULL,
  response_rule TEXT NOT NULL,           -- JSON ResponseRule
  forward_to TEXT,
  fail_first_seen INTEGER NOT NULL DEFAULT 0, -- requests counted against the rule's failFirst
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX inboxes_by_workspace ON inboxes(workspace_id, created_at);

CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  inbox_id TEXT REFERENCES inboxes(id) ON DELETE CASCADE, -- NULL: unrouted
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  query TEXT NOT NULL DEFAULT '',
  headers TEXT NOT NULL,                 -- JSON array of [raw name, value] in arrival order
  body BLOB NOT NULL,                    -- exact bytes (at most the body limit)
  body_size INTEGER NOT NULL,
  body_truncated INTEGER NOT NULL DEFAULT 0, -- over the limit, answered 413
  remote_address TEXT,
  received_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  response_status INTEGER,               -- NULL: the client left before an answer
  response_headers TEXT NOT NULL DEFAULT '{}',
  response_body TEXT NOT NULL DEFAULT '',
  verdict TEXT,                          -- JSON Verdict; NULL when unrouted
  valid INTEGER,                         -- NULL when not verified
  reason TEXT,
  dedupe_key TEXT,
  duplicate INTEGER NOT NULL DEFAULT 0,
  forward TEXT                           -- JSON ForwardResult; NULL when not forwarded
);
CREATE INDEX requests_by_inbox ON requests(inbox_id, received_at);
CREATE INDEX requests_by_workspace ON requests(workspace_id, received_at);
CREATE INDEX requests_by_dedupe_key ON requests(inbox_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
-- No index on received_at alone: retention deletes per workspace, on requests_by_workspace.
`;
