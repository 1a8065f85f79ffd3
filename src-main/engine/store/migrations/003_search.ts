/**
 * The logs: free-text search and the indexes behind filtered, keyset-paged lists.
 *
 * The FTS5 tables are contentless (`content=''`, `contentless_delete=1`): the text lives once,
 * in `events.body` / `requests.body`, and the index is keyed by the source table's rowid. Writes
 * only queue rowids (triggers); a text search indexes the queue first (see searchIndex()).
 * The default unicode61 tokenizer splits JSON on punctuation, so keys, values and the parts of
 * ids (`usr_123` → `usr`, `123`) are words; queries are phrases, so `usr_123` still matches as a
 * whole (see logs/ftsQuery.ts). If a VACUUM ever renumbers rowids, `rebuildSearchIndex()`
 * (logs/searchIndex.ts) rebuilds both tables.
 *
 * Statistics read roll-ups (delivery_rollup per hour, delivery_rollup_day, duration_rollup) that
 * triggers keep exact on every insert, status change and delete, so a 30-day chart never scans a
 * million rows. They are filled from the rows already there when the migration runs.
 */
import type { DeliveryStatus } from '../../../api/schemas';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Attempt durations are counted in buckets: exact below 100 ms, then 2 % wide (so a p95 read
 * back from them is within 1.5 %). logs/durationPercentile.ts turns a bucket back into milliseconds.
 */
export const durationBucket = (ms: string) =>
  `(CASE WHEN ${ms} < 100 THEN max(${ms}, 0) ELSE 100 + CAST(ln(${ms} / 100.0) / ln(1.02) AS INTEGER) END)`;

/**
 * Contentless, keyed by rowid; prefix indexes for 2- and 3-character prefixes, so a short last
 * word typed so far ("com" of an e-mail address) reads one list instead of merging every word
 * that starts with it.
 */
const FTS_OPTIONS = "content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'";

/**
 * A text index over `table`, filled lazily: a write only queues the row's rowid in
 * `<fts>_pending` (one small append — indexing in the write's own transaction costs FTS5 a new
 * segment per transaction, ~150 µs a fired event), and a text search first indexes the queue in
 * one transaction (logs/searchIndex.ts). Deleting a row removes it from both.
 */
function searchIndex(
  table: string,
  fts: string,
  columns: string,
  values: string,
  watched: string,
  queuedBy: 'trigger' | 'writer',
): string {
  const queue =
    queuedBy === 'writer'
      ? ''
      : `
CREATE TRIGGER ${fts}_queue AFTER INSERT ON ${table} BEGIN
  INSERT OR IGNORE INTO ${fts}_pending (rowid) VALUES (new.rowid);
END;`;
  return `
CREATE VIRTUAL TABLE ${fts} USING fts5(${columns}, ${FTS_OPTIONS});
CREATE TABLE ${fts}_pending (rowid INTEGER PRIMARY KEY);
INSERT INTO ${fts} (rowid, ${columns}) SELECT rowid, ${values} FROM ${table};${queue}
CREATE TRIGGER ${fts}_requeue AFTER UPDATE OF ${watched} ON ${table} BEGIN
  DELETE FROM ${fts} WHERE rowid = old.rowid;
  INSERT OR IGNORE INTO ${fts}_pending (rowid) VALUES (new.rowid);
END;
CREATE TRIGGER ${fts}_forget AFTER DELETE ON ${table} BEGIN
  DELETE FROM ${fts} WHERE rowid = old.rowid;
  DELETE FROM ${fts}_pending WHERE rowid = old.rowid;
END;`;
}

export const REQUEST_BODY_INDEXED_BYTES = 1024 * 1024;

/** Text of a request body for the index: bodies with a NUL byte are binary and skipped; big ones are cut. */
const requestBodyText = (ref: string) =>
  `CASE WHEN instr(${ref}.body, x'00') = 0 THEN CAST(substr(${ref}.body, 1, ${REQUEST_BODY_INDEXED_BYTES}) AS TEXT) ELSE '' END`;
const requestPathText = (ref: string) =>
  `${ref}.path || CASE WHEN ${ref}.query = '' THEN '' ELSE '?' || ${ref}.query END`;

/**
 * What the text indexes hold for a row of `table` (the migration's first fill and every later sync).
 * `queuedBy`: who queues a new row's rowid. A trigger, except for `requests`: there the only
 * writer (RequestsRepo.writeBatch) queues its rows itself, because an AFTER INSERT trigger makes
 * every request INSERT a multi-write statement, which SQLite covers with a statement journal —
 * spilled to a temp file, ~4 extra pwrites and ~10 µs of CPU per received request.
 */
