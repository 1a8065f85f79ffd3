/**
 * The checks every imported type passes, whatever its format: a usable name, met once (the same
 * message reached from two operations is read once), a schema ajv compiles, and an example that
 * matches its own schema — a catalog whose sample breaks its schema could not be fired as is.
 * (A type with no example gets `{}` as its sample, which is not checked.)
 */
import { catalogTypeNameSchema } from '../../../api/schemas';
import { HookbenchError } from '../../../api/errors';
import { issueText, loadSchemaValidator } from '../schemaValidator';
import { pointerSegments } from './jsonPointer';
import type { SourceDocument } from './sourceDocument';
import { pathText } from './sourceDocument';
import type { DocPath, ImportedType, ReadType } from './types';

/**
 * `checkExamples` false: a Hookbench export, whose samples come back as they were kept (a sample
 * need not match a schema the workspace saved later, and an empty one is no example).
 */
export async function checkTypes(
  source: SourceDocument,
  read: ReadType[],
  checkExamples = true,
): Promise<ImportedType[]> {
  const validator = await loadSchemaValidator();
  const byName = new Map<string, { type: ReadType; text: string }>();
  const out: ImportedType[] = [];
  for (const t of read) {
    const nameAt = { atKey: t.at.nameIsKey };
    const parsed = catalogTypeNameSchema.safeParse(t.type);
    if (!parsed.success)
      throw source.fail(
        t.at.name,
        `${JSON.stringify(t.type)} is not a usable event type name: ${parsed.error.issues[0]!.message}`,
        nameAt,
      );
    const type: ImportedType = {
      type: t.type,
      description: t.description,
      sample: t.sample,
      schema: t.schema,
      form: t.form,
    };
    const text = JSON.stringify(type);
    const first = byName.get(t.type);
    if (first) {
      if (first.text === text) continue;
      const where = source.locate(first.type.at.name, { atKey: first.type.at.nameIsKey });
      throw source.fail(
        t.at.name,
        `event type ${JSON.stringify(t.type)} is defined twice (also at ${pathText(where.path)}, line ${where.line})`,
        nameAt,
      );
    }
    byName.set(t.type, { type: t, text });
    if (t.schema) {
      try {
        validator.compile(t.schema);
      } catch (e) {
        if (!(e instanceof HookbenchError)) throw e;
        throw source.fail([...t.at.schema, ...compileErrorPath(e.message, t.schema)], `${t.type}: ${e.message}`);
      }
      const issues = checkExamples && t.at.sample ? validator.check(t.schema, t.sample) : [];
      if (issues.length > 0) {
        const first = issues[0]!;
        throw source.fail(
          [...t.at.sample!, ...pointerSegments(first.path, true)],
          `${t.type}: its example does not match its own schema: ${issueText(first)}` +
            (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''),
        );
      }
    }
    out.push(type);
  }
  return out;
}

/** Where in the schema ajv's complaint is: `data/properties/a/type must …`, or the `$ref` it cannot resolve. */
function compileErrorPath(message: string, schema: unknown): DocPath {
  const invalid = /schema is invalid: data(\/[^\s,]*)?/.exec(message);
  if (invalid) return invalid[1] ? pointerSegments(invalid[1], true) : [];
  const unresolved = /can't resolve reference (\S+)/.exec(message);
  return unresolved ? (pathOfRef(schema, unresolved[1]!) ?? []) : [];
}

function pathOfRef(v: unknown, ref: string): DocPath | null {
  if (v === null || typeof v !== 'object') return null;
  if (!Array.isArray(v) && (v as Record<string, unknown>).$ref === ref) return ['$ref'];
  for (const [k, child] of Object.entries(v)) {
    const below = pathOfRef(child, ref);
    if (below) return [Array.isArray(v) ? Number(k) : k, ...below];
  }
  return null;
}
