/**
 * The OpenAPI 3.1 document of the REST face, generated from OPERATIONS (never written by
 * hand): one path item per operation with a REST route, its parameters and body taken from
 * the operation's input schema. Isomorphic: zod only.
 */
import { z } from 'zod';
import { OPERATIONS, OPERATION_NAMES, PUSH_EVENTS, type OperationName } from './contract';
import type { HttpMethod } from './contract/define';
import { ERROR_CODES, HTTP_STATUS_BY_CODE } from './errors';
import { EXPORT_FORMAT_TABLE, EXPORT_FORMATS, EXPORT_KINDS } from './exportFormats';
import { deliveryFiltersSchema, requestFiltersSchema } from './logSchemas';
import { REST_PREFIX, WS_PATH } from './transport';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** Operations whose verb is `create` answer 201 on REST; everything else that succeeds, 200. */
export function restSuccessStatus(name: OperationName): 200 | 201 {
  return name.endsWith('.create') ? 201 : 200;
}

/** `{name}` segments of a route template, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}/]+)\}/g)].map((m) => m[1]!);
}

/** The web host's own REST routes (not operations). */
export const OPENAPI_PATH = '/openapi.json';
export const EXPORT_PATH = '/export';

function inputJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    delete json.$schema;
    return json;
  } catch {
    // A schema zod cannot express (cycles, custom types): documented as "any JSON" rather than breaking the document.
    return {};
  }
}

/** Top-level properties of an object schema, also through allOf/anyOf/oneOf of objects. */
function topLevelProperties(json: JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } {
  const properties: Record<string, JsonSchema> = { ...(json.properties ?? {}) };
  const required = new Set(json.required ?? []);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const parts = json[key] as JsonSchema[] | undefined;
    for (const part of parts ?? []) {
      const inner = topLevelProperties(part);
      for (const [k, v] of Object.entries(inner.properties)) properties[k] ??= v;
      if (key === 'allOf') for (const r of inner.required) required.add(r);
    }
  }
  return { properties, required };
}

function withoutProperties(json: JsonSchema, names: string[]): JsonSchema {
  if (names.length === 0) return json;
  const out: JsonSchema = { ...json };
  if (out.properties)
    out.properties = Object.fromEntries(Object.entries(out.properties).filter(([k]) => !names.includes(k)));
  if (out.required) out.required = out.required.filter((r) => !names.includes(r));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(out[key])) out[key] = (out[key] as JsonSchema[]).map((p) => withoutProperties(p, names));
  }
  return out;
}

function queryParameter(name: string, schema: JsonSchema, required: boolean): Record<string, unknown> {
  const param: Record<string, unknown> = { name, in: 'query', required, schema };
  if (typeof schema.description === 'string') param.description = schema.description;
  if (schema.type === 'array') {
    param.style = 'form';
    param.explode = true;
    param.description = `${typeof schema.description === 'string' ? `${schema.description} ` : ''}Repeat the key or separate values with commas.`;
  } else if (schema.type === 'object' || schema.anyOf || schema.oneOf) {
    if (schema.type === 'object') param.description = 'JSON-encoded object';
  }
  return param;
}

/** The error answers of a route; one that takes a JSON body also answers 415 to any other content type. */
function errorResponses(withBody = false): Record<string, unknown> {
  const statuses = new Set<number>([
    ...ERROR_CODES.map((c) => HTTP_STATUS_BY_CODE[c]),
    401,
    405,
    ...(withBody ? [415] : []),
  ]);
  const out: Record<string, unknown> = {};
  for (const status of [...statuses].sort((a, b) => a - b))
    out[String(status)] = { $ref: `#/components/responses/Error${status}` };
  return out;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (`validation`, naming the field), malformed JSON (field `body`) or JSON nested too deep',
  401: 'Missing or wrong token (`forbidden`, field `token`)',
  403: 'Foreign Host or Origin, or an operation that is not allowed (`forbidden`)',
  404: 'No such object or route (`not_found`)',
  405: 'The path exists but not with this method',
  409: 'Conflicts with stored data (`conflict`)',
  413: 'The body is larger than 2 MiB (`too_large`)',
  415: 'The body is not sent as `Content-Type: application/json` (`validation`, field `content-type`)',
  500: 'An unexpected failure (`internal`)',
  503: 'A part of the engine is not running (`unavailable`)',
};

