/**
 * AsyncAPI: each message is an event type. 2.x: the messages of each channel's `subscribe` and
 * `publish` operations (`oneOf` too). 3.x: the messages of each `send` / `receive` operation
 * (its `messages`, else all its channel's), else every channel's messages, else
 * `components.messages`. Name: the message's `name`, else its `messageId` (2.x) or key (3.x),
 * else the channel's name. Sample: the first of the message's `examples` (its `payload`), else
 * the payload schema's own example. Payload schemas are AsyncAPI / JSON Schema draft-07; any other
 * `schemaFormat` (Avro, RAML, Protobuf) is refused.
 */
import { pointerSegments } from './jsonPointer';
import { objectOf, sampleOut, schemaExample, schemaOut, textOf, type ReadContext } from './readContext';
import { JSON_SCHEMA_URIS, type DocPath, type ReadType } from './types';

const READABLE_FORMATS = [
  /^application\/vnd\.aai\.asyncapi(\+json|\+yaml)?;\s*version=\d+\.\d+\.\d+$/,
  /^application\/schema(\+json|\+yaml)?;\s*version=draft-0[4-7]$/,
];

interface Found {
  message: unknown;
  at: DocPath;
  /** The message's key where it is defined (3.x), with where that key is written. */
  key?: { name: string; at: DocPath };
  channel: { name: string; at: DocPath } | null;
  operation?: Record<string, unknown>;
}

export function readAsyncApi2(ctx: ReadContext): ReadType[] {
  const found: Found[] = [];
  for (const [channelName, channel] of Object.entries(objectOf(ctx.doc.channels) ?? {})) {
    const channelAt: DocPath = ['channels', channelName];
    for (const action of ['subscribe', 'publish'] as const) {
      const operation = objectOf(objectOf(channel)?.[action]);
      const message = objectOf(operation?.message);
      if (!operation || !message) continue;
      const at: DocPath = [...channelAt, action, 'message'];
      const one = { channel: { name: channelName, at: channelAt }, operation };
      if (Array.isArray(message.oneOf))
        message.oneOf.forEach((m, i) => found.push({ ...one, message: m, at: [...at, 'oneOf', i] }));
      else found.push({ ...one, message, at });
    }
  }
  if (found.length === 0)
    throw ctx.source.fail(
      ['channels'],
      'the document has no messages: no channel has a subscribe or publish operation with a message',
    );
  return found.map((f) => readMessage(ctx, f, 2));
}

export function readAsyncApi3(ctx: ReadContext): ReadType[] {
  const { doc, raw, source } = ctx;
  const found: Found[] = [];
  for (const [opName, op] of Object.entries(objectOf(doc.operations) ?? {})) {
    const opAt: DocPath = ['operations', opName];
    const operation = objectOf(op) ?? {};
    if (operation.action !== 'send' && operation.action !== 'receive')
      throw source.fail([...opAt, 'action'], 'an operation\'s action is "send" or "receive"');
    const written = objectOf(objectOf(raw.operations)?.[opName]);
    const channelRef = refTarget(written?.channel);
    const channel = channelRef ? { name: String(channelRef.at(-1)), at: channelRef } : null;
    const listed = Array.isArray(operation.messages) ? operation.messages : [];
    const writtenList = Array.isArray(written?.messages) ? written.messages : [];
    if (listed.length > 0) {
      listed.forEach((message, i) => {
        const target = refTarget(writtenList[i]);
        const key = target ? { name: String(target.at(-1)), at: target } : undefined;
        found.push({ message, at: [...opAt, 'messages', i], key, channel, operation });
      });
    } else {
      const messages = objectOf(objectOf(operation.channel)?.messages) ?? {};
      for (const [key, message] of Object.entries(messages)) {
        const at: DocPath = [...opAt, 'channel', 'messages', key];
        found.push({ message, at, key: { name: key, at }, channel, operation });
      }
    }
  }
  if (found.length === 0) {
    for (const [channelName, ch] of Object.entries(objectOf(doc.channels) ?? {})) {
      for (const [key, message] of Object.entries(objectOf(objectOf(ch)?.messages) ?? {})) {
        const at: DocPath = ['channels', channelName, 'messages', key];
        found.push({
          message,
          at,
          key: { name: key, at },
          channel: { name: channelName, at: ['channels', channelName] },
        });
      }
    }
  }
  if (found.length === 0) {
    for (const [key, message] of Object.entries(objectOf(objectOf(doc.components)?.messages) ?? {})) {
      const at: DocPath = ['components', 'messages', key];
      found.push({ message, at, key: { name: key, at }, channel: null });
    }
  }
  if (found.length === 0)
    throw source.fail(
      ['operations'],
      'the document has no messages: no operation, channel or components.messages has one',
    );
  return found.map((f) => readMessage(ctx, f, 3));
}

