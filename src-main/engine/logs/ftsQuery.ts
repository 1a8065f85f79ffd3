/** Free text: the MATCH expression, and the membership test of a list walk. */
import type { Db } from '../store/database';
import { cond, type Condition } from './keysetList';
import { prepared } from './statementCache';

/**
 * Free text → an FTS5 MATCH expression. Each whitespace-separated word becomes a quoted phrase,
 * so the tokenizer splits it exactly as it split the indexed JSON (`a@b.com` → "a b com",
 * `usr_123` → "usr 123"), and the words are ANDed. The last word is a prefix (as you type),
 * unless it ends in a single character (a one-letter prefix would match nearly every word).
 * Nothing the user types can be FTS5 syntax. Returns null when no word has a letter or digit.
 */
export function toFtsMatch(text: string | undefined): string | null {
  if (text === undefined) return null;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  const lastToken = /[\p{L}\p{N}]+(?=[^\p{L}\p{N}]*$)/u.exec(words[words.length - 1]!)![0];
  const prefix = [...lastToken].length >= 2;
  return words.map((w, i) => `"${w.replaceAll('"', '""')}"${prefix && i === words.length - 1 ? ' *' : ''}`).join(' ');
}

/** Matches counted into the "recent" set of a walk; see matchedSetCondition. */
export const RECENT_MATCHES = 5000;

/**
 * "The row's text matches", for a walk down a list index: `rowidExpr IN (the matching rowids)`.
 * SQLite builds that set once per query, at a cost that grows with the number of matches; a
 * page of a newest-first list needs only the newest of them. So the set is split at the
 * RECENT_MATCHES-th newest match: rows at or above it are checked against that small set, and the
 * set of older matches is built only if the walk reaches an older row (deep pages, old rows).
 */
export function matchedSetCondition(
  db: Db,
  rowidExpr: string,
  table: 'events_fts' | 'requests_fts',
  match: string,
): Condition {
  const edge = prepared(db, `SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`)
    .pluck()
    .get(match, RECENT_MATCHES - 1) as number | undefined;
  const set = (range: string) => `(SELECT rowid FROM ${table} WHERE ${table} MATCH ?${range})`;
  if (edge === undefined) return cond(`${rowidExpr} IN ${set('')}`, match);
  return cond(
    `CASE WHEN ${rowidExpr} >= ? THEN ${rowidExpr} IN ${set(' AND rowid >= ?')} ELSE ${rowidExpr} IN ${set(' AND rowid < ?')} END`,
    edge,
    match,
    edge,
    match,
    edge,
  );
}