export const SEARCH_INDEXES = [
  { table: 'events', fts: 'events_fts', columns: 'body', values: 'events.body', watched: 'body', queuedBy: 'trigger' },
  {
    table: 'requests',
    fts: 'requests_fts',
    columns: 'path, body',
    values: `${requestPathText('requests')}, ${requestBodyText('requests')}`,
    watched: 'path, query, body',
    queuedBy: 'writer',
  },
] as const;

const hourOf = (ref: string) => `${ref}.created_at - ${ref}.created_at % ${HOUR_MS}`;
/** The counts of a roll-up row, in order (store/rollupTally.ts adds to them per batch). */
export const ROLLUP_COLUMNS = [
  'total',
  'succeeded',
  'failed',
  'in_progress',
  'finished_attempts',
  'timed_attempts',
  'duration_ms',
] as const;

/** Which delivery statuses count as succeeded, failed, in progress, and finished (their attempts counted). */
export const ROLLUP_STATUSES = {
  succeeded: ['success'],
  failed: ['failed'],
  inProgress: ['pending', 'sending', 'retrying'],
  finished: ['success', 'failed'],
} as const satisfies Record<string, readonly DeliveryStatus[]>;
const statusIn = (ref: string, statuses: readonly string[]) =>
  statuses.length === 1
    ? `${ref}.status = '${statuses[0]}'`
    : `${ref}.status IN (${statuses.map((s) => `'${s}'`).join(', ')})`;
export const DURATION_KEY = 'workspace_id, bucket, hour, webhook_id, event_type';

/** The counts are rolled up twice: per hour (exact edges, hourly series) and per UTC day (long ranges). */
export const COUNT_ROLLUPS = [
  { table: 'delivery_rollup', column: 'hour', unitMs: HOUR_MS },
  { table: 'delivery_rollup_day', column: 'day', unitMs: DAY_MS },
] as const;

/** A delivery's own part of its roll-up rows (attempt columns zero), times `sign`. */
const deliveryPart = (ref: string, sign: 1 | -1) => [
  `${sign}`,
  `${sign} * (${statusIn(ref, ROLLUP_STATUSES.succeeded)})`,
  `${sign} * (${statusIn(ref, ROLLUP_STATUSES.failed)})`,
  `${sign} * (${statusIn(ref, ROLLUP_STATUSES.inProgress)})`,
  `${sign} * (CASE WHEN ${statusIn(ref, ROLLUP_STATUSES.finished)} THEN ${ref}.attempt_count ELSE 0 END)`,
  '0',
  '0',
];

/** The same with its timed attempts (count, summed ms) added in. */
const wholeDelivery = (ref: string, sign: 1 | -1) => [
  ...deliveryPart(ref, sign).slice(0, 5),
  `${sign} * (SELECT count(*) FROM attempts WHERE delivery_id = ${ref}.id AND duration_ms IS NOT NULL)`,
  `${sign} * (SELECT coalesce(sum(duration_ms), 0) FROM attempts WHERE delivery_id = ${ref}.id)`,
];

