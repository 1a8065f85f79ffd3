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

-- 'header' | 'body'; NULL when the key is an unverified body id. Rows stored before read 'header'
-- through the column default, so adding it rewrites no row (a requests row holds its body); a row
-- without a key never matches a key and reads back as null (requestsRepo). Inserts always set it.
ALTER TABLE requests ADD COLUMN dedupe_via TEXT DEFAULT 'header';

-- Only keys that came from the body change: 'body' when the signature verified, else NULL.
UPDATE requests SET dedupe_via = CASE WHEN valid = 1 THEN 'body' ELSE NULL END
  WHERE dedupe_key IS NOT NULL
    AND json_extract(verdict, '$.id') IS NULL
    AND NOT EXISTS (SELECT 1 FROM json_each(requests.headers) h
      WHERE lower(json_extract(h.value, '$[0]')) IN (${ID_HEADERS.map((h) => `'${h}'`).join(', ')})
        AND json_extract(h.value, '$[1]') = requests.dedupe_key);

-- Flags that only an unverified body id explains: on that request itself, or on a later one whose
-- earlier requests with its id all carried it another way. (With no earlier one left, retention
-- removed it: the flag stays.)
UPDATE requests SET duplicate = 0
  WHERE duplicate = 1 AND dedupe_key IS NOT NULL AND (
    dedupe_via IS NULL
    OR (EXISTS (${EARLIER_WITH_KEY}) AND NOT EXISTS (${EARLIER_WITH_KEY} AND e.dedupe_via = requests.dedupe_via)));
`;
