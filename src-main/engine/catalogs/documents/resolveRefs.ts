/**
 * The document with its `$ref`s resolved by @apidevtools/json-schema-ref-parser. Every reference
 * is checked first, so a bad one is reported where it is written: an internal one must point at
 * something; one to another file is followed only when the import gives a base folder (a file
 * import on this machine — text sent to the server never makes Hookbench read a path); a URL is
 * never fetched. A circular reference is left as a `$ref` (`selfContained.ts` turns it into the
 * schema's own `$defs`).
 */
import { existsSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import type { SourceDocument } from './sourceDocument';
import { walkPointer } from './jsonPointer';
import { isPlainObject } from './localRefs';
import type { DocPath } from './types';

interface FoundRef {
  at: DocPath;
  ref: string;
}

/** How long resolving may take before the import gives up (a safety net; see MAX_DOCUMENT_EXPANSION). */
const RESOLVE_TIMEOUT_MS = 10_000;

/**
 * Most JSON values the whole document may hold with its references inlined. Ten references to
 * ten references to … grow without bound; such a document is refused before it is resolved.
 */
export const MAX_DOCUMENT_EXPANSION = 1_000_000;

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * `doc` (with schema-local refs already hidden, see localRefs.ts) with every other `$ref`
 * replaced by what it points at. Mutates and returns `doc`.
 */
export async function resolveRefs(
  doc: Record<string, unknown>,
  source: SourceDocument,
  baseDir?: string,
): Promise<Record<string, unknown>> {
  const refs: FoundRef[] = [];
  collectRefs(doc, [], refs);
  const external: FoundRef[] = [];
  for (const r of refs) {
    const at = [...r.at, '$ref'];
    if (r.ref === '') {
      throw source.fail(at, '$ref is empty');
    } else if (r.ref.startsWith('#')) {
      const found = walkPointer(doc, r.ref);
      if ('missing' in found)
        throw source.fail(at, `$ref ${JSON.stringify(r.ref)} points at nothing: ${found.missing}`);
      if (loopsWithoutSchema(doc, r.ref))
        throw source.fail(
          at,
          `$ref ${JSON.stringify(r.ref)} leads through $refs back to itself without reaching a schema`,
        );
    } else if (URL_SCHEME.test(r.ref) && !/^[a-z]:[\\/]/i.test(r.ref)) {
      throw source.fail(
        at,
        `$ref ${JSON.stringify(r.ref)} is a URL; Hookbench never fetches references over the network`,
      );
    } else if (baseDir === undefined) {
      throw source.fail(
        at,
        `$ref ${JSON.stringify(r.ref)} points into another file; references to other files are followed only when ` +
          'a document is imported from a file on this machine',
      );
    } else {
      const file = resolvePath(baseDir, decodeURIComponent(r.ref.split('#')[0]!));
      if (!existsSync(file))
        throw source.fail(at, `$ref ${JSON.stringify(r.ref)} points at ${file}, which does not exist`);
      external.push(r);
    }
  }
  const noNetwork = { http: false } as const;
  let whole: Record<string, unknown> = doc;
  if (external.length > 0) {
    try {
      // Inlines the other files, leaving only internal references (circular ones included).
      whole = (await $RefParser.bundle(join(baseDir!, '(document)'), doc, {
        resolve: { ...noNetwork, external: true },
        parse: { text: false, binary: false },
        timeoutMs: RESOLVE_TIMEOUT_MS,
      })) as Record<string, unknown>;
    } catch (e) {
      const source_ = (e as { source?: string }).source;
      const culprit =
        external.find((r) => source_ && resolvePath(baseDir!, r.ref.split('#')[0]!) === source_) ?? external[0]!;
      const network = /https?:\/\//i.test((e as Error).message)
        ? ' (Hookbench never fetches references over the network)'
        : '';
      throw source.fail(
        [...culprit.at, '$ref'],
        `$ref ${JSON.stringify(culprit.ref)} cannot be read: ${(e as Error).message}${network}`,
      );
    }
  }
  if (expandedSize(whole) > MAX_DOCUMENT_EXPANSION)
    throw source.fail(
      [],
      `the document expands to more than ${MAX_DOCUMENT_EXPANSION} values once its $refs are resolved`,
    );
  try {
    return (await $RefParser.dereference(whole, {
      resolve: { ...noNetwork, external: false, file: false },
      dereference: { circular: 'ignore' },
      timeoutMs: RESOLVE_TIMEOUT_MS,
    })) as Record<string, unknown>;
  } catch (e) {
    throw source.fail([], `its $refs cannot be resolved: ${(e as Error).message}`);
  }
}

function collectRefs(value: unknown, at: DocPath, out: FoundRef[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectRefs(v, [...at, i], out));
    return;
  }
  if (!isPlainObject(value)) return;
  if (typeof value.$ref === 'string') out.push({ at, ref: value.$ref });
  for (const [k, v] of Object.entries(value)) collectRefs(v, [...at, k], out);
}

/** How many JSON values `doc` holds with its internal references inlined (a circular one counts once). */
function expandedSize(doc: unknown): number {
  const byPointer = new Map<string, number>();
  const walking = new Set<string>();
  const size = (v: unknown): number => {
    if (Array.isArray(v)) return v.reduce((n: number, c) => n + size(c), 1);
    if (!isPlainObject(v)) return 1;
    if (typeof v.$ref === 'string' && v.$ref.startsWith('#')) {
      const known = byPointer.get(v.$ref);
      if (known !== undefined) return known;
      if (walking.has(v.$ref)) return 1;
      walking.add(v.$ref);
      const found = walkPointer(doc, v.$ref);
      const n = 'value' in found ? Math.min(size(found.value), MAX_DOCUMENT_EXPANSION + 1) : 1;
      walking.delete(v.$ref);
      byPointer.set(v.$ref, n);
      return n;
    }
    let n = 1;
    for (const child of Object.values(v)) if ((n += size(child)) > MAX_DOCUMENT_EXPANSION) return n;
    return n;
  };
  return size(doc);
}

/** True when following `ref` meets only references, and comes back to one already met. */
function loopsWithoutSchema(doc: unknown, ref: string): boolean {
  const seen = new Set<string>();
  let next: string | undefined = ref;
  while (next !== undefined && next.startsWith('#')) {
    if (seen.has(next)) return true;
    seen.add(next);
    const found = walkPointer(doc, next);
    next =
      'value' in found && isPlainObject(found.value) && typeof found.value.$ref === 'string'
        ? found.value.$ref
        : undefined;
  }
  return false;
}
