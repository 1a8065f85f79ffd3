/**
 * A schema taken out of its document as plain, self-contained JSON. The resolver has replaced
 * every reference it could; what is left are circular ones (a tree node whose children are tree
 * nodes). Those become the schema's own definitions: a reference back to the schema itself is
 * `#`, any other recursive target is copied once into `$defs` (or `definitions`, for a draft-07
 * schema) and referenced there; everything else is inlined. Schema-local references hidden
 * before resolving (localRefs.ts) are put back as written.
 */
import { HookbenchError } from '../../../api/errors';
import { escapeSegment, pointerSegments, walkPointer } from './jsonPointer';
import { isPlainObject, LOCAL_REF_KEY } from './localRefs';

/** Most JSON values one schema or sample may hold once its references are expanded. */
export const MAX_EXPANDED_NODES = 200_000;

type DefsKey = '$defs' | 'definitions';

export function selfContainedSchema(value: unknown, doc: unknown, defaultDefsKey: DefsKey): unknown {
  const rootPointers = new Set<string>();
  let root = value;
  while (isDocRef(root) && !rootPointers.has(root.$ref)) {
    rootPointers.add(root.$ref);
    const { $ref, ...siblings } = root;
    root = mergeSiblings(targetOf(doc, $ref), siblings);
  }
  const recursive = recursiveTargets(root, doc, rootPointers);
  const defsKey: DefsKey = hasKey(root, '$defs')
    ? '$defs'
    : hasKey(root, 'definitions')
      ? 'definitions'
      : defaultDefsKey;
  const taken = new Set(isPlainObject(root) && isPlainObject(root[defsKey]) ? Object.keys(root[defsKey]) : []);
  const names = new Map<string, string>();
  const defs: Record<string, unknown> = {};
  let count = 0;

  const defName = (pointer: string): string => {
    const known = names.get(pointer);
    if (known !== undefined) return known;
    const base = (pointerSegments(pointer).at(-1) ?? 'def').replace(/[^A-Za-z0-9_.-]/g, '_') || 'def';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    names.set(pointer, name);
    defs[name] = build(targetOf(doc, pointer));
    return name;
  };

  function build(v: unknown): unknown {
    if (++count > MAX_EXPANDED_NODES) throw tooLarge();
    if (Array.isArray(v)) return v.map(build);
    if (!isPlainObject(v)) return v;
    if (isDocRef(v)) {
      const { $ref, ...rest } = v;
      const siblings = build(rest) as Record<string, unknown>;
      if (rootPointers.has($ref)) return { $ref: '#', ...siblings };
      if (recursive.has($ref)) return { $ref: `#/${defsKey}/${escapeSegment(defName($ref))}`, ...siblings };
      return mergeSiblings(build(targetOf(doc, $ref)), siblings);
    }
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) out[k === LOCAL_REF_KEY ? '$ref' : k] = build(child);
    return out;
  }

  const out = build(root);
  if (Object.keys(defs).length === 0 || !isPlainObject(out)) return out;
  const own = isPlainObject(out[defsKey]) ? out[defsKey] : {};
  return { ...out, [defsKey]: { ...own, ...defs } };
}

/** A deep copy of a value read from the document (a sample), hidden references put back. */
export function plainCopy(value: unknown): unknown {
  let count = 0;
  const copy = (v: unknown): unknown => {
    if (++count > MAX_EXPANDED_NODES) throw tooLarge();
    if (Array.isArray(v)) return v.map(copy);
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) out[k === LOCAL_REF_KEY ? '$ref' : k] = copy(child);
    return out;
  };
  return copy(value);
}

/**
 * The targets that lead back to themselves (depth-first: a reference to a target still being
 * walked closes a loop). Every loop holds at least one of them, so inlining the others ends.
 */
function recursiveTargets(root: unknown, doc: unknown, rootPointers: Set<string>): Set<string> {
  const recursive = new Set<string>();
  const state = new Map<string, 'walking' | 'done'>();
  for (const p of rootPointers) state.set(p, 'walking');
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isPlainObject(v)) return;
    if (isDocRef(v)) {
      const seen = state.get(v.$ref);
      if (seen === 'walking') recursive.add(v.$ref);
      else if (seen === undefined) {
        state.set(v.$ref, 'walking');
        visit(targetOf(doc, v.$ref));
        state.set(v.$ref, 'done');
      }
    }
    for (const [k, child] of Object.entries(v)) if (k !== '$ref') visit(child);
  };
  visit(root);
  return recursive;
}

function isDocRef(v: unknown): v is Record<string, unknown> & { $ref: string } {
  return isPlainObject(v) && typeof v.$ref === 'string' && v.$ref.startsWith('#');
}

function targetOf(doc: unknown, pointer: string): unknown {
  const found = walkPointer(doc, pointer);
  if ('missing' in found)
    throw new HookbenchError(
      'validation',
      `$ref ${JSON.stringify(pointer)} points at nothing: ${found.missing}`,
      'document',
    );
  return found.value;
}

/** A `$ref` with members beside it: the target with those members added (as the resolver merges them). */
function mergeSiblings(target: unknown, siblings: Record<string, unknown>): unknown {
  if (Object.keys(siblings).length === 0 || !isPlainObject(target)) return target;
  return { ...target, ...siblings };
}

function hasKey(v: unknown, key: string): boolean {
  return isPlainObject(v) && Object.hasOwn(v, key);
}

function tooLarge(): HookbenchError {
  return new HookbenchError(
    'validation',
    `a schema or sample expands to more than ${MAX_EXPANDED_NODES} values once its $refs are resolved`,
    'document',
  );
}