function operationItem(name: OperationName): [string, HttpMethod, Record<string, unknown>] | null {
  const def = OPERATIONS[name];
  if (!def.rest) return null;
  const { method, path } = def.rest;
  const json = inputJsonSchema(def.input as z.ZodType);
  const { properties, required } = topLevelProperties(json);
  const pathParams = pathParamNames(path);
  const parameters: Record<string, unknown>[] = pathParams.map((p) => ({
    name: p,
    in: 'path',
    required: true,
    schema: properties[p] ?? { type: 'string' },
  }));
  const item: Record<string, unknown> = {
    operationId: name,
    summary: def.summary,
    tags: [name.split('.')[0]],
    'x-mutates': def.mutates,
  };
  if (method === 'GET') {
    for (const [k, schema] of Object.entries(properties)) {
      if (!pathParams.includes(k)) parameters.push(queryParameter(k, schema, required.has(k)));
    }
  } else {
    const body = withoutProperties(json, pathParams);
    const bodyRequired = [...required].some((r) => !pathParams.includes(r));
    item.requestBody = { required: bodyRequired, content: { 'application/json': { schema: body } } };
  }
  if (parameters.length) item.parameters = parameters;
  const ok = restSuccessStatus(name);
  item.responses = {
    [String(ok)]: {
      description: ok === 201 ? 'Created' : 'OK',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/DataEnvelope' } } },
    },
    ...errorResponses(method !== 'GET'),
  };
  return [path, method, item];
}

function exportItem(): Record<string, unknown> {
  const filters = {
    ...topLevelProperties(inputJsonSchema(deliveryFiltersSchema)).properties,
    ...topLevelProperties(inputJsonSchema(requestFiltersSchema)).properties,
  };
  return {
    operationId: 'export.download',
    summary: 'Stream deliveries or received requests with filters as a download (NDJSON, CSV or HAR)',
    tags: ['export'],
    'x-mutates': false,
    parameters: [
      {
        name: 'kind',
        in: 'query',
        required: false,
        schema: { type: 'string', enum: [...EXPORT_KINDS], default: 'deliveries' },
      },
      { name: 'format', in: 'query', required: true, schema: { type: 'string', enum: [...EXPORT_FORMATS] } },
      ...Object.entries(filters).map(([k, s]) => queryParameter(k, s, false)),
    ],
    responses: {
      '200': {
        description: 'The export, streamed as an attachment',
        content: Object.fromEntries(
          EXPORT_FORMATS.map((f) => [EXPORT_FORMAT_TABLE[f].mediaType, { schema: EXPORT_FORMAT_TABLE[f].bodySchema }]),
        ),
      },
      ...errorResponses(),
    },
  };
}

/** The OpenAPI 3.1 document of `/api/v1`. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of OPERATION_NAMES) {
    const entry = operationItem(name);
    if (!entry) continue;
    const [path, method, item] = entry;
    (paths[path] ??= {})[method.toLowerCase()] = item;
  }
  (paths[EXPORT_PATH] ??= {}).get = exportItem();
  (paths[OPENAPI_PATH] ??= {}).get = {
    operationId: 'openapi',
    summary: 'This document',
    tags: ['meta'],
    responses: {
      '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
      ...errorResponses(),
    },
  };

  const errorShape = {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string', enum: [...ERROR_CODES] },
      message: { type: 'string' },
      field: { type: 'string', description: 'The input field (dotted path) at fault' },
      issues: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: { field: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  };
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(ERROR_DESCRIPTIONS)) {
    responses[`Error${status}`] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookbench local API',
      version,
      description:
        'The REST face of Hookbench, generated from the same contract as the desktop IPC and the WebSocket. ' +
        'Successful answers are `{ "data": <result> }`; failures are `{ "error": { code, message, field?, issues? } }`. ' +
        `GET inputs come from the query string (repeat a key or use commas for lists); other methods take a JSON body. ` +
        `The same operations are available over the WebSocket at ${WS_PATH} ({ type: "call", id, op, input }), ` +
        `which also pushes events: ${Object.keys(PUSH_EVENTS).join(', ')}.`,
    },
    servers: [{ url: REST_PREFIX }],
    security: [{ bearer: [] }, { queryToken: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The per-launch token printed when the web host starts',
        },
        queryToken: {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description: 'The same token; accepted on GET only (downloads)',
        },
      },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: errorShape } },
        DataEnvelope: {
          type: 'object',
          required: ['data'],
          properties: { data: { description: 'The operation result' } },
        },
      },
      responses,
    },
  };
}
