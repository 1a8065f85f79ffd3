/** The opaque keyset cursor of the log lists: the (time, id) of the last row of a page. */
import { validationError } from '../../api/errors';

export interface Keyset {
  t: number;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.t, k.id])).toString('base64url');
}

/** Throws a validation error (field `cursor`) for anything `encodeCursor` did not make. */
export function decodeCursor(cursor: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== 'string'
  ) {
    throw validationError(
      'cursor',
      'cursor is not one this list gave out; pass the nextCursor of the previous page unchanged',
    );
  }
  return { t: parsed[0] as number, id: parsed[1] as string };
}
