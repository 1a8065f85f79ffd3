/**
 * Inboxes can answer invalid signatures with an error status (`reject_invalid_status`), and a
 * request's message id records how it was carried (`dedupe_via`): a duplicate is an id seen
 * before carried the same way. Requests stored before are classified from what they hold: an
 * id the verification read or an id header is 'header'; otherwise the key came from the body,
 * which counts ('body') only when the signature verified — an unverified body id keeps no way
 * (NULL: never a duplicate), and the duplicate flags it alone caused are cleared.
 */

/** The id headers of the scheme table when this migration was written (lower case): a migration is never edited. */
const ID_HEADERS = ['webhook-id', 'svix-id', 'x-github-delivery', 'x-shopify-webhook-id', 'x-webhook-delivery'];

const EARLIER_WITH_KEY = `SELECT 1 FROM requests e WHERE e.inbox_id = requests.inbox_id
  AND e.dedupe_key = requests.dedupe_key AND e.rowid < requests.rowid`;

export const up = `
ALTER TABLE inboxes ADD COLUMN reject_invalid_status INTEGER;   -- NULL: the response rule answers every request
ALTER TABLE requests ADD COLUMN dedupe_via TEXT;                -- 'header' | 'body'; NULL when there is no dedupe_key

UPDATE requests SET dedupe_via = 'header'
  WHERE dedupe_key IS NOT NULL AND (
    json_extract(verdict, '$.id') IS NOT NULL
    OR EXISTS (SELECT 1 FROM json_each(requests.headers) h
      WHERE lower(json_extract(h.value, '$[0]')) IN (${ID_HEADERS.map((h) => `'${h}'`).join(', ')})
        AND json_extract(h.value, '$[1]') = requests.dedupe_key));
UPDATE requests SET dedupe_via = 'body' WHERE dedupe_key IS NOT NULL AND dedupe_via IS NULL AND valid = 1;

-- Flags that only an unverified body id explains: on that request itself, or on a later one whose
-- earlier requests with its id all carried it another way. (With no earlier one left, retention
-- removed it: the flag stays.)
UPDATE requests SET duplicate = 0
  WHERE duplicate = 1 AND dedupe_key IS NOT NULL AND (
    dedupe_via IS NULL
    OR (EXISTS (${EARLIER_WITH_KEY}) AND NOT EXISTS (${EARLIER_WITH_KEY} AND e.dedupe_via = requests.dedupe_via)));
`;
