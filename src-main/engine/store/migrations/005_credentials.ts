/**
 * Credentials in webhook targets are sealed at rest (secrets/storeCredentials.ts): the webhooks
 * row keeps its URL without userinfo and its extra headers with credential values replaced; the
 * userinfo and those values live sealed in `credentials`. Sealing needs the secret box, so it
 * runs when the store opens, not here; what this migration adds is the columns, and a to-do row
 * for the one-off pass that redacts the attempts an older Hookbench recorded in plain.
 */
export const up = `
ALTER TABLE webhooks ADD COLUMN secret_headers TEXT NOT NULL DEFAULT '[]'; -- JSON array of lower-case header names marked secret
ALTER TABLE webhooks ADD COLUMN credentials TEXT;                          -- sealed JSON { userinfo?, headers? }; NULL when none

-- One-off data passes that need code (not SQL) and run when the store opens; a row is deleted when its pass is done.
CREATE TABLE pending_scrubs (name TEXT PRIMARY KEY);
INSERT INTO pending_scrubs (name) SELECT 'attempt-credentials' WHERE EXISTS (SELECT 1 FROM attempts);
`;
