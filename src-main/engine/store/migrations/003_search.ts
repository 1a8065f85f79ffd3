/**
 * The logs: free-text search and the indexes behind filtered, keyset-paged lists.
 *
 * The FTS5 tables are contentless (`content=''`, `contentless_delete=1`): the text lives once,
 * in `events.body` / `requests.body`, and the index is keyed by the source table's rowid and
 * kept in step by triggers (inserts stay cheap; retention deletes only mark tombstones).
 * The default unicode61 tokenizer splits JSON on punctuation, so keys, values and the parts of
 * ids (`usr_123` → `usr`, `123`) are words; queries are phrases, so `usr_123` still matches as a
 * whole (see logs/ftsQuery.ts). If a VACUUM ever renumbers rowids, `rebuildSearchIndex()`
 * (logs/searchIndex.ts) rebuilds both tables.
 *
 * Statistics read hourly roll-ups (delivery_rollup, duration_rollup) that triggers keep exact on
 * every insert, status change and delete, so a 30-day chart never scans a million rows.
 */
export const HOUR_MS = 3_600_000;

/**
 * Attempt durations are counted in buckets: exact below 100 ms, then 2 % wide (so a p95 read
 * back from them is within 1 %). logs/stats.ts turns a bucket back into milliseconds.
 */
export const durationBucket = (ms: string) =>
  `(CASE WHEN ${ms} < 100 THEN max(${ms}, 0) ELSE 100 + CAST(ln(${ms} / 100.0) / ln(1.02) AS INTEGER) END)`;

export const REQUEST_BODY_INDEXED_BYTES = 1024 * 1024;

/** Text of a request body for the index: bodies with a NUL byte are binary and skipped; big ones are cut. */
export const requestBodyText = (ref: 'new' | 'old' | 'requests') =>
  `CASE WHEN instr(${ref}.body, x'00') = 0 THEN CAST(substr(${ref}.body, 1, ${REQUEST_BODY_INDEXED_BYTES}) AS TEXT) ELSE '' END`;
export const requestPathText = (ref: 'new' | 'old' | 'requests') =>
  `${ref}.path || CASE WHEN ${ref}.query = '' THEN '' ELSE '?' || ${ref}.query END`;


const hourOf = (ref: string) => `${ref}.created_at - ${ref}.created_at % ${HOUR_MS}`;
const ROLLUP_KEY = 'workspace_id, hour, webhook_id, event_type';

/** One delivery's part of a delivery_rollup row, times `sign`. */
const counts = (ref: string, sign: 1 | -1) => [
  `${sign}`,
  `${sign} * (${ref}.status = 'success')`,
  `${sign} * (${ref}.status = 'failed')`,
  `${sign} * (${ref}.status IN ('pending', 'sending', 'retrying'))`,
  `${sign} * (CASE WHEN ${ref}.status IN ('success', 'failed') THEN ${ref}.attempt_count ELSE 0 END)`,
];

const upsertCounts = (ref: string, values: string[]) => `
  INSERT INTO delivery_rollup (${ROLLUP_KEY}, total, succeeded, failed, in_progress, finished_attempts)
  VALUES (${ref}.workspace_id, ${hourOf(ref)}, ${ref}.webhook_id, ${ref}.event_type, ${values.join(', ')})
  ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET total = total + excluded.total, succeeded = succeeded + excluded.succeeded,
    failed = failed + excluded.failed, in_progress = in_progress + excluded.in_progress,
    finished_attempts = finished_attempts + excluded.finished_attempts;`;

const dropEmptyCounts = (ref: string) => `
  DELETE FROM delivery_rollup WHERE workspace_id = ${ref}.workspace_id AND hour = ${hourOf(ref)}
    AND webhook_id = ${ref}.webhook_id AND event_type = ${ref}.event_type AND total = 0;`;

/** Adds (sign 1) or removes (sign -1) durations: `source` yields (delivery d, duration ms). */
const upsertDurations = (source: string, sign: 1 | -1) => `
  INSERT INTO duration_rollup (${ROLLUP_KEY}, bucket, n, sum_ms)
  SELECT d.workspace_id, ${hourOf('d')}, d.webhook_id, d.event_type, ${durationBucket('ms')}, ${sign} * count(*), ${sign} * sum(ms)
  FROM ${source} GROUP BY 5
  ON CONFLICT (${ROLLUP_KEY}, bucket) DO UPDATE SET n = n + excluded.n, sum_ms = sum_ms + excluded.sum_ms;`;

const dropEmptyDurations = (ref: string) => `
  DELETE FROM duration_rollup WHERE workspace_id = ${ref}.workspace_id AND hour = ${hourOf(ref)}
    AND webhook_id = ${ref}.webhook_id AND event_type = ${ref}.event_type AND n = 0;`;

const attemptsOf = (delivery: string) =>
  `(SELECT ${delivery}.workspace_id AS workspace_id, ${delivery}.created_at AS created_at, ${delivery}.webhook_id AS webhook_id,
    ${delivery}.event_type AS event_type) d
  CROSS JOIN (SELECT duration_ms AS ms FROM attempts WHERE delivery_id = ${delivery}.id AND duration_ms IS NOT NULL) WHERE 1`;
const oneAttempt = (attempt: string) =>
  `deliveries d CROSS JOIN (SELECT ${attempt}.duration_ms AS ms) WHERE d.id = ${attempt}.delivery_id AND ${attempt}.duration_ms IS NOT NULL AND 1`;
const keysDiffer = `old.workspace_id IS NOT new.workspace_id OR old.webhook_id IS NOT new.webhook_id
  OR old.event_type IS NOT new.event_type OR old.created_at IS NOT new.created_at`;

