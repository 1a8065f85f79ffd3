/**
 * The logs: free-text search and the indexes behind filtered, keyset-paged lists.
 *
 * The FTS5 tables are contentless (`content=''`, `contentless_delete=1`): the text lives once,
 * in `events.body` / `requests.body`, and the index is keyed by the source table's rowid and
 * kept in step by triggers (inserts stay cheap; retention deletes only mark tombstones).
 * The default unicode61 tokenizer splits JSON on punctuation, so keys, values and the parts of
 * ids (`usr_123` → `usr`, `123`) are words; queries are phrases, so `usr_123` still matches as a
 * whole (see logs/ftsQuery.ts). If a VACUUM ever renumbers rowids, `rebuildSearchIndex()` (logs/searchIndex.ts)
 * rebuilds both tables.
 */
export const REQUEST_BODY_INDEXED_BYTES = 1024 * 1024;

/** Text of a request body for the index: bodies with a NUL byte are binary and skipped; big ones are cut. */
const requestBodyText = (ref: 'new' | 'old' | 'requests') =>
  `CASE WHEN instr(${ref}.body, x'00') = 0 THEN CAST(substr(${ref}.body, 1, ${REQUEST_BODY_INDEXED_BYTES}) AS TEXT) ELSE '' END`;
const requestPathText = (ref: 'new' | 'old' | 'requests') =>
  `${ref}.path || CASE WHEN ${ref}.query = '' THEN '' ELSE '?' || ${ref}.query END`;

export const up = `
CREATE VIRTUAL TABLE events_fts USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO events_fts (rowid, body) SELECT rowid, body FROM events;
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  DELETE FROM events_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF body ON events BEGIN
  DELETE FROM events_fts WHERE rowid = old.rowid;
  INSERT INTO events_fts (rowid, body) VALUES (new.rowid, new.body);
END;

CREATE VIRTUAL TABLE requests_fts USING fts5(path, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO requests_fts (rowid, path, body) SELECT rowid, ${requestPathText('requests')}, ${requestBodyText('requests')} FROM requests;
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_fts (rowid, path, body) VALUES (new.rowid, ${requestPathText('new')}, ${requestBodyText('new')});
END;
CREATE TRIGGER requests_fts_delete AFTER DELETE ON requests BEGIN
  DELETE FROM requests_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF path, query, body ON requests BEGIN
  DELETE FROM requests_fts WHERE rowid = old.rowid;
  INSERT INTO requests_fts (rowid, path, body) VALUES (new.rowid, ${requestPathText('new')}, ${requestBodyText('new')});
END;

-- Every list is ordered (created_at DESC, id DESC) and paged on it: each index ends in both.
-- These two replace 001's (workspace_id, created_at) and (webhook_id, created_at), which they cover.
CREATE INDEX deliveries_ws_time ON deliveries (workspace_id, created_at, id);
CREATE INDEX deliveries_webhook_time ON deliveries (webhook_id, created_at, id);
DROP INDEX IF EXISTS deliveries_by_workspace;
DROP INDEX IF EXISTS deliveries_by_webhook;
CREATE INDEX deliveries_ws_status_time ON deliveries (workspace_id, status, created_at, id);
CREATE INDEX deliveries_ws_type_time ON deliveries (workspace_id, event_type, created_at, id);
CREATE INDEX deliveries_ws_code_time ON deliveries (workspace_id, last_status_code, created_at, id);
-- Durations of a delivery's attempts without touching the attempt rows (statistics).
CREATE INDEX attempts_duration ON attempts (delivery_id, duration_ms);

CREATE INDEX requests_ws_time ON requests (workspace_id, received_at, id);
CREATE INDEX requests_inbox_time ON requests (inbox_id, received_at, id);
DROP INDEX IF EXISTS requests_by_inbox;
DROP INDEX IF EXISTS requests_by_workspace;
CREATE INDEX requests_ws_valid_time ON requests (workspace_id, valid, received_at, id);
CREATE INDEX requests_ws_status_time ON requests (workspace_id, response_status, received_at, id);
`;
