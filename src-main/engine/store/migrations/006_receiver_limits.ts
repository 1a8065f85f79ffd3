/**
 * What the receiver cut, recorded: how many headers arrived (some past the kept count may not
 * be stored) and how many body bytes arrived before a 413. And webhooks made by "send to a
 * local inbox" point at the inbox, not a port: `local_targets` links them, and their URL
 * follows the receiver's address and the inbox's slug (localInbox.ts).
 */
export const up = `
ALTER TABLE requests ADD COLUMN header_count INTEGER;                       -- NULL: from before; every header was stored
ALTER TABLE requests ADD COLUMN headers_truncated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN received_size INTEGER;                      -- NULL: from before; body_size

CREATE TABLE local_targets (
  webhook_id TEXT PRIMARY KEY REFERENCES webhooks(id) ON DELETE CASCADE,
  inbox_id TEXT REFERENCES inboxes(id) ON DELETE SET NULL,               -- NULL once the inbox is deleted
  slug TEXT NOT NULL                                                     -- the inbox's slug when last sent to
);
CREATE INDEX local_targets_by_inbox ON local_targets(inbox_id);
CREATE INDEX local_targets_by_slug ON local_targets(slug);

-- Webhooks an older Hookbench made by "send to a local inbox" (named by their description).
INSERT INTO local_targets (webhook_id, inbox_id, slug)
  SELECT w.id, i.id, i.slug FROM webhooks w JOIN inboxes i ON i.workspace_id = w.workspace_id
  WHERE w.description = 'Sends to the local inbox /in/' || i.slug AND w.url LIKE 'http://%/in/' || i.slug;
`;
