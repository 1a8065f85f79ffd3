/**
 * Free text → an FTS5 MATCH expression. Each whitespace-separated word becomes a quoted phrase,
 * so the tokenizer splits it exactly as it split the indexed JSON (`a@b.com` → "a b com",
 * `usr_123` → "usr 123"), and the words are ANDed. The last word is a prefix (as you type).
 * Nothing the user types can be FTS5 syntax. Returns null when no word has a letter or digit.
 */
export function toFtsMatch(text: string | undefined): string | null {
  if (text === undefined) return null;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w.replaceAll('"', '""')}"${i === words.length - 1 ? ' *' : ''}`).join(' ');
}
