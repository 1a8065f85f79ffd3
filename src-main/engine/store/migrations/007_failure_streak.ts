/**
 * When a webhook's failure streak began, so that auto-disable can wait for a streak that has
 * lasted (settings `alerts.disableAfterMinutes`). A streak in progress is taken to have begun
 * at its last failure: the webhook is not disabled by the upgrade itself.
 */
export const up = `
ALTER TABLE webhooks ADD COLUMN failing_since INTEGER;
UPDATE webhooks SET failing_since = last_failure_at WHERE consecutive_failures > 0;
`;
