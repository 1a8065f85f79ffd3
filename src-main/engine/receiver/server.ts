/** The receiver's one node:http server: limits and timeouts against bad clients, and listen errors as values. */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { HookbenchError } from '../../api/errors';
import { answerConnect, reparseUnknownMethod, type ParseError } from './anyMethod';

export interface ServerLimits {
  /** Time allowed for the request line and headers (slow-header clients). */
  headersTimeoutMs: number;
  /** Time allowed for the whole request (slow-body clients). */
  requestTimeoutMs: number;
  /** Bytes of request line and headers; this also bounds how many headers node parses. */
  maxHeaderSize: number;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function createReceiverServer(limits: ServerLimits, listener: Listener, log: Pick<Console, 'error'>): Server {
  const requestTimeout = limits.requestTimeoutMs;
  // node refuses a headers timeout longer than the request timeout.
  const headersTimeout =
    requestTimeout > 0 ? Math.min(limits.headersTimeoutMs, requestTimeout) : limits.headersTimeoutMs;
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderSize,
      headersTimeout,
      requestTimeout,
      // Timeouts are only enforced when node checks; by default that is every 30 s.
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1000, Math.floor(Math.min(headersTimeout, requestTimeout || headersTimeout) / 4)),
      ),
      // Log what arrives even from clients that skip Host (it's a workbench, not a router).
      requireHostHeader: false,
      keepAliveTimeout: 5000,
    },
    listener,
  );
  // Node would drop headers past its count silently; every header is parsed (maxHeaderSize bounds
  // them) and the intake keeps its count and flags the request when it cuts.
  server.maxHeadersCount = 0;
  // Answer `Expect: 100-continue` ourselves: a body declared over the limit is refused unsent.
  server.on('checkContinue', listener);
  server.on('connect', answerConnect(listener));
  server.on('clientError', (err: ParseError, socket: Duplex) => {
    if (!reparseUnknownMethod(server, err, socket)) answerClientError(err, socket);
  });
  // A failure to listen is listenOn's to report (as a value); only errors while serving are logged.
  server.on('error', (err) => {
    if (server.listening) log.error('hookbench receiver: server error:', err);
  });
  return server;
}

/** Malformed HTTP, oversized headers, timeouts: answer if the socket still can, then drop it. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const midResponse =
    (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable || midResponse) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ error: 'bad_request', message: `${STATUS_CODES[status]}: ${err.code ?? err.message}` });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.once('finish', () => socket.destroy());
  // A client that never reads must not keep the socket open.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Listens, turning the usual failures into errors a person can act on. */
export function listenOn(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(listenError(e, port, host));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Why the receiver cannot listen, in words a person can act on (shown in Settings and by the CLI). */
function listenError(e: NodeJS.ErrnoException, port: number, host: string): HookbenchError {
  switch (e.code) {
    case 'EADDRINUSE':
      return new HookbenchError(
        'conflict',
        `port ${port} is in use on ${host} by another program — choose another receiver port`,
        'receiverPort',
      );
    case 'EACCES':
    case 'EPERM':
      return new HookbenchError(
        'forbidden',
        `cannot listen on ${host}:${port}: not allowed (ports below 1024 need privileges) — choose a port from 1024 to 65535`,
        'receiverPort',
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAFNOSUPPORT':
    case 'EINVAL':
      return new HookbenchError(
        'validation',
        `cannot listen on host ${host}: it is not an address of this machine — use 127.0.0.1 (this machine only) or 0.0.0.0 (every network)`,
        'receiverHost',
      );
    default:
      return new HookbenchError('unavailable', `cannot listen on ${host}:${port}: ${e.message}`, 'receiverPort');
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** The URL to reach the receiver on this machine (a wildcard bind is reached via loopback). */
export function receiverUrl(host: string, port: number): string {
  let h = host.replace(/^\[|\]$/g, '');
  if (h === '0.0.0.0' || h === '') h = '127.0.0.1';
  else if (h === '::') h = '::1';
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}
