/**
 * The document as text: parsed with `yaml` (which reads JSON too), kept with its syntax tree so
 * an error can name the line and column of the member it is about — following `$ref`s to the
 * place the member is written.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { HookbenchError } from '../../../api/errors';
import { pointerSegments } from './jsonPointer';
import type { DocPath } from './types';

export interface SourceDocument {
  /** The document as plain JSON values. */
  root: unknown;
  /** A `validation` error on field `document`: `<path> (line N, column M): <message>`. */
  fail(path: DocPath, message: string, opts?: { atKey?: boolean }): HookbenchError;
  /** `path` as written in the document (through `$ref`s), with its line and column. */
  locate(path: DocPath, opts?: { atKey?: boolean }): { path: DocPath; line: number; column: number };
}

/** Most `$ref` hops followed to place one error (a chain longer than this is a loop). */
const MAX_REF_HOPS = 50;

export function readSource(text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, column } = position(syntax.pos[0]);
    throw documentError([], line, column, `not valid YAML or JSON: ${syntax.message.split('\n')[0]}`);
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw documentError([], 1, 1, `not valid YAML or JSON: ${(e as Error).message}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    throw documentError([], 1, 1, 'not an OpenAPI or AsyncAPI document: its top level is not an object');

  const locate: SourceDocument['locate'] = (path, opts) => {
    const found = walk(doc, path, opts?.atKey ?? false);
    const offset = found.node?.range?.[0] ?? 0;
    return { path: found.path, ...position(offset) };
  };
  return {
    root,
    locate,
    fail(path, message, opts) {
      const at = locate(path, opts);
      return documentError(at.path, at.line, at.column, message);
    },
  };
}

export function documentError(path: DocPath, line: number, column: number, message: string): HookbenchError {
  return new HookbenchError('validation', `${pathText(path)} (line ${line}, column ${column}): ${message}`, 'document');
}

/** `webhooks["user.created"].post.requestBody`; the root is `document`. */
export function pathText(path: DocPath): string {
  if (path.length === 0) return 'document';
  return path
    .map((seg, i) => {
      if (typeof seg === 'number') return `[${seg}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(seg)) return i === 0 ? seg : `.${seg}`;
      return `[${JSON.stringify(seg)}]`;
    })
    .join('');
}

/**
 * The deepest node on `path`, and the path it is written at. A map holding an internal `$ref`
 * that lacks the next key is followed to its target; an external one stops the walk on it.
 */
function walk(
  doc: Document,
  path: DocPath,
  atKey: boolean,
  budget = { hops: MAX_REF_HOPS },
): { node: Node | null; path: DocPath; complete: boolean } {
  let node: Node | null = doc.contents as Node | null;
  let written: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    node = deref(doc, node);
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair) {
        written.push(seg);
        node = last && atKey ? (pair.key as Node) : ((pair.value as Node | null) ?? (pair.key as Node));
        continue;
      }
      const ref = node.items.find((p) => isScalar(p.key) && p.key.value === '$ref');
      const target = ref && isScalar(ref.value) ? ref.value.value : undefined;
      if (typeof target === 'string' && target.startsWith('#') && budget.hops-- > 0) {
        const to = walk(doc, pointerSegments(target), false, budget);
        if (to.node && to.complete) {
          node = to.node;
          written = [...to.path];
          i--; // look for the same key in the target
          continue;
        }
      }
      if (ref) return { node: (ref.value as Node | null) ?? node, path: [...written, '$ref'], complete: false };
      return { node, path: written, complete: false };
    }
    const index = Number(seg);
    if (isSeq(node) && /^\d+$/.test(String(seg)) && node.items[index] !== undefined) {
      written.push(index);
      node = node.items[index] as Node;
      continue;
    }
    return { node, path: written, complete: false };
  }
  return { node, path: written, complete: true };
}

function deref(doc: Document, node: Node | null): Node | null {
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? node) : node;
}
