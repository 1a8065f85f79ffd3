import * as initial from './001_initial';
import * as receiver from './002_receiver';
import * as search from './003_search';
import * as writePath from './004_write_path';

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
];
