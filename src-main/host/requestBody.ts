/** Request bodies of the REST API: bounded, JSON objects sent as JSON only, errors naming `body` or `content-type`. */
import type { IncomingMessage } from 'node:http';
import { HookbenchError } from '../api/errors';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Past the limit the rest is read and thrown away (so the client sees the 413) up to this much. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

export class BodyTooLargeError extends HookbenchError {
  /** The rest of the body was not read: the connection must close after the answer. */
  readonly closeConnection: boolean;
  constructor(limit: number, closeConnection: boolean) {
    super('too_large', `the request body is larger than ${limit / (1024 * 1024)} MiB`, 'body');
    this.closeConnection = closeConnection;
  }
}

/** A body sent as something other than JSON: answered 415, naming the type it came as. */
export class UnsupportedMediaTypeError extends HookbenchError {
  readonly status = 415;
  constructor(contentType: string | undefined) {
    const sentAs = contentType
      ? `is sent as ${contentType.split(';')[0]!.trim().slice(0, 100)}`
      : 'has no Content-Type';
    super('validation', `the body ${sentAs}; send JSON with Content-Type: application/json`, 'content-type');
  }
}

/** `application/json` or `application/<anything>+json`, with any parameters (`; charset=utf-8`). */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** The JSON object body of a request; an empty body is `{}` whatever its content type (or none). */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const bytes = await readBody(req);
  if (bytes.length > 0 && !isJsonContentType(req.headers['content-type']))
    throw new UnsupportedMediaTypeError(req.headers['content-type']);
  return parseJsonObject(bytes);
}

/** The body bytes; a BodyTooLargeError once the whole (oversized) body has been read or dropped. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      reject(new BodyTooLargeError(limit, true));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (over) {
        chunks.length = 0;
        if (size > DRAIN_LIMIT_BYTES) {
          settle(() => reject(new BodyTooLargeError(limit, true)));
          req.pause();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      settle(() => (over ? reject(new BodyTooLargeError(limit, false)) : resolve(Buffer.concat(chunks)))),
    );
    req.on('error', (e) => settle(() => reject(e)));
    req.on('close', () =>
      settle(() => reject(new HookbenchError('validation', 'the request body was cut off', 'body'))),
    );
  });
}

/** A JSON object body; an empty body is `{}`. */
export function parseJsonObject(bytes: Buffer): Record<string, unknown> {
  const text = bytes.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new HookbenchError('validation', `body is not valid JSON: ${(e as Error).message}`, 'body');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HookbenchError(
      'validation',
      `body must be a JSON object, got ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`,
      'body',
    );
  }
  return parsed as Record<string, unknown>;
}
