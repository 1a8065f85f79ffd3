/** Inboxes can forward per event type: routes `[{ events, url }]` checked before `forward_to` (JSON, '[]' for none). */
export const up = `
ALTER TABLE inboxes ADD COLUMN forward_routes TEXT NOT NULL DEFAULT '[]';
`;
