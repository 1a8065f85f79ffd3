import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import type { CatalogEventType, JsonSchema } from '../../src-main/api/catalogTypes';
import { parseCatalogDocument, type ImportedType } from '../../src-main/engine/catalogs/documents/parseDocument';
import { exportOpenApi } from '../../src-main/engine/catalogs/documents/exportOpenApi';
import { loadSchemaValidator } from '../../src-main/engine/catalogs/schemaValidator';
import { rejectedHookbenchError } from '../support/thrown';
import { tempDir } from '../support/tmp';

const FIXTURES = join(__dirname, '../fixtures/catalogs');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const D07 = 'http://json-schema.org/draft-07/schema#';
const D2020 = 'https://json-schema.org/draft/2020-12/schema';

/** A document from lines, so each test can name the line an error must point at. */
const lines = (...l: string[]) => l.join('\n');

async function importError(text: string, opts?: { baseDir?: string }): Promise<string> {
  const e = await rejectedHookbenchError(() => parseCatalogDocument(text, opts));
  expect(e.code).toBe('validation');
  expect(e.field).toBe('document');
  return e.message;
}

describe('importing an AsyncAPI 3 document', () => {
  const orderId = { type: 'string', pattern: '^ord_[0-9]+$' };
  const money = {
    type: 'object',
    required: ['amount', 'currency'],
    properties: { amount: { type: 'integer', minimum: 0 }, currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] } },
  };
  const address = {
    type: 'object',
    required: ['line1', 'city', 'country'],
    properties: {
      line1: { type: 'string' },
      city: { type: 'string' },
      country: { type: 'string', minLength: 2, maxLength: 2 },
    },
  };
  const shipTo = { line1: '1 Analytical Way', city: 'London', country: 'GB' };

  it('reads every message its operations send and receive, with every $ref resolved', async () => {
    const parsed = await parseCatalogDocument(fixture('orders.asyncapi3.yaml'));
    const expected: ImportedType[] = [
      {
        type: 'order.placed',
        description: 'A customer placed an order.',
        form: 'raw',
        sample: {
          orderId: 'ord_1001',
          placedAt: '2025-03-01T10:15:00Z',
          customerEmail: 'ada@example.com',
          items: [{ sku: 'BOOK-1', quantity: 2, price: { amount: 1250, currency: 'EUR' } }],
          shipTo,
        },
        schema: {
          $schema: D07,
          type: 'object',
          required: ['orderId', 'placedAt', 'items'],
          properties: {
            orderId,
            placedAt: { type: 'string', format: 'date-time' },
            customerEmail: { type: 'string', format: 'email' },
            items: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['sku', 'quantity', 'price'],
                properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, price: money },
              },
            },
            shipTo: address,
          },
        },
      },
      {
        type: 'order.shipped',
        description: 'The order left the warehouse.',
        form: 'raw',
        sample: { orderId: 'ord_1001', carrier: 'dhl', address: shipTo },
        schema: {
          $schema: D07,
          type: 'object',
          required: ['orderId', 'carrier', 'address'],
          properties: {
            orderId,
            carrier: { type: 'string', enum: ['ups', 'dhl', 'fedex'] },
            trackingNumber: { type: 'string' },
            address,
          },
        },
      },
      {
        // No name: the message's key in its channel names it; the sample is the schema's own example.
        type: 'refundIssued',
        description: 'Money went back to the customer.',
        form: 'raw',
        sample: { orderId: 'ord_1001', refund: { amount: 500, currency: 'EUR' } },
        schema: {
          $schema: D07,
          type: 'object',
          required: ['orderId', 'refund'],
          properties: { orderId, refund: money },
          examples: [{ orderId: 'ord_1001', refund: { amount: 500, currency: 'EUR' } }],
        },
      },
    ];
    expect(parsed).toEqual({ format: 'asyncapi-3', title: 'Orders events', types: expected });
  });

  it('reads components.messages when the document has no operations or channels', async () => {
    const parsed = await parseCatalogDocument(
      lines(
        'asyncapi: 3.0.0',
        'info: { title: Bare, version: 1.0.0 }',
        'components:',
        '  messages:',
        '    Pinged:',
        '      payload: { type: object, properties: { at: { type: string } } }',
      ),
    );
    expect(parsed.types).toEqual([
      {
        type: 'Pinged',
        description: '',
        form: 'raw',
        sample: {},
        schema: { $schema: D07, type: 'object', properties: { at: { type: 'string' } } },
      },
    ]);
  });
});

