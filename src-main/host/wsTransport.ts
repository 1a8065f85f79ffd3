/**
 * The WebSocket face at WS_PATH: the browser UI's transport. Each `call` goes through
 * `dispatch` (the same validation as every face) and is answered by a `result` with its id;
 * engine events arrive batched as `events`; `hello` greets every connection. The upgrade is
 * accepted only after the Host/Origin/token checks.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { OperationHandlers } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { toErrorShape, type ErrorShape } from '../api/errors';
import { startPushBatcher, type PushSource } from '../api/pushBatcher';
import type { WsCall, WsServerMessage } from '../api/transport';
import { checkApiRequest, type HostGuard, type Rejection } from './security';

/** Largest message a client may send (the REST body limit). */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** Past this much unsent data, event batches to a slow client are dropped (and counted) instead of queued. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface WsTransportOptions {
  handlers: OperationHandlers;
  source: PushSource;
  version: string;
  guard: HostGuard;
}

export interface WsTransport {
  /** For the HTTP server's `upgrade` event on WS_PATH. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
  /** Connected clients. */
  readonly clientCount: number;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

/** Answers an upgrade request with a plain HTTP error (the typed error JSON) and closes the socket. */
export function rejectUpgrade(socket: Duplex, rejection: Rejection): void {
  const body = JSON.stringify({ error: rejection.error });
  const headers = {
    Connection: 'close',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    ...(rejection.headers ?? {}),
  };
  const head = [
    `HTTP/1.1 ${rejection.status} ${STATUS_TEXT[rejection.status] ?? 'Error'}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.on('error', () => {});
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/** The id of a message that is not valid JSON, when it can still be read. */
function readableId(text: string): number | null {
  const m = /"id"\s*:\s*(\d{1,15})\b/.exec(text);
  return m ? Number(m[1]) : null;
}

function validation(field: string, message: string): ErrorShape {
  return { code: 'validation', message, field };
}

export function createWsTransport(opts: WsTransportOptions): WsTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  const send = (ws: WebSocket, message: WsServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  const answer = (ws: WebSocket, id: number, call: Promise<unknown>): void => {
    call.then(
      (result) => send(ws, { type: 'result', id, ok: true, result: result ?? null }),
      (e: unknown) => send(ws, { type: 'result', id, ok: false, error: toErrorShape(e) }),
    );
  };

  const onMessage = (ws: WebSocket, data: RawData): void => {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    let msg: Partial<WsCall> | null;
    try {
      msg = JSON.parse(text) as Partial<WsCall> | null;
    } catch {
      const id = readableId(text);
      if (id !== null)
        send(ws, { type: 'result', id, ok: false, error: validation('message', 'the message is not valid JSON') });
      return;
    }
    if (msg === null || typeof msg !== 'object' || typeof msg.id !== 'number' || !Number.isFinite(msg.id)) return; // nothing to answer to
    const id = msg.id;
    if (msg.type !== 'call') {
      send(ws, {
        type: 'result',
        id,
        ok: false,
        error: validation('type', `unknown message type "${String(msg.type)}"; send { type: "call", id, op, input }`),
      });
      return;
    }
    if (typeof msg.op !== 'string') {
      send(ws, { type: 'result', id, ok: false, error: validation('op', 'op must be an operation name') });
      return;
    }
    answer(
      ws,
      id,
      Promise.resolve().then(() => dispatch(opts.handlers, msg.op as string, msg.input)),
    );
  };

  wss.on('connection', (ws: WebSocket) => {
    let droppedBySlowClient = 0;
    const batcher = startPushBatcher(opts.source, (batch) => {
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        droppedBySlowClient += batch.events.length + batch.dropped;
        return;
      }
      send(ws, { type: 'events', events: batch.events, dropped: batch.dropped + droppedBySlowClient });
      droppedBySlowClient = 0;
    });
    ws.on('message', (data) => onMessage(ws, data));
    ws.on('close', () => batcher.stop());
    ws.on('error', () => batcher.stop());
    send(ws, { type: 'hello', version: opts.version });
  });

  return {
    handleUpgrade(req, socket, head, url) {
      const rejection = checkApiRequest(req, url, opts.guard, { allowQueryToken: true });
      if (rejection) {
        rejectUpgrade(socket, rejection);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
