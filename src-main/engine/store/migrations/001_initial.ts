/** The sender half: workspaces, webhooks, events, deliveries, attempts, alerts, settings. */
export const up = `
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL,
  subscriptions TEXT NOT NULL,           -- JSON array of patterns
  enabled INTEGER NOT NULL DEFAULT 1,
  scheme TEXT NOT NULL,
  secret TEXT NOT NULL,
  previous_secret TEXT,                  -- still signed with until previous_secret_expires_at
  previous_secret_expires_at INTEGER,
  headers TEXT NOT NULL DEFAULT '{}',    -- JSON object of extra headers
  timeout_ms INTEGER NOT NULL,
  retry_policy TEXT NOT NULL,            -- JSON RetryPolicy
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_success_at INTEGER,
  last_failure_at INTEGER,
  disabled_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhooks_by_workspace ON webhooks(workspace_id, created_at);

CREATE TABLE event_types (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sample TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, type)
);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  body TEXT NOT NULL,                    -- the envelope exactly as sent
  created_at INTEGER NOT NULL
);

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  status TEXT NOT NULL,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,               -- due time while pending/retrying; NULL otherwise
  last_status_code INTEGER,
  last_error TEXT,
  last_duration_ms INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER
);
-- The due-retry query runs per webhook (per endpoint), so a busy endpoint never makes the
-- scheduler walk past its queue to find another endpoint's due work.
CREATE INDEX deliveries_due ON deliveries(webhook_id, next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, created_at);
CREATE INDEX deliveries_by_status ON deliveries(status, created_at);
CREATE INDEX deliveries_by_workspace ON deliveries(workspace_id, created_at);
CREATE INDEX deliveries_by_event ON deliveries(event_id);

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY,
  delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  trigger TEXT NOT NULL,                 -- scheduled | retry_now | test
  scheduled_at INTEGER NOT NULL,         -- when it was due (punctuality = started_at - scheduled_at)
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  duration_ms INTEGER,
  request_method TEXT NOT NULL,
  request_url TEXT NOT NULL,
  request_headers TEXT NOT NULL,         -- JSON object
  response_status INTEGER,
  response_headers TEXT,                 -- JSON object
  response_body TEXT,
  response_truncated INTEGER NOT NULL DEFAULT 0,
  error_class TEXT,
  error_message TEXT,
  UNIQUE (delivery_id, number)
);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  webhook_id TEXT REFERENCES webhooks(id) ON DELETE SET NULL,
  kind TEXT NOT NULL,                    -- failing | disabled
  consecutive_failures INTEGER NOT NULL,
  message TEXT NOT NULL,
  read INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX alerts_by_workspace ON alerts(workspace_id, created_at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL                    -- JSON
);
`;