/** Adds `values` to the roll-up rows of delivery `d` (a row reference, or an alias `from` provides). */
const addToRollup = (d: string, values: string[], from = '') =>
  COUNT_ROLLUPS.map((r) => {
    const key = `workspace_id, ${r.column}, webhook_id, event_type`;
    return `
  INSERT INTO ${r.table} (${key}, ${ROLLUP_COLUMNS.join(', ')})
  SELECT ${d}.workspace_id, ${d}.created_at - ${d}.created_at % ${r.unitMs}, ${d}.webhook_id, ${d}.event_type, ${values.join(', ')} ${from || 'WHERE 1'}
  ON CONFLICT (${key}) DO UPDATE SET ${ROLLUP_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
  }).join('');

const dropEmptyRollup = (d: string) =>
  COUNT_ROLLUPS.map(
    (r) => `
  DELETE FROM ${r.table} WHERE workspace_id = ${d}.workspace_id AND ${r.column} = ${d}.created_at - ${d}.created_at % ${r.unitMs}
    AND webhook_id = ${d}.webhook_id AND event_type = ${d}.event_type AND total = 0;`,
  ).join('');

/** Adds (sign 1) or removes (-1) attempt durations; `source` names the delivery `d` and yields `ms`. */
const addDurations = (source: string, sign: 1 | -1) => `
  INSERT INTO duration_rollup (${DURATION_KEY}, n)
  SELECT d.workspace_id, ${durationBucket('ms')}, ${hourOf('d')}, d.webhook_id, d.event_type, ${sign} * count(*)
  FROM ${source} GROUP BY 2
  ON CONFLICT (${DURATION_KEY}) DO UPDATE SET n = n + excluded.n;`;

const dropEmptyDurations = (source: string) => `
  DELETE FROM duration_rollup WHERE n = 0 AND (${DURATION_KEY}) IN (
    SELECT d.workspace_id, ${durationBucket('ms')}, ${hourOf('d')}, d.webhook_id, d.event_type FROM ${source});`;

/** Delivery row `ref` as a one-row table `d`, with each of its timed attempts as `ms`. */
const attemptsOfRow = (ref: string) => `
  (SELECT ${ref}.workspace_id AS workspace_id, ${ref}.created_at AS created_at, ${ref}.webhook_id AS webhook_id, ${ref}.event_type AS event_type) d
  CROSS JOIN (SELECT duration_ms AS ms FROM attempts WHERE delivery_id = ${ref}.id AND duration_ms IS NOT NULL) WHERE 1`;
/** Attempt row `ref` (if timed) with its delivery as `d`. */
const oneAttempt = (ref: string) =>
  `deliveries d CROSS JOIN (SELECT ${ref}.duration_ms AS ms) WHERE d.id = ${ref}.delivery_id AND ${ref}.duration_ms IS NOT NULL`;
const attemptPart = (ref: string, sign: 1 | -1) => ['0', '0', '0', '0', '0', `${sign}`, `${sign} * ${ref}.duration_ms`];

/** New part − old part of a delivery whose status or attempt count changed (the total stays). */
const statusDelta = deliveryPart('new', 1).map((c, i) => (i === 0 ? '0' : `(${c} + ${deliveryPart('old', -1)[i]})`));

const keysDiffer = `old.workspace_id IS NOT new.workspace_id OR old.webhook_id IS NOT new.webhook_id
  OR old.event_type IS NOT new.event_type OR old.created_at IS NOT new.created_at`;

/** Fills a counts roll-up table from the deliveries there (the migration; store/rollupTally.ts's recount). */
export const countFill = (
  r: (typeof COUNT_ROLLUPS)[number],
) => `INSERT INTO ${r.table} (workspace_id, ${r.column}, webhook_id, event_type, ${ROLLUP_COLUMNS.join(', ')})
SELECT d.workspace_id, d.created_at - d.created_at % ${r.unitMs}, d.webhook_id, d.event_type,
  ${deliveryPart('d', 1)
    .slice(0, 5)
    .map((c) => `sum(${c})`)
    .join(', ')}, coalesce(sum(a.n), 0), coalesce(sum(a.ms), 0)
FROM deliveries d LEFT JOIN (SELECT delivery_id, count(*) AS n, sum(duration_ms) AS ms FROM attempts WHERE duration_ms IS NOT NULL GROUP BY delivery_id) a
  ON a.delivery_id = d.id
GROUP BY 1, 2, 3, 4;`;

/** Fills the duration histogram from the attempts there. */
export const durationFill = `INSERT INTO duration_rollup (${DURATION_KEY}, n)
SELECT d.workspace_id, ${durationBucket('a.duration_ms')}, ${hourOf('d')}, d.webhook_id, d.event_type, count(*)
FROM deliveries d JOIN attempts a ON a.delivery_id = d.id WHERE a.duration_ms IS NOT NULL GROUP BY 1, 2, 3, 4, 5;`;

/** A counts roll-up table, filled from the deliveries already there. */
const countTable = (r: (typeof COUNT_ROLLUPS)[number]) => `
CREATE TABLE ${r.table} (
  workspace_id TEXT NOT NULL,
  ${r.column} INTEGER NOT NULL,${' '.repeat(Math.max(1, 17 - r.column.length))}-- start of the UTC ${r.column} of created_at (ms)
  webhook_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  total INTEGER NOT NULL,
  succeeded INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  in_progress INTEGER NOT NULL,          -- pending, sending, retrying
  finished_attempts INTEGER NOT NULL,    -- attempt_count summed over succeeded and failed deliveries
  timed_attempts INTEGER NOT NULL,       -- attempts with a duration
  duration_ms INTEGER NOT NULL,          -- their durations summed
  PRIMARY KEY (workspace_id, ${r.column}, webhook_id, event_type)
) WITHOUT ROWID;
${countFill(r)}
`;

/**
 * Roll-ups for the statistics, exact under every write (triggers): per (workspace, hour — and
 * day — of created_at, webhook, event type) the delivery counts and the attempts' count and
 * summed duration; and an hourly histogram of attempt durations, keyed bucket first so that a
 * percentile is found by walking down from the slowest bucket (logs/durationPercentile.ts).
 */
const rollups = `
${COUNT_ROLLUPS.map(countTable).join('')}
CREATE TABLE duration_rollup (
  workspace_id TEXT NOT NULL,
  bucket INTEGER NOT NULL,               -- see durationBucket()
  hour INTEGER NOT NULL,                 -- the hour of the delivery's created_at
  webhook_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (${DURATION_KEY})
) WITHOUT ROWID;
${durationFill}

CREATE TRIGGER deliveries_rollup_insert AFTER INSERT ON deliveries BEGIN
  ${addToRollup('new', deliveryPart('new', 1))}
END;
-- Only when the delivery's part changes: a claim (pending → sending) or a retry scheduled
-- (sending → retrying) leaves every count as it was.
CREATE TRIGGER deliveries_rollup_status AFTER UPDATE OF status, attempt_count ON deliveries
WHEN (${statusDelta
  .slice(1)
  .map((d) => `${d} <> 0`)
  .join(' OR ')}) AND NOT (${keysDiffer}) BEGIN
  ${addToRollup('new', statusDelta)}
END;
-- Nothing changes these today; if something ever does, the roll-ups follow.
CREATE TRIGGER deliveries_rollup_rekey AFTER UPDATE OF workspace_id, webhook_id, event_type, created_at ON deliveries
WHEN ${keysDiffer} BEGIN
  ${addToRollup('old', wholeDelivery('old', -1))}
  ${dropEmptyRollup('old')}
  ${addToRollup('new', wholeDelivery('new', 1))}
  ${addDurations(attemptsOfRow('old'), -1)}
  ${dropEmptyDurations(attemptsOfRow('old'))}
  ${addDurations(attemptsOfRow('new'), 1)}
END;
-- BEFORE: its attempts are still there (the cascade deletes them after the row).
CREATE TRIGGER deliveries_rollup_delete BEFORE DELETE ON deliveries BEGIN
  ${addToRollup('old', wholeDelivery('old', -1))}
  ${dropEmptyRollup('old')}
  ${addDurations(attemptsOfRow('old'), -1)}
  ${dropEmptyDurations(attemptsOfRow('old'))}
END;

CREATE TRIGGER attempts_rollup_insert AFTER INSERT ON attempts WHEN new.duration_ms IS NOT NULL BEGIN
  ${addToRollup('d', attemptPart('new', 1), `FROM ${oneAttempt('new')}`)}
  ${addDurations(oneAttempt('new'), 1)}
END;
CREATE TRIGGER attempts_rollup_update AFTER UPDATE OF duration_ms, delivery_id ON attempts
WHEN old.duration_ms IS NOT new.duration_ms OR old.delivery_id IS NOT new.delivery_id BEGIN
  ${addToRollup('d', attemptPart('old', -1), `FROM ${oneAttempt('old')}`)}
  ${addDurations(oneAttempt('old'), -1)}
  ${dropEmptyDurations(oneAttempt('old'))}
  ${addToRollup('d', attemptPart('new', 1), `FROM ${oneAttempt('new')}`)}
  ${addDurations(oneAttempt('new'), 1)}
END;
-- Deleted with its delivery, an attempt finds no delivery here: the delivery's trigger took it out.
CREATE TRIGGER attempts_rollup_delete AFTER DELETE ON attempts WHEN old.duration_ms IS NOT NULL BEGIN
  ${addToRollup('d', attemptPart('old', -1), `FROM ${oneAttempt('old')}`)}
  ${addDurations(oneAttempt('old'), -1)}
  ${dropEmptyDurations(oneAttempt('old'))}
END;
`;

export const up = `
${SEARCH_INDEXES.map((i) => searchIndex(i.table, i.fts, i.columns, i.values, i.watched, i.queuedBy)).join('\n')}
-- Every list is ordered (created_at DESC, id DESC) and paged on it. 001's (workspace_id, created_at)
-- and (webhook_id, created_at) serve the unfiltered and per-webhook lists (ties on created_at are
-- few and sorted on the fly); these add the other filters.
CREATE INDEX deliveries_ws_status_time ON deliveries (workspace_id, status, created_at, id);
CREATE INDEX deliveries_ws_type_time ON deliveries (workspace_id, event_type, created_at, id);
CREATE INDEX deliveries_ws_code_time ON deliveries (workspace_id, last_status_code, created_at, id);

-- 002's (workspace_id, received_at) and (inbox_id, received_at) serve the plain and per-inbox lists.
CREATE INDEX requests_ws_valid_time ON requests (workspace_id, valid, received_at, id);
CREATE INDEX requests_ws_status_time ON requests (workspace_id, response_status, received_at, id);
${rollups}`;
