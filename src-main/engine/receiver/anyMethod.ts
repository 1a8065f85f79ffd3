/**
 * Any RFC 9110 method token reaches the receiver's listener. Node's parser (llhttp) knows a fixed
 * list of methods and fails the connection on any other (`FOO` → HPE_INVALID_METHOD, before a
 * listener runs), and it hands CONNECT to a `connect` event (without one: no answer at all).
 *
 * An unknown method is re-parsed: the bytes of the failed request (the parse error carries them)
 * are put back on the socket with a known method in its place, and the socket is given to the
 * server again as a new connection; the request's real method is kept on the socket and
 * `methodOf` gives it back. This detaches node's parser the way node itself does for upgrades.
 */
import { METHODS, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { HTTP_TOKEN } from '../../api/schemas';

const MAX_METHOD_LENGTH = 64;
/** Stands in for the real method while node parses the request (any method with a body works alike). */
const STAND_IN = 'POST';
const KNOWN = new Set(METHODS);

const realMethod = Symbol('hookbench.realMethod');
type Marked = Socket & { [realMethod]?: string; parser?: unknown; _httpMessage?: ServerResponse | null };

/** The request's method as sent. */
export function methodOf(req: IncomingMessage): string {
  const socket = req.socket as Marked;
  const real = socket[realMethod];
  if (real !== undefined && req.method === STAND_IN) {
    socket[realMethod] = undefined;
    return real;
  }
  return req.method ?? 'GET';
}

export type ParseError = NodeJS.ErrnoException & { rawPacket?: Buffer; bytesParsed?: number };

/**
 * Takes over a connection whose request has a method token node does not know; false (nothing
 * done) when the error is something else or the bytes are not a request with a valid token.
 */
export function reparseUnknownMethod(server: Server, err: ParseError, socket: Duplex): boolean {
  if (
    err.code !== 'HPE_INVALID_METHOD' ||
    !(socket instanceof Socket) ||
    !socket.writable ||
    !Buffer.isBuffer(err.rawPacket)
  )
    return false;
  const request = failedRequest(err.rawPacket, err.bytesParsed ?? 0);
  if (!request) return false;
  const space = request.indexOf(0x20);
  if (space <= 0 || space > MAX_METHOD_LENGTH) return false;
  const method = request.subarray(0, space).toString('latin1');
  if (!HTTP_TOKEN.test(method) || KNOWN.has(method)) return false;
  const detach = httpInternals();
  if (!detach) return false;

  const s = socket as Marked;
  detach(s);
  s.setTimeout(0); // a keep-alive timeout armed by the old state must not cut this request
  (s as { readableFlowing: boolean | null }).readableFlowing = null;
  s.unshift(Buffer.concat([Buffer.from(STAND_IN, 'latin1'), request.subarray(space)]));
  s[realMethod] = method;
  // A pipelined response still being written belongs to the old state: hand over once it is done.
  const pending = s._httpMessage;
  if (pending && !pending.writableFinished)
    pending.once('finish', () => setImmediate(() => server.emit('connection', s)));
  else server.emit('connection', s);
  return true;
}

/** Every prefix of a method node knows (with ''): where llhttp can be when it meets a byte it does not expect. */
const KNOWN_PREFIXES = new Set(METHODS.flatMap((m) => Array.from({ length: m.length }, (_, i) => m.slice(0, i))));
const LONGEST_KNOWN = Math.max(...METHODS.map((m) => m.length));

/**
 * The failed request's bytes. llhttp failed at `bytesParsed - 1` after matching a prefix of a
 * known method, so the request starts where such a prefix does: at the start of the packet or a
 * line if one does (a request after one without a body), else the longest (after a body).
 */
function failedRequest(packet: Buffer, bytesParsed: number): Buffer | null {
  const failedAt = bytesParsed - 1;
  if (failedAt < 0 || failedAt >= packet.length) return null;
  let start = -1;
  for (let s = failedAt; s >= Math.max(0, failedAt - LONGEST_KNOWN); s--) {
    if (!KNOWN_PREFIXES.has(packet.toString('latin1', s, failedAt))) continue;
    start = s;
    if (s === 0 || packet[s - 1] === 0x0a) break;
  }
  return start === -1 ? null : packet.subarray(start);
}

/** Node's own listeners on a server socket (named functions in lib/_http_server.js). */
const HTTP_LISTENER = /^(?:bound )?(?:socketOn(?:Data|End|Close|Drain|Error|Timeout)|onSocket(?:Resume|Pause))$/;
const HTTP_EVENTS = ['data', 'end', 'close', 'drain', 'error', 'timeout', 'resume', 'pause'] as const;

type FreeParser = (parser: unknown, req: unknown, socket: unknown) => void;
let freeParser: FreeParser | null | undefined;

/** Detaches node's parser and listeners from a socket, as node does for an upgrade; null if this node does not expose them. */
function httpInternals(): ((socket: Marked) => void) | null {
  if (freeParser === undefined) {
    try {
      const p = process as { getBuiltinModule?: (id: string) => unknown };
      const common = (
        p.getBuiltinModule ? p.getBuiltinModule('_http_common') : createRequire(import.meta.url)('_http_common')
      ) as { freeParser?: FreeParser } | undefined;
      freeParser = typeof common?.freeParser === 'function' ? common.freeParser : null;
    } catch {
      freeParser = null;
    }
  }
  const free = freeParser;
  if (!free) return null;
  return (socket) => {
    for (const event of HTTP_EVENTS) {
      for (const listener of socket.listeners(event))
        if (HTTP_LISTENER.test((listener as { name: string }).name)) socket.removeListener(event, listener as never);
    }
    free(socket.parser, null, socket);
    // node wraps these on a server socket; the new connection wraps them again.
    for (const key of ['on', 'addListener', 'prependListener', 'setEncoding'] as const)
      delete (socket as unknown as Record<string, unknown>)[key];
  };
}

/**
 * CONNECT (node parses it as the start of a tunnel): answered like any other request through
 * `listener`, then the connection is closed (what follows the headers would be tunnel data).
 */
export function answerConnect(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, socket: Duplex): void => {
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    res.once('finish', () => {
      res.detachSocket(socket as Socket);
      socket.end();
    });
    socket.once('error', () => socket.destroy());
    listener(req, res);
  };
}
