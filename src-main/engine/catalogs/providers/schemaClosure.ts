/**
 * One type's schema out of a provider's whole schema document: the root `$ref`s its definition
 * and carries only the definitions reachable from it, so each type's schema stands alone (it can
 * be shown, exported and compiled by itself) and stays small.
 */
import type { JsonSchema } from '../../../api/catalogTypes';

export type Definitions = Record<string, JsonSchema>;

/** The keyword that holds the shared definitions: draft-07's `definitions`, 2020-12's `$defs`. */
export type DefinitionsKeyword = 'definitions' | '$defs';

const REF = /^#\/(?:definitions|\$defs)\/(.+)$/;

/** The definition a local `$ref` names (`#/definitions/a~1b` → `a/b`), or null for any other ref. */
export function refTarget(ref: unknown): string | null {
  if (typeof ref !== 'string') return null;
  const m = REF.exec(ref);
  return m ? decodeURIComponent(m[1]).replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

/** Every definition name a schema refers to, directly (one level: definitions are walked separately). */
function directRefs(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) directRefs(item, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') {
        const target = refTarget(value);
        if (target !== null) out.add(target);
      } else {
        directRefs(value, out);
      }
    }
  }
}

/**
 * Builds each definition's reachable closure on demand, remembering each definition's direct
 * references, so a catalog of hundreds of types walks the shared definitions once.
 */
export class SchemaClosure {
  private readonly direct = new Map<string, Set<string>>();

  constructor(
    private readonly defs: Definitions,
    private readonly keyword: DefinitionsKeyword,
    private readonly draft: string,
  ) {}

  private refsOf(name: string): Set<string> {
    let refs = this.direct.get(name);
    if (!refs) {
      refs = new Set();
      directRefs(this.defs[name], refs);
      this.direct.set(name, refs);
    }
    return refs;
  }

  /** Names reachable from `name`, itself included. Throws on a ref to a missing definition. */
  reachable(name: string): string[] {
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      if (!(next in this.defs)) throw new Error(`schema definition ${JSON.stringify(next)} does not exist`);
      seen.add(next);
      for (const ref of this.refsOf(next)) if (!seen.has(ref)) stack.push(ref);
    }
    return [...seen].sort();
  }

  /** The definitions reachable from any of `names` (shared objects, not copies). */
  pick(names: readonly string[]): Definitions {
    const picked: Definitions = {};
    for (const name of names) for (const n of this.reachable(name)) picked[n] = this.defs[n];
    return picked;
  }

  /** `{ $schema, $ref: '#/<keyword>/<name>', <keyword>: <its closure> }`. The definitions are shared, not copied. */
  schemaOf(name: string): JsonSchema {
    return { $schema: this.draft, $ref: refTo(this.keyword, name), [this.keyword]: this.pick([name]) };
  }

  /**
   * A schema written against the shared definitions (`$ref`s to them anywhere inside), made to
   * stand alone: `{ $schema, ...schema, <keyword>: <what it reaches> }`.
   */
  standalone(schema: JsonSchema): JsonSchema {
    const refs = new Set<string>();
    directRefs(schema, refs);
    return { $schema: this.draft, ...schema, [this.keyword]: this.pick([...refs].sort()) };
  }
}

/** `#/$defs/<name>`, the name escaped as a JSON Pointer in a URI fragment. */
export function refTo(keyword: DefinitionsKeyword, name: string): string {
  return `#/${keyword}/${encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1')).replace(/%24/g, '$')}`;
}