describe('importing an OpenAPI 3.1 document', () => {
  const address = { type: 'object', properties: { city: { type: 'string' }, postcode: { type: ['string', 'null'] } } };
  const user = {
    type: 'object',
    required: ['id', 'email'],
    properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' }, address },
  };
  const comment = (self: string) => ({
    type: 'object',
    required: ['id', 'text'],
    properties: { id: { type: 'string' }, text: { type: 'string' }, replies: { type: 'array', items: { $ref: self } } },
  });

  it('reads each webhook, resolving shared request bodies, path items and nested schemas', async () => {
    const parsed = await parseCatalogDocument(fixture('accounts.openapi31.json'));
    const expected: ImportedType[] = [
      {
        type: 'user.created',
        description: 'A user signed up',
        form: 'raw',
        sample: { id: 'usr_1', email: 'ada@example.com', address: { city: 'London', postcode: null } },
        schema: { $schema: D2020, ...user },
      },
      {
        type: 'user.deleted',
        description: 'A user deleted their account; their data is erased within 30 days.',
        form: 'raw',
        sample: {
          user: { id: 'usr_9', email: 'grace@example.com', address: { city: 'Arlington' } },
          reason: 'requested',
        },
        schema: {
          $schema: D2020,
          type: 'object',
          required: ['user'],
          properties: { user, reason: { enum: ['requested', 'inactive'] } },
        },
      },
      {
        // A schema that refers to itself keeps referring to itself, as `#`.
        type: 'comment.posted',
        description: 'A comment, with its replies, was posted.',
        form: 'raw',
        sample: { id: 'c1', text: 'First!', replies: [{ id: 'c2', text: 'Second', replies: [] }] },
        schema: { $schema: D2020, ...comment('#') },
      },
      {
        // A recursive schema inside another one becomes that schema's own definition.
        type: 'thread.updated',
        description: 'A thread changed',
        form: 'raw',
        sample: {},
        schema: {
          $schema: D2020,
          type: 'object',
          required: ['threadId', 'root'],
          properties: { threadId: { type: 'string' }, root: { $ref: '#/$defs/Comment' } },
          $defs: { Comment: comment('#/$defs/Comment') },
        },
      },
      {
        // The schema's own $defs references stay as written; the schema's `examples[0]` is the sample.
        type: 'invoice.paid',
        description: 'An invoice was paid',
        form: 'raw',
        sample: { invoiceId: 'in_1', total: 1200, tax: 200 },
        schema: {
          $schema: D2020,
          type: 'object',
          required: ['invoiceId', 'total'],
          properties: {
            invoiceId: { type: 'string' },
            total: { $ref: '#/$defs/money' },
            tax: { $ref: '#/$defs/money' },
          },
          $defs: { money: { type: 'integer', minimum: 0 } },
          examples: [{ invoiceId: 'in_1', total: 1200, tax: 200 }],
        },
      },
      {
        type: 'ping',
        description: 'Checks the endpoint answers.',
        form: 'raw',
        sample: { at: '2025-01-01T00:00:00Z' },
        schema: { $schema: D2020, type: 'object', properties: { at: { type: 'string', format: 'date-time' } } },
      },
    ];
    expect(parsed).toEqual({ format: 'openapi-3.1', title: 'Accounts webhooks', types: expected });
  });

  it('gives recursive schemas that still check the nested levels', async () => {
    const { types } = await parseCatalogDocument(fixture('accounts.openapi31.json'));
    const v = await loadSchemaValidator();
    const posted = types.find((t) => t.type === 'comment.posted')!.schema!;
    const thread = types.find((t) => t.type === 'thread.updated')!.schema!;
    const badReply = { id: 'c1', text: 'hi', replies: [{ id: 'c2', text: 'ok', replies: [{ id: 'c3', text: 7 }] }] };
    expect(v.check(posted, badReply).map((i) => i.path)).toEqual(['/replies/0/replies/0/text']);
    expect(v.check(thread, { threadId: 't', root: badReply }).map((i) => i.path)).toEqual([
      '/root/replies/0/replies/0/text',
    ]);
    expect(v.check(thread, { threadId: 't', root: { id: 'c1', text: 'hi' } })).toEqual([]);
  });

  it('takes the schema dialect from jsonSchemaDialect, and keeps a schema’s own $schema', async () => {
    const parsed = await parseCatalogDocument(
      lines(
        'openapi: 3.1.0',
        'info: { title: Dialects, version: "1" }',
        `jsonSchemaDialect: "${D07}"`,
        'webhooks:',
        '  a.one:',
        '    post:',
        '      requestBody: { content: { application/json: { schema: { type: object } } } }',
        '  a.two:',
        '    post:',
        `      requestBody: { content: { application/json: { schema: { $schema: "${D2020}", type: object } } } }`,
      ),
    );
    expect(parsed.types.map((t) => t.schema)).toEqual([
      { $schema: D07, type: 'object' },
      { $schema: D2020, type: 'object' },
    ]);
  });
});

