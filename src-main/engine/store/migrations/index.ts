import * as initial from './001_initial';
import * as receiver from './002_receiver';
import * as search from './003_search';
import * as writePath from './004_write_path';
import * as failureStreak from './007_failure_streak';
import * as credentials from './005_credentials';
import * as receiverLimits from './006_receiver_limits';
import * as inboxAnswers from './008_inbox_answers';
import * as forwardRoutes from './009_forward_routes';
import * as catalogs from './010_catalogs';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Applied in order; a version is never edited once released — add a new one instead. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial.up },
  { version: 2, name: 'receiver', up: receiver.up },
  { version: 3, name: 'search', up: search.up },
  { version: 4, name: 'write path', up: writePath.up },
  { version: 5, name: 'credentials', up: credentials.up },
  { version: 6, name: 'receiver limits', up: receiverLimits.up },
  { version: 7, name: 'failure streak', up: failureStreak.up },
  { version: 8, name: 'inbox answers', up: inboxAnswers.up },
  { version: 9, name: 'forward routes', up: forwardRoutes.up },
  { version: 10, name: 'catalogs', up: catalogs.up },
];