function readMessage(ctx: ReadContext, f: Found, major: 2 | 3): ReadType {
  const { source } = ctx;
  const message = objectOf(f.message);
  if (!message) throw source.fail(f.at, 'a message is an object');
  let payload: unknown = message.payload;
  let payloadAt: DocPath = [...f.at, 'payload'];
  let formatAt: DocPath = [...f.at, 'schemaFormat'];
  let format = message.schemaFormat;
  const multiFormat = objectOf(payload);
  if (major === 3 && multiFormat && typeof multiFormat.schemaFormat === 'string' && 'schema' in multiFormat) {
    format = multiFormat.schemaFormat;
    formatAt = [...payloadAt, 'schemaFormat'];
    payload = multiFormat.schema;
    payloadAt = [...payloadAt, 'schema'];
  }
  if (format !== undefined && !(typeof format === 'string' && READABLE_FORMATS.some((r) => r.test(format as string))))
    throw source.fail(
      formatAt,
      `schema format ${JSON.stringify(format)} is not read: Hookbench reads AsyncAPI schemas and JSON Schema (draft-07)`,
    );

  const named = nameOf(message, f, major);
  if (!named) throw source.fail(f.at, 'the message has no name, no key and no channel to name its event type after');
  const firstExample = Array.isArray(message.examples) ? objectOf(message.examples[0]) : undefined;
  const example =
    firstExample && firstExample.payload !== undefined
      ? { value: firstExample.payload, at: [...f.at, 'examples', 0, 'payload'] as DocPath }
      : schemaExample(payload, payloadAt);
  const description =
    textOf(message.description) ??
    textOf(message.summary) ??
    textOf(message.title) ??
    textOf(f.operation?.description) ??
    textOf(f.operation?.summary) ??
    '';
  return {
    type: named.name.trim(),
    description,
    sample: (example && sampleOut(ctx, example.value, example.at)) ?? {},
    schema: schemaOut(ctx, payload, payloadAt, { dialect: JSON_SCHEMA_URIS['draft-07'], exact: false }),
    form: 'raw',
    at: { name: named.at, nameIsKey: named.isKey, schema: payloadAt, sample: example?.at ?? null },
  };
}

function nameOf(
  message: Record<string, unknown>,
  f: Found,
  major: 2 | 3,
): { name: string; at: DocPath; isKey: boolean } | null {
  if (message.name !== undefined) return { name: stringOr(message.name), at: [...f.at, 'name'], isKey: false };
  if (major === 2 && message.messageId !== undefined)
    return { name: stringOr(message.messageId), at: [...f.at, 'messageId'], isKey: false };
  if (f.key) return { ...f.key, isKey: true };
  if (f.channel) return { ...f.channel, isKey: true };
  return null;
}

/** A name read as written (a non-string fails the name check with its value shown). */
function stringOr(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Where an internal `$ref` (as written) points, as a path; null when `v` is not one. */
function refTarget(v: unknown): DocPath | null {
  const ref = objectOf(v)?.$ref;
  return typeof ref === 'string' && ref.startsWith('#') && ref.length > 2 ? pointerSegments(ref) : null;
}