describe('importing an AsyncAPI 2.6 document', () => {
  it('reads subscribe and publish messages (oneOf too), named by name, messageId or channel', async () => {
    const delivery = {
      $schema: D07,
      type: 'object',
      required: ['to', 'channel'],
      properties: { to: { type: 'string' }, channel: { type: 'string', enum: ['email', 'sms'] } },
    };
    const parsed = await parseCatalogDocument(fixture('notifications.asyncapi2.yaml'));
    expect(parsed).toEqual({
      format: 'asyncapi-2',
      title: 'Notifications',
      types: [
        {
          type: 'email.sent',
          description: 'An email left the outbox.',
          form: 'raw',
          sample: { to: 'ada@example.com', channel: 'email' },
          schema: delivery,
        },
        { type: 'sms.sent', description: 'SMS sent', form: 'raw', sample: {}, schema: delivery },
        {
          type: 'device/registered',
          description: 'A device registered for push messages.',
          form: 'raw',
          sample: {},
          schema: {
            $schema: D07,
            type: 'object',
            required: ['deviceId'],
            properties: { deviceId: { type: 'string' }, platform: { type: 'string', enum: ['ios', 'android'] } },
          },
        },
      ],
    });
  });
});

it('gives a draft-07 payload with a recursive part its own definitions', async () => {
  const parsed = await parseCatalogDocument(
    lines(
      'asyncapi: 2.6.0',
      'info: { title: Trees, version: "1" }',
      'channels:',
      '  trees:',
      '    subscribe:',
      '      message:',
      '        name: tree.grown',
      '        payload:',
      '          type: object',
      '          properties:',
      '            root: { $ref: "#/components/schemas/Node" }',
      'components:',
      '  schemas:',
      '    Node:',
      '      type: object',
      '      properties:',
      '        children: { type: array, items: { $ref: "#/components/schemas/Node" } }',
    ),
  );
  expect(parsed.types[0]!.schema).toEqual({
    $schema: D07,
    type: 'object',
    properties: { root: { $ref: '#/definitions/Node' } },
    definitions: {
      Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } } } },
    },
  });
});

