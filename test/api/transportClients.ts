/**
 * Real clients of the three faces for the transport tests: in-process (`dispatch`), a WebSocket
 * client (ws) and a REST caller (undici) that builds the URL from the operation's REST route.
 * Each `call` resolves with the result or rejects with the HookbenchError the face carried.
 */
import { request } from 'undici';
import WebSocket from 'ws';
import {
  OPERATIONS,
  type OperationHandlers,
  type OperationName,
  type PushEventName,
} from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import { HookbenchError, type ErrorShape } from '../../src-main/api/errors';
import { REST_PREFIX, WS_PATH, type PushEnvelope, type WsServerMessage } from '../../src-main/api/transport';

export type TransportName = 'in-process' | 'websocket' | 'rest';

/** A HookbenchError plus the HTTP status when it came over REST. */
export class TransportError extends HookbenchError {
  constructor(
    shape: ErrorShape,
    readonly status?: number,
  ) {
    super(shape.code, shape.message, shape.field, shape.issues);
  }
}

export interface Caller {
  name: TransportName;
  call(op: OperationName | string, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export function inProcessCaller(handlers: OperationHandlers): Caller {
  return {
    name: 'in-process',
    call: (op, input) => dispatch(handlers, op, input),
    close: async () => {},
  };
}

// ── REST ────────────────────────────────────────────────────────────────────

export interface RestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

/** One raw REST request (JSON in, JSON or text out). */
export async function restRequest(
  origin: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RestResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Buffer | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await request(`${origin}${path}`, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

/** Input as a query string: arrays as repeated keys, objects as JSON, the rest as text. */
export function toQuery(input: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (Array.isArray(v))
      for (const item of v) params.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
    else params.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Calls an operation by its REST route: `{param}`s from the input, GET → query string, else JSON body. */
export function restCaller(origin: string, token: string): Caller & { lastStatus: number } {
  const caller = {
    name: 'rest' as const,
    lastStatus: 0,
    async call(op: string, input: unknown) {
      const def = OPERATIONS[op as OperationName];
      if (!def?.rest) throw new Error(`${op} has no REST route`);
      const rest = { ...((input ?? {}) as Record<string, unknown>) };
      const path = def.rest.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
        const v = rest[name];
        delete rest[name];
        return encodeURIComponent(String(v ?? ''));
      });
      const res =
        def.rest.method === 'GET'
          ? await restRequest(origin, 'GET', `${REST_PREFIX}${path}${toQuery(rest)}`, { token })
          : await restRequest(origin, def.rest.method, `${REST_PREFIX}${path}`, { token, body: rest });
      caller.lastStatus = res.status;
      const body = res.body as { data?: unknown; error?: ErrorShape } | undefined;
      if (res.status >= 400)
        throw new TransportError(body?.error ?? { code: 'internal', message: res.text }, res.status);
      if (!body || !('data' in body)) throw new Error(`no { data } envelope: ${res.text.slice(0, 200)}`);
      return body.data;
    },
    close: async () => {},
  };
  return caller;
}

// ── WebSocket ───────────────────────────────────────────────────────────────

export interface WsClient extends Caller {
  socket: WebSocket;
  hello: Extract<WsServerMessage, { type: 'hello' }>;
  /** Every pushed event so far, in arrival order. */
  events: PushEnvelope[];
  batches: Extract<WsServerMessage, { type: 'events' }>[];
  /** Every message received (results, events, hello). */
  messages: WsServerMessage[];
  /** Resolves when an event of that name matching `test` has arrived. */
  waitForEvent(name: PushEventName, test?: (payload: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  /** Sends raw text and resolves with the next `result` for `id` (or null after `timeoutMs`). */
  sendRaw(text: string, id?: number, timeoutMs?: number): Promise<WsServerMessage | null>;
}

export function wsUrl(origin: string, token?: string): string {
  return `${origin.replace(/^http/, 'ws')}${WS_PATH}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Connects and waits for `hello`. */
export function connectWs(origin: string, token: string, opts: WebSocket.ClientOptions = {}): Promise<WsClient> {
  return new Promise<WsClient>((resolve, reject) => {
    const socket = new WebSocket(wsUrl(origin, token), opts);
    const pending = new Map<number, (m: WsServerMessage) => void>();
    const waiters: (() => void)[] = [];
    let nextId = 1;
    const client = {
      name: 'websocket' as const,
      socket,
      hello: undefined as unknown as WsClient['hello'],
      events: [] as PushEnvelope[],
      batches: [] as WsClient['batches'],
      messages: [] as WsServerMessage[],
      call(op: string, input: unknown) {
        const id = nextId++;
        return new Promise<unknown>((res, rej) => {
          pending.set(id, (m) => {
            if (m.type !== 'result') return;
            if (m.ok) res(m.result);
            else rej(new TransportError(m.error));
          });
          socket.send(JSON.stringify({ type: 'call', id, op, input }));
        });
      },
      sendRaw(text: string, id?: number, timeoutMs = 1000) {
        return new Promise<WsServerMessage | null>((res) => {
          const timer = setTimeout(() => {
            if (id !== undefined) pending.delete(id);
            res(null);
          }, timeoutMs);
          if (id !== undefined) {
            pending.set(id, (m) => {
              clearTimeout(timer);
              res(m);
            });
          }
          socket.send(text);
        });
      },
      waitForEvent(name: PushEventName, test: (p: unknown) => boolean = () => true, timeoutMs = 5000) {
        return new Promise<unknown>((res, rej) => {
          const check = () => {
            const found = client.events.find((e) => e.name === name && test(e.payload));
            if (found) {
              clearTimeout(timer);
              waiters.splice(waiters.indexOf(check), 1);
              res(found.payload);
              return true;
            }
            return false;
          };
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(check), 1);
            rej(new Error(`no ${name} event within ${timeoutMs} ms`));
          }, timeoutMs);
          waiters.push(check);
          check();
        });
      },
      close() {
        return new Promise<void>((res) => {
          if (socket.readyState === WebSocket.CLOSED) return res();
          socket.once('close', () => res());
          socket.close();
        });
      },
    };
    socket.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as WsServerMessage;
      client.messages.push(msg);
      if (msg.type === 'hello') {
        client.hello = msg;
        resolve(client);
      } else if (msg.type === 'result') {
        const handler = pending.get(msg.id);
        pending.delete(msg.id);
        handler?.(msg);
      } else if (msg.type === 'events') {
        client.batches.push(msg);
        client.events.push(...msg.events);
        for (const w of [...waiters]) w();
      }
    });
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** Tries an upgrade and reports the HTTP status and JSON body of the refusal (or 101 when accepted). */
export function tryUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, body: null });
    });
    socket.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    socket.once('error', (e) => reject(e));
  });
}