const rollups = `
CREATE TABLE delivery_rollup (
  workspace_id TEXT NOT NULL,
  hour INTEGER NOT NULL,                 -- start of the UTC hour of created_at (ms)
  webhook_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  total INTEGER NOT NULL,
  succeeded INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  in_progress INTEGER NOT NULL,          -- pending, sending, retrying
  finished_attempts INTEGER NOT NULL,    -- attempt_count summed over succeeded and failed
  PRIMARY KEY (${ROLLUP_KEY})
) WITHOUT ROWID;
CREATE TABLE duration_rollup (
  workspace_id TEXT NOT NULL,
  hour INTEGER NOT NULL,                 -- the hour of the delivery's created_at
  webhook_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  bucket INTEGER NOT NULL,               -- see durationBucket()
  n INTEGER NOT NULL,
  sum_ms INTEGER NOT NULL,
  PRIMARY KEY (${ROLLUP_KEY}, bucket)
) WITHOUT ROWID;

INSERT INTO delivery_rollup (${ROLLUP_KEY}, total, succeeded, failed, in_progress, finished_attempts)
SELECT workspace_id, ${hourOf('deliveries')}, webhook_id, event_type, ${counts('deliveries', 1).map((c) => `sum(${c})`).join(', ')}
FROM deliveries GROUP BY 1, 2, 3, 4;
INSERT INTO duration_rollup (${ROLLUP_KEY}, bucket, n, sum_ms)
SELECT d.workspace_id, ${hourOf('d')}, d.webhook_id, d.event_type, ${durationBucket('a.duration_ms')}, count(*), sum(a.duration_ms)
FROM deliveries d JOIN attempts a ON a.delivery_id = d.id WHERE a.duration_ms IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER deliveries_rollup_insert AFTER INSERT ON deliveries BEGIN
  ${upsertCounts('new', counts('new', 1))}
END;
CREATE TRIGGER deliveries_rollup_status AFTER UPDATE OF status, attempt_count ON deliveries
WHEN (old.status IS NOT new.status OR old.attempt_count IS NOT new.attempt_count) AND NOT (${keysDiffer}) BEGIN
  ${upsertCounts('new', counts('new', 1).map((c, i) => (i === 0 ? '0' : `${c} + ${counts('old', -1)[i]}`)))}
END;
CREATE TRIGGER deliveries_rollup_rekey AFTER UPDATE OF workspace_id, webhook_id, event_type, created_at ON deliveries
WHEN ${keysDiffer} BEGIN
  ${upsertCounts('old', counts('old', -1))}
  ${dropEmptyCounts('old')}
  ${upsertCounts('new', counts('new', 1))}
  ${upsertDurations(attemptsOf('old'), -1)}
  ${dropEmptyDurations('old')}
  ${upsertDurations(attemptsOf('new'), 1)}
END;
-- BEFORE: the attempts are still there (the cascade deletes them after the row).
CREATE TRIGGER deliveries_rollup_delete BEFORE DELETE ON deliveries BEGIN
  ${upsertCounts('old', counts('old', -1))}
  ${dropEmptyCounts('old')}
  ${upsertDurations(attemptsOf('old'), -1)}
  ${dropEmptyDurations('old')}
END;

CREATE TRIGGER attempts_rollup_insert AFTER INSERT ON attempts WHEN new.duration_ms IS NOT NULL BEGIN
  ${upsertDurations(oneAttempt('new'), 1)}
END;
CREATE TRIGGER attempts_rollup_update AFTER UPDATE OF duration_ms, delivery_id ON attempts
WHEN old.duration_ms IS NOT new.duration_ms OR old.delivery_id IS NOT new.delivery_id BEGIN
  ${upsertDurations(oneAttempt('old'), -1)}
  DELETE FROM duration_rollup WHERE n = 0 AND (${ROLLUP_KEY}) IN (
    SELECT workspace_id, ${hourOf('deliveries')}, webhook_id, event_type FROM deliveries WHERE id = old.delivery_id);
  ${upsertDurations(oneAttempt('new'), 1)}
END;
-- Deleted with their delivery, an attempt finds no delivery here: the delivery's trigger counted it.
CREATE TRIGGER attempts_rollup_delete AFTER DELETE ON attempts WHEN old.duration_ms IS NOT NULL BEGIN
  ${upsertDurations(oneAttempt('old'), -1)}
  DELETE FROM duration_rollup WHERE n = 0 AND (${ROLLUP_KEY}) IN (
    SELECT workspace_id, ${hourOf('deliveries')}, webhook_id, event_type FROM deliveries WHERE id = old.delivery_id);
END;
`;

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

-- Every list is ordered (created_at DESC, id DESC) and paged on it. 001's (workspace_id, created_at)
-- and (webhook_id, created_at) serve the unfiltered and per-webhook lists (ties on created_at are
-- few and sorted on the fly); these add the other filters.
CREATE INDEX deliveries_ws_status_time ON deliveries (workspace_id, status, created_at, id);
CREATE INDEX deliveries_ws_type_time ON deliveries (workspace_id, event_type, created_at, id);
CREATE INDEX deliveries_ws_code_time ON deliveries (workspace_id, last_status_code, created_at, id);
-- Durations of a delivery's attempts without touching the attempt rows (statistics).
CREATE INDEX attempts_duration ON attempts (delivery_id, duration_ms);

-- 002's (workspace_id, received_at) and (inbox_id, received_at) serve the plain and per-inbox lists.
CREATE INDEX requests_ws_valid_time ON requests (workspace_id, valid, received_at, id);
CREATE INDEX requests_ws_status_time ON requests (workspace_id, response_status, received_at, id);
${rollups}`;