describe('$refs to other files and to the network', () => {
  let servers: Server[] = [];
  let cleanups: (() => void)[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    cleanups.forEach((c) => c());
    servers = [];
    cleanups = [];
  });

  /** A real HTTP server that counts the requests it gets (none are expected). */
  async function countingServer(): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.setHeader('content-type', 'application/json');
      res.end('{"type":"object"}');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/schema.json`, hits: () => hits };
  }

  it('follows a $ref to another file (and on from there) when given the folder it is in', async () => {
    const parsed = await parseCatalogDocument(fixture('external/openapi.yaml'), {
      baseDir: join(FIXTURES, 'external'),
    });
    expect(parsed.types).toEqual([
      {
        type: 'customer.synced',
        description: 'A customer changed',
        form: 'raw',
        sample: { id: 'cus_1', address: { city: 'Paris' } },
        schema: {
          $schema: D2020,
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string' }, address: { type: 'object', properties: { city: { type: 'string' } } } },
        },
      },
    ]);
  });

  it('refuses a $ref to another file when no folder is given (text sent to the server)', async () => {
    expect(await importError(fixture('external/openapi.yaml'))).toBe(
      'webhooks["customer.synced"].post.requestBody.content["application/json"].schema.$ref (line 13, column 21): ' +
        '$ref "./schemas/customer.yaml" points into another file; references to other files are followed only when ' +
        'a document is imported from a file on this machine',
    );
  });

  it('refuses a $ref to a file that is not there, naming it', async () => {
    const doc = fixture('external/openapi.yaml').replace('./schemas/customer.yaml', './schemas/nobody.yaml');
    expect(await importError(doc, { baseDir: join(FIXTURES, 'external') })).toMatch(
      /schema\.\$ref \(line 13, column 21\): \$ref "\.\/schemas\/nobody\.yaml" points at .*nobody\.yaml, which does not exist$/,
    );
  });

  it('never fetches a URL, in the document or in a file it refers to', async () => {
    const server = await countingServer();
    const direct = lines(
      'openapi: 3.1.0',
      'info: { title: Remote, version: "1" }',
      'webhooks:',
      '  remote.thing:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      `            schema: { $ref: "${server.url}" }`,
    );
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    expect(await importError(direct, { baseDir: dir })).toBe(
      `webhooks["remote.thing"].post.requestBody.content["application/json"].schema.$ref (line 9, column 29): ` +
        `$ref "${server.url}" is a URL; Hookbench never fetches references over the network`,
    );
    writeFileSync(join(dir, 'thing.yaml'), `type: object\nproperties:\n  a: { $ref: "${server.url}" }\n`);
    const viaFile = await importError(direct.replace(server.url, './thing.yaml'), { baseDir: dir });
    expect(viaFile).toMatch(
      /^webhooks\["remote\.thing"\]\.post\.requestBody\.content\["application\/json"\]\.schema\.\$ref \(line 9, column 29\): \$ref "\.\/thing\.yaml" cannot be read: .*\(Hookbench never fetches references over the network\)$/,
    );
    expect(server.hits()).toBe(0);
  });
});

describe('export → import round trip', () => {
  const catalogType = (
    t: Omit<CatalogEventType, 'catalog' | 'category' | 'schemaOrigin' | 'origin'>,
  ): CatalogEventType => ({
    catalog: 'hookbench',
    category: t.type.split(/[./]/)[0]!,
    schemaOrigin: t.schema ? 'workspace' : null,
    origin: 'custom',
    ...t,
  });
  const types: CatalogEventType[] = [
    catalogType({
      type: 'user.created',
      description: 'A user signed up.\nSent once per account.',
      form: 'envelope',
      sample: {
        id: 'usr_1',
        email: 'ada@example.com',
        createdAt: '2025-02-01T09:00:00Z',
        homepage: 'https://ada.example',
      },
      schema: {
        $schema: D2020,
        type: 'object',
        required: ['id', 'email'],
        properties: {
          id: { type: 'string' },
          email: { type: 'string', format: 'email' },
          createdAt: { type: 'string', format: 'date-time' },
          homepage: { type: 'string', format: 'uri' },
          billing: { $ref: '#/$defs/address' },
          shipping: { $ref: '#/$defs/address' },
        },
        $defs: { address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      },
    }),
    catalogType({ type: 'user.logout', description: '', form: 'envelope', sample: { id: 'usr_1' }, schema: null }),
    catalogType({
      // draft-07 (no $schema), `definitions`, and a reference to the schema itself.
      type: 'orders/create',
      description: 'An order came in.',
      form: 'raw',
      sample: { id: 1, lines: [{ sku: 'A', qty: 1 }], parent: { id: 0, lines: [] } },
      schema: {
        type: 'object',
        required: ['id', 'lines'],
        properties: {
          id: { type: 'integer' },
          lines: { type: 'array', items: { $ref: '#/definitions/line' } },
          parent: { $ref: '#' },
        },
        definitions: {
          line: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } },
        },
      },
    }),
    catalogType({
      type: 'app_mention',
      description: 'Someone mentioned the app.',
      form: 'raw',
      sample: { text: '<@U1> hi' },
      schema: null,
    }),
    catalogType({
      // An envelope type whose schema refers to its own root and has a member named `data`.
      type: 'tree.changed',
      description: 'A tree changed.',
      form: 'envelope',
      sample: { data: { name: 'root', children: [{ name: 'leaf', children: [] }] } },
      schema: {
        type: 'object',
        properties: {
          data: { $ref: '#/definitions/node' },
        },
        definitions: {
          node: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              children: { type: 'array', items: { $ref: '#/definitions/node' } },
            },
          },
        },
      },
    }),
  ];
  const imported = (t: CatalogEventType): ImportedType => ({
    type: t.type,
    description: t.description,
    sample: t.sample,
    schema: t.schema,
    form: t.form,
  });

  it('gives back exactly the types that went out (as JSON and as YAML)', async () => {
    const document = exportOpenApi({ title: 'Acme events', catalog: 'hookbench' }, types);
    for (const text of [JSON.stringify(document, null, 2), toYaml(document)]) {
      const parsed = await parseCatalogDocument(text);
      expect(parsed.format).toBe('hookbench-openapi');
      expect(parsed.title).toBe('Acme events');
      expect(parsed.types).toEqual(types.map(imported));
      // Key order too: a re-import compares nothing as changed.
      expect(parsed.types.map((t) => JSON.stringify(t))).toEqual(types.map((t) => JSON.stringify(imported(t))));
    }
  });

  it('writes an OpenAPI 3.1 document with one webhook per type, its body as sent', async () => {
    const document = exportOpenApi({ title: 'Acme events', catalog: 'hookbench' }, types) as Record<string, any>;
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Acme events', version: expect.any(String) });
    expect(document.paths).toEqual({});
    expect(Object.keys(document.webhooks)).toEqual(types.map((t) => t.type));
    const v = await loadSchemaValidator();
    const operationIds = new Set<string>();
    for (const t of types) {
      const item = document.webhooks[t.type];
      expect(Object.keys(item)).toEqual(['post']);
      const op = item.post;
      operationIds.add(op.operationId);
      expect(typeof op.summary).toBe('string');
      expect(op.summary.length).toBeGreaterThan(0);
      expect(op.responses['2XX'].description).toEqual(expect.any(String));
      const media = op.requestBody.content['application/json'];
      if (t.form === 'envelope') {
        // The whole body: the envelope, with this type's data inside.
        expect(media.example).toEqual({
          id: expect.stringMatching(/^msg_/),
          type: t.type,
          timestamp: expect.any(String),
          data: t.sample,
        });
        expect(media.schema.properties.type).toEqual({ type: 'string', const: t.type });
        expect(v.check(media.schema, media.example)).toEqual([]);
        expect(v.check(media.schema, { ...media.example, type: 'other.type' }).map((i) => i.path)).toEqual(['/type']);
      } else {
        expect(media.example).toEqual(t.sample);
        expect(media.schema).toEqual(t.schema ?? undefined);
      }
    }
    expect(operationIds.size).toBe(types.length);
    // The envelope keeps the data schema's own references working from the body's root.
    const userBody = document.webhooks['user.created'].post.requestBody.content['application/json'];
    expect(
      v.check(userBody.schema, { ...userBody.example, data: { ...types[0]!.sample, billing: {} } }).map((i) => i.path),
    ).toEqual(['/data/billing/city']);
    expect(userBody.schema.$schema).toBe(D2020);
  });
});

describe('bad documents name the path and the line', () => {
  const openapi = (...webhooks: string[]) =>
    lines('openapi: 3.1.0', 'info: { title: Bad, version: "1" }', 'webhooks:', ...webhooks);

  it('text that is not YAML or JSON', async () => {
    expect(
      await importError(lines('{', '  "openapi": "3.1.0",', '  "info": { "title": "x" }', '  "webhooks": {}', '}')),
    ).toBe('document (line 4, column 3): not valid YAML or JSON: Missing , between flow map items');
    expect(await importError(lines('openapi: 3.1.0', 'info:', '  title: x', ' bad: y'))).toBe(
      'document (line 4, column 1): not valid YAML or JSON: All mapping items must start at the same column',
    );
    expect(await importError(lines('openapi: 3.1.0', 'webhooks: {}', 'openapi: 3.1.1'))).toMatch(
      /^document \(line 3, column 1\): not valid YAML or JSON: Map keys must be unique/,
    );
  });

  it('OpenAPI 3.0, or neither OpenAPI nor AsyncAPI', async () => {
    expect(await importError(lines('info: { title: Old }', 'openapi: 3.0.3', 'paths: {}'))).toBe(
      'openapi (line 2, column 10): OpenAPI 3.0.3 has no webhooks: only OpenAPI 3.1 documents are read (their `webhooks` section)',
    );
    expect(await importError(lines('asyncapi: 1.2.0'))).toBe(
      'asyncapi (line 1, column 11): AsyncAPI 1.2.0 is not read: only AsyncAPI 2.x and 3.x documents are',
    );
    expect(await importError(lines('title: a list', 'items: []'))).toBe(
      'document (line 1, column 1): not an OpenAPI 3.1 or AsyncAPI 2.x / 3.x document: it has no `openapi` or `asyncapi` member',
    );
    expect(await importError('[1, 2]')).toBe(
      'document (line 1, column 1): not an OpenAPI or AsyncAPI document: its top level is not an object',
    );
  });

  it('no webhooks, no messages', async () => {
    expect(await importError(lines('openapi: 3.1.0', 'info: { title: Bad, version: "1" }', 'webhooks: {}'))).toBe(
      'webhooks (line 3, column 11): the document has no webhooks: Hookbench reads the event types in an OpenAPI 3.1 `webhooks` section',
    );
    expect(await importError(lines('asyncapi: 3.0.0', 'info: { title: Bad, version: "1" }', 'operations: {}'))).toMatch(
      /^operations \(line 3, column 13\): the document has no messages/,
    );
    expect(
      await importError(lines('asyncapi: 2.6.0', 'info: { title: Bad, version: "1" }', 'channels:', '  a: {}')),
    ).toMatch(/^channels \(line 4, column 3\): the document has no messages/);
  });

  it('a broken $ref, named with where it is', async () => {
    const doc = lines(
      'openapi: 3.1.0',
      'info: { title: Bad, version: "1" }',
      'webhooks:',
      '  user.created:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      '              $ref: "#/components/schemas/Usr"',
      'components:',
      '  schemas:',
      '    User: { type: object }',
    );
    expect(await importError(doc)).toBe(
      'webhooks["user.created"].post.requestBody.content["application/json"].schema.$ref (line 10, column 21): ' +
        '$ref "#/components/schemas/Usr" points at nothing: #/components/schemas has no "Usr"',
    );
  });

  it('a $ref chain that comes back to itself without a schema', async () => {
    const doc = lines(
      'openapi: 3.1.0',
      'info: { title: Bad, version: "1" }',
      'webhooks:',
      '  a.b:',
      '    post:',
      '      requestBody: { content: { application/json: { schema: { properties: { p: { $ref: "#/components/schemas/A" } } } } } }',
      'components:',
      '  schemas:',
      '    A: { $ref: "#/components/schemas/B" }',
      '    B: { $ref: "#/components/schemas/A" }',
    );
    expect(await importError(doc)).toBe(
      'webhooks["a.b"].post.requestBody.content["application/json"].schema.properties.p.$ref (line 6, column 88): ' +
        '$ref "#/components/schemas/A" leads through $refs back to itself without reaching a schema',
    );
  });

  it('a schema ajv cannot compile, at the line it is written (through its $ref)', async () => {
    const doc = lines(
      'openapi: 3.1.0',
      'info: { title: Bad, version: "1" }',
      'webhooks:',
      '  user.created:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema: { $ref: "#/components/schemas/User" }',
      'components:',
      '  schemas:',
      '    User:',
      '      type: object',
      '      properties:',
      '        age: { type: integr }',
    );
    expect(await importError(doc)).toMatch(
      /^components\.schemas\.User\.properties\.age\.type \(line 15, column 22\): user\.created: not a valid JSON Schema: schema is invalid: /,
    );
  });

  it('the same type name twice', async () => {
    const doc = openapi(
      '  user.created:',
      '    post: { summary: one }',
      '  userCreated:',
      '    post:',
      '      x-hookbench-type: user.created',
      '      summary: two',
    );
    expect(await importError(doc)).toBe(
      'webhooks.userCreated.post.x-hookbench-type (line 8, column 25): event type "user.created" is defined twice ' +
        '(also at webhooks["user.created"], line 4)',
    );
  });

  it('a name that is not an event type name', async () => {
    expect(await importError(openapi('  ok.one:', '    post: {}', '  "user created!":', '    post: {}'))).toBe(
      'webhooks["user created!"] (line 6, column 3): "user created!" is not a usable event type name: ' +
        'an event type is a name like user.created, push or orders/create',
    );
    const asyncapi = lines(
      'asyncapi: 2.6.0',
      'info: { title: Bad, version: "1" }',
      'channels:',
      '  things:',
      '    subscribe:',
      '      message:',
      '        name: "thing happened"',
    );
    expect(await importError(asyncapi)).toMatch(
      /^channels\.things\.subscribe\.message\.name \(line 7, column 15\): "thing happened" is not a usable/,
    );
  });

  it('an example that does not match its own schema, at the offending value', async () => {
    const doc = openapi(
      '  order.placed:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      '              type: object',
      '              properties:',
      '                items: { type: array, items: { properties: { qty: { type: integer } } } }',
      '            example:',
      '              items:',
      '                - qty: 1',
      '                - qty: two',
    );
    expect(await importError(doc)).toBe(
      'webhooks["order.placed"].post.requestBody.content["application/json"].example.items[1].qty (line 16, column 24): ' +
        'order.placed: its example does not match its own schema: /items/1/qty: must be integer (expected integer, found string "two")',
    );
  });

  it('a payload in a schema format other than JSON Schema', async () => {
    const doc = lines(
      'asyncapi: 3.0.0',
      'info: { title: Bad, version: "1" }',
      'components:',
      '  messages:',
      '    Reading:',
      '      payload:',
      '        schemaFormat: application/vnd.apache.avro;version=1.9.0',
      '        schema: { type: record, name: Reading, fields: [] }',
    );
    expect(await importError(doc)).toBe(
      'components.messages.Reading.payload.schemaFormat (line 7, column 23): schema format ' +
        '"application/vnd.apache.avro;version=1.9.0" is not read: Hookbench reads AsyncAPI schemas and JSON Schema (draft-07)',
    );
  });

  it('a document whose $refs multiply without end, or whose YAML aliases do, quickly', async () => {
    const started = Date.now();
    const tenOf = (i: number) =>
      Array.from({ length: 10 }, () => `{ $ref: "#/components/schemas/L${i + 1}" }`).join(', ');
    const bomb = openapi(
      '  boom.now:',
      '    post:',
      '      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/L0" } } } }',
      'components:',
      '  schemas:',
      ...Array.from({ length: 8 }, (_, i) => `    L${i}: { allOf: [${tenOf(i)}] }`),
      '    L8: { type: object }',
    );
    expect(await importError(bomb)).toBe(
      'document (line 1, column 1): the document expands to more than 1000000 values once its $refs are resolved',
    );
    const aliases = lines(
      'openapi: 3.1.0',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    );
    expect(await importError(aliases)).toMatch(
      /^document \(line 1, column 1\): not valid YAML or JSON: Excessive alias count/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an export whose envelope was edited away', async () => {
    const document = exportOpenApi({ title: 'x', catalog: 'hookbench' }, [
      {
        catalog: 'hookbench',
        type: 'user.created',
        category: 'user',
        description: '',
        schemaOrigin: 'workspace',
        form: 'envelope',
        origin: 'custom',
        sample: {},
        schema: { type: 'object' },
      },
    ]) as Record<string, any>;
    document.webhooks['user.created'].post.requestBody.content['application/json'].schema = { type: 'object' };
    expect(await importError(JSON.stringify(document, null, 2))).toMatch(
      /^webhooks\["user\.created"\]\.post\.requestBody\.content\["application\/json"\]\.schema \(line \d+, column \d+\): an envelope type's schema has the Hookbench envelope/,
    );
  });
});

/** A schema is plain JSON: no shared objects, nothing lost in a JSON round trip. */
function assertPlainJson(schema: JsonSchema | null) {
  expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
}

it('imports schemas as plain JSON (no shared or circular objects)', async () => {
  for (const name of ['orders.asyncapi3.yaml', 'accounts.openapi31.json', 'notifications.asyncapi2.yaml']) {
    const { types } = await parseCatalogDocument(fixture(name));
    for (const t of types) assertPlainJson(t.schema);
  }
});
