/**
 * A catalog as an OpenAPI 3.1 document whose `webhooks` hold one `post` per event type — the
 * form Svix (and other webhook services) import: the request body's JSON schema and example
 * describe the body as sent. A Hookbench envelope type's body is the `{ id, type, timestamp,
 * data }` envelope with the type's schema as `data`. `x-hookbench` on each operation (and
 * `x-hookbench-catalog` on the document) let `parseCatalogDocument` read it back exactly.
 */
import type { CatalogEventType, CatalogId } from '../../../api/catalogTypes';
import { envelopeExample, wrapEnvelope } from './envelopeSchema';
import { HOOKBENCH_DOCUMENT_KEY, HOOKBENCH_OPERATION_KEY } from './types';

/** A summary is one line; the description keeps the whole text. */
const SUMMARY_MAX = 120;

export function exportOpenApi(
  meta: { title: string; catalog: CatalogId },
  types: CatalogEventType[],
): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: meta.title,
      version: '1.0.0',
      description: `The event types of the ${meta.catalog} catalog, exported by Hookbench.`,
    },
    [HOOKBENCH_DOCUMENT_KEY]: meta.catalog,
    paths: {},
    webhooks: Object.fromEntries(types.map((t) => [t.type, { post: operationOf(t) }])),
  };
}

function operationOf(t: CatalogEventType): Record<string, unknown> {
  const envelope = t.form === 'envelope';
  const schema = envelope ? wrapEnvelope(t.type, t.schema) : t.schema;
  const example = envelope ? envelopeExample(t.type, t.sample) : t.sample;
  return {
    operationId: t.type,
    summary: summaryOf(t),
    description: t.description,
    [HOOKBENCH_OPERATION_KEY]: { form: t.form, ...(t.schema === null ? { schema: null } : {}) },
    requestBody: {
      required: true,
      content: { 'application/json': { ...(schema ? { schema } : {}), example } },
    },
    responses: { '2XX': { description: 'The receiver acknowledges the event with any 2XX status' } },
  };
}

function summaryOf(t: CatalogEventType): string {
  const line = t.description.split('\n')[0]!.trim();
  if (line === '') return t.type;
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}
