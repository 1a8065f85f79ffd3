import { describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES } from '../../src-main/api/contract';
import { buildOpenApi, pathParamNames, restSuccessStatus } from '../../src-main/api/openapi';
import { REST_PREFIX } from '../../src-main/api/transport';

type PathItem = Record<
  string,
  {
    operationId: string;
    parameters?: { name: string; in: string; required: boolean }[];
    requestBody?: unknown;
    responses: Record<string, unknown>;
  }
>;

describe('OpenAPI document', () => {
  const doc = buildOpenApi('1.2.3') as {
    openapi: string;
    info: { title: string; version: string };
    servers: { url: string }[];
    paths: Record<string, PathItem>;
    components: {
      securitySchemes: Record<string, { type: string; scheme?: string }>;
      schemas: Record<string, unknown>;
    };
    security: unknown[];
  };

  it('is valid JSON with the OpenAPI 3.1 basics', () => {
    const reparsed = JSON.parse(JSON.stringify(doc)) as typeof doc;
    expect(reparsed).toEqual(doc);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBe('1.2.3');
    expect(doc.servers[0]!.url).toBe(REST_PREFIX);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security.length).toBeGreaterThan(0);
    expect(doc.components.schemas.Error).toBeTruthy();
  });

  it('lists every operation that has a REST route, under its method and path', () => {
    const listed = new Map<string, string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) listed.set(op.operationId, `${method.toUpperCase()} ${path}`);
    }
    const withRoute = OPERATION_NAMES.filter((n) => OPERATIONS[n].rest);
    expect(withRoute.length).toBeGreaterThan(30);
    for (const name of withRoute) {
      const rest = OPERATIONS[name].rest!;
      expect(listed.get(name), name).toBe(`${rest.method} ${rest.path}`);
    }
    for (const name of OPERATION_NAMES.filter((n) => !OPERATIONS[n].rest)) expect(listed.has(name)).toBe(false);
  });

  it('declares exactly the path parameters of each route template, all required', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const expected = pathParamNames(path);
      for (const op of Object.values(item)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), `${op.operationId}`).toEqual([...expected].sort());
        for (const p of declared) expect(p.required).toBe(true);
      }
    }
  });

  it('takes GET query parameters from the input schema and gives other methods a JSON body', () => {
    const list = doc.paths['/deliveries']!.get!;
    const names = (list.parameters ?? []).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['status', 'webhookId', 'eventType', 'httpStatus', 'from', 'to', 'q', 'cursor', 'limit']),
    );
    expect((list.parameters ?? []).every((p) => p.in === 'query')).toBe(true);
    const create = doc.paths['/webhooks']!.post!;
    expect(create.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { type: 'object' } } },
    });
    const schema = (
      create.requestBody as {
        content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } };
      }
    ).content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['url', 'subscriptions']));
    // A path parameter is not repeated in the body.
    const update = doc.paths['/webhooks/{id}']!.patch!;
    const updateSchema = (
      update.requestBody as { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } }
    ).content['application/json'].schema;
    expect(Object.keys(updateSchema.properties)).not.toContain('id');
  });

  it('answers 201 for creates and references the Error schema for failures', () => {
    for (const name of OPERATION_NAMES) {
      const rest = OPERATIONS[name].rest;
      if (!rest) continue;
      const op = doc.paths[rest.path]![rest.method.toLowerCase()]!;
      expect(Object.keys(op.responses)).toContain(String(restSuccessStatus(name)));
      expect(op.responses['400']).toEqual({ $ref: '#/components/responses/Error400' });
      expect(op.responses['404']).toBeTruthy();
    }
    expect(Object.keys(doc.paths['/webhooks']!.post!.responses)).toContain('201');
  });

  it('documents the export download and itself, and no route that writes a file to a path', () => {
    expect(doc.paths['/export']!.get!.operationId).toBe('export.download');
    expect(doc.paths['/openapi.json']!.get).toBeTruthy();
    expect(doc.paths['/export/file']).toBeUndefined();
  });

  it('answers 415 on every route that takes a JSON body, and only there', () => {
    for (const item of Object.values(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.responses['415'] !== undefined, `${op.operationId}`).toBe(method !== 'get');
        if (method !== 'get') expect(op.responses['415']).toEqual({ $ref: '#/components/responses/Error415' });
      }
    }
  });
});
