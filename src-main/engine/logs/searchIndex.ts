/** Rebuilds the free-text indexes from the tables (they are keyed by rowid; a VACUUM may renumber rowids). */
import type { Db } from '../store/database';
import { requestBodyText, requestPathText } from '../store/migrations/003_search';

export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    db.exec(`INSERT INTO events_fts (events_fts) VALUES ('delete-all');
      INSERT INTO events_fts (rowid, body) SELECT rowid, body FROM events;
      INSERT INTO requests_fts (requests_fts) VALUES ('delete-all');
      INSERT INTO requests_fts (rowid, path, body) SELECT rowid, ${requestPathText('requests')}, ${requestBodyText('requests')} FROM requests;`);
  })();
}
