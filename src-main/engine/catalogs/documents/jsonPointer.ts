/** JSON Pointers in `$ref`s (`#/components/schemas/User`), read the way the documents use them. */
import { isPlainObject } from './localRefs';

/**
 * A `#/a/b` pointer's segments (`~1` is `/`, `~0` is `~`; %-escapes decoded, as in a URI
 * fragment, unless `plain`: a bare JSON Pointer such as a payload issue's path).
 */
export function pointerSegments(pointer: string, plain = false): string[] {
  const hash = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (hash === '') return [];
  let decoded = hash;
  if (!plain) {
    try {
      decoded = decodeURIComponent(hash);
    } catch {
      /* not %-encoded: read as written */
    }
  }
  return decoded
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Most `$ref` hops followed while walking one pointer (a longer chain is a loop). */
const MAX_HOPS = 50;

export function hasMember(node: unknown, seg: string): boolean {
  if (Array.isArray(node)) return /^\d+$/.test(seg) && Number(seg) < node.length;
  return isPlainObject(node) && Object.hasOwn(node, seg);
}

/**
 * The value `pointer` reaches in `doc`, following an internal `$ref` met on the way (a map that
 * is a reference, not the member asked for); `{ missing }` says what is not there.
 */
export function walkPointer(doc: unknown, pointer: string, hops = 0): { value: unknown } | { missing: string } {
  let node: unknown = doc;
  const walked: string[] = [];
  for (const seg of pointerSegments(pointer)) {
    if (isPlainObject(node) && !hasMember(node, seg) && typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      if (hops >= MAX_HOPS) return { missing: `${pointer} goes through a loop of $refs` };
      const through = walkPointer(doc, node.$ref, hops + 1);
      if ('missing' in through) return through;
      node = through.value;
    }
    if (!hasMember(node, seg))
      return { missing: `${walked.length ? `#/${walked.join('/')}` : 'the document'} has no ${JSON.stringify(seg)}` };
    node = (node as Record<string, unknown>)[seg];
    walked.push(escapeSegment(seg));
  }
  return { value: node };
}
