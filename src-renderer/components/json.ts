/** JSON helpers for the viewers and the editor. */

export interface JsonParse {
  ok: boolean;
  value?: unknown;
  /** "Unexpected token } at line 3, column 5". */
  error?: string;
}

/** Line and column of a character offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

export function parseJson(text: string): JsonParse {
  if (text.trim() === '') return { ok: false, error: 'empty: a JSON value is required' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    if (at) {
      const { line, col } = lineCol(text, Number(at[1]));
      return {
        ok: false,
        error: `${message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')} at line ${line}, column ${col}`,
      };
    }
    return { ok: false, error: message };
  }
}

/** Pretty-printed JSON when the text is JSON, else null. */
export function prettyJson(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return null;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return null;
  }
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function textToBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
