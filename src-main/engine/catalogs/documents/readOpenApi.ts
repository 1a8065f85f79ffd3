/**
 * OpenAPI 3.1: each member of `webhooks` is an event type. From its `post` (else `put`)
 * operation: the name (`x-hookbench-type`, else the webhook's key), the description
 * (`description`, else `summary`), the JSON request body's schema and example (`example`, else
 * the first of `examples`, else the schema's own `examples[0]` / `example`). Schemas are JSON
 * Schema 2020-12 unless the document's `jsonSchemaDialect` or the schema's `$schema` says
 * otherwise. An operation Hookbench exported (`x-hookbench`) is read back exactly as it was.
 */
import { draftOf } from '../schemaValidator';
import { HookbenchError } from '../../../api/errors';
import { unwrapEnvelope } from './envelopeSchema';
import { objectOf, sampleOut, schemaExample, schemaOut, textOf, type ReadContext } from './readContext';
import { HOOKBENCH_OPERATION_KEY, HOOKBENCH_TYPE_KEY, JSON_SCHEMA_URIS, type DocPath, type ReadType } from './types';

const OPERATIONS = ['post', 'put'] as const;

export function readOpenApi(ctx: ReadContext): ReadType[] {
  const { doc, source } = ctx;
  const dialect = documentDialect(ctx);
  const webhooks = objectOf(doc.webhooks);
  if (!webhooks || Object.keys(webhooks).length === 0)
    throw source.fail(
      ['webhooks'],
      'the document has no webhooks: Hookbench reads the event types in an OpenAPI 3.1 `webhooks` section',
    );
  return Object.entries(webhooks).map(([key, item]) => {
    const itemAt: DocPath = ['webhooks', key];
    const pathItem = objectOf(item);
    const method = OPERATIONS.find((m) => objectOf(pathItem?.[m]));
    if (!pathItem || !method) throw source.fail(itemAt, `webhook ${JSON.stringify(key)} has no post or put operation`);
    return readOperation(ctx, key, objectOf(pathItem[method])!, [...itemAt, method], dialect);
  });
}

function readOperation(
  ctx: ReadContext,
  key: string,
  op: Record<string, unknown>,
  opAt: DocPath,
  dialect: string,
): ReadType {
  const { source } = ctx;
  const exported = objectOf(op[HOOKBENCH_OPERATION_KEY]);
  const form = exported ? exported.form : 'raw';
  if (form !== 'raw' && form !== 'envelope')
    throw source.fail([...opAt, HOOKBENCH_OPERATION_KEY, 'form'], 'form is "envelope" or "raw"');
  const typed = op[HOOKBENCH_TYPE_KEY];
  const name = typed !== undefined ? typed : key;
  if (typeof name !== 'string')
    throw source.fail([...opAt, HOOKBENCH_TYPE_KEY], `${HOOKBENCH_TYPE_KEY} must be a string`);
  const nameAt: DocPath = typed !== undefined ? [...opAt, HOOKBENCH_TYPE_KEY] : opAt.slice(0, -1);
  const description = exported ? (textOf(op.description) ?? '') : (textOf(op.description) ?? textOf(op.summary) ?? '');

  const body = jsonBody(ctx, op, opAt);
  const schemaAt: DocPath = [...(body?.at ?? [...opAt, 'requestBody']), 'schema'];
  const opts = { dialect, exact: exported !== undefined };
  let schema = schemaOut(ctx, body?.media.schema, schemaAt, opts);
  let example = bodyExample(body?.media, body?.at ?? opAt);
  if (example === null && !exported) example = schemaExample(body?.media.schema, schemaAt);
  let sampleAt = example?.at ?? null;
  let sample = example ? sampleOut(ctx, example.value, example.at) : null;

  if (form === 'envelope') {
    const data = schema && unwrapEnvelope(schema);
    if (schema && !data)
      throw source.fail(schemaAt, "an envelope type's schema has the Hookbench envelope with a `data` member");
    schema = data;
    sampleAt = sampleAt && [...sampleAt, 'data'];
    const inner = sample?.data;
    sample = sample && (objectOf(inner) ?? null);
    if (example && !sample) throw source.fail(sampleAt!, 'an envelope example has a `data` object');
  }
  if (exported && exported.schema === null) schema = null;
  return {
    type: name.trim(),
    description,
    sample: sample ?? {},
    schema,
    form,
    at: {
      name: nameAt,
      nameIsKey: typed === undefined,
      schema: form === 'envelope' ? [...schemaAt, 'properties', 'data'] : schemaAt,
      sample: sampleAt,
    },
  };
}

/** The operation's JSON request body (`application/json`, else any `…+json`); null when it has none. */
function jsonBody(ctx: ReadContext, op: Record<string, unknown>, opAt: DocPath) {
  const requestBody = objectOf(op.requestBody);
  if (!requestBody) return null;
  const content = objectOf(requestBody.content);
  const contentAt: DocPath = [...opAt, 'requestBody', 'content'];
  if (!content) return null;
  const type =
    Object.keys(content).find((t) => t.split(';')[0]!.trim() === 'application/json') ??
    Object.keys(content).find((t) => /^[\w.-]+\/[\w.-]+\+json\b/.test(t));
  if (type === undefined)
    throw ctx.source.fail(
      contentAt,
      `the request body has no JSON content (${Object.keys(content).join(', ') || 'none'}); Hookbench reads application/json bodies`,
    );
  return { media: objectOf(content[type]) ?? {}, at: [...contentAt, type] as DocPath };
}

/** The media type's `example`, else the first of its `examples` (an Example object's `value`). */
function bodyExample(media: Record<string, unknown> | undefined, at: DocPath): { value: unknown; at: DocPath } | null {
  if (!media) return null;
  if (media.example !== undefined) return { value: media.example, at: [...at, 'example'] };
  const examples = objectOf(media.examples);
  for (const [k, ex] of Object.entries(examples ?? {})) {
    const value = objectOf(ex)?.value;
    if (value !== undefined) return { value, at: [...at, 'examples', k, 'value'] };
  }
  return null;
}

/** `$schema` for schemas that declare none: the document's `jsonSchemaDialect`, else 2020-12. */
function documentDialect(ctx: ReadContext): string {
  const declared = ctx.doc.jsonSchemaDialect;
  if (declared === undefined) return JSON_SCHEMA_URIS['2020-12'];
  try {
    draftOf({ $schema: declared });
  } catch (e) {
    if (e instanceof HookbenchError) throw ctx.source.fail(['jsonSchemaDialect'], e.message);
    throw e;
  }
  return declared as string;
}
