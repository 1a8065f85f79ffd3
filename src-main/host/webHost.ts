/**
 * The web host: the same UI in a browser, the same operations over a WebSocket, and a REST API
 * for scripts, on one HTTP server bound to 127.0.0.1 and guarded by a per-launch token and
 * Host/Origin checks (security.ts). It opens nothing itself: the caller owns the Workbench.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { HookbenchError } from '../api/errors';
import { REST_PREFIX, WS_PATH } from '../api/transport';
import type { Workbench } from '../engine/workbench';
import { createExportDownload } from './exportDownload';
import { sendError } from './httpReply';
import { createRestRouter } from './rest';
import { checkHostAndOrigin, checkToken, LOOPBACK_HOSTS, newToken, type HostGuard } from './security';
import { createStaticHandler } from './static';
import { packageVersion } from './version';
import { createWsTransport, rejectUpgrade, type WsTransport } from './wsTransport';

export const DEFAULT_WEB_PORT = 7878;

/**
 * Like the receiver's: an idle connection (kept alive after an answer, or opened and never used)
 * is closed after a few seconds instead of node's 60 s+ defaults; a request has 30 s to arrive
 * whole. Node checks the header and request timeouts every `connectionsCheckingInterval`.
 */
export const WEB_HOST_TIMEOUTS = {
  keepAliveTimeout: 5_000,
  headersTimeout: 5_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
} as const;

export interface WebHostOptions {
  workbench: Workbench;
  /** 0 (the default) = any free port; the CLI and `npm run web` use 7878. */
  port?: number;
  /** 127.0.0.1 unless `allowNonLoopback`. */
  host?: string;
  /** Default: 32 random bytes, base64url, new on every launch. */
  token?: string;
  /** The built renderer (`out/renderer`); without it the UI answers "Run `npm run build` first". */
  staticDir?: string;
  /** Bind to a non-loopback address anyway (with a warning): anyone who can reach it and has the token controls Hookbench. */
  allowNonLoopback?: boolean;
  /** Reported in `hello` and the OpenAPI document (default: package.json's). */
  version?: string;
  /** Where the non-loopback warning goes (default: stderr). */
  onWarning?: (message: string) => void;
}

export interface WebHost {
  /** The UI with the token: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  token: string;
  /** Stops listening and drops every connection (the Workbench stays open). */
  close(): Promise<void>;
}

function isApiPath(pathname: string): boolean {
  return pathname === REST_PREFIX || pathname.startsWith(`${REST_PREFIX}/`);
}

/** The request target as a URL; only origin-form (`/path?query`) targets are accepted. */
function targetUrl(req: IncomingMessage, port: number): URL | null {
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const loopback = LOOPBACK_HOSTS.includes(host);
  if (!loopback && !opts.allowNonLoopback) {
    throw new HookbenchError(
      'validation',
      `the web host binds to loopback only (127.0.0.1); "${host}" needs allowNonLoopback`,
      'host',
    );
  }
  if (!loopback) {
    (opts.onWarning ?? ((m) => process.stderr.write(`warning: ${m}\n`)))(
      `the web host is listening on ${host}: anyone who can reach this address and has the token controls this Hookbench`,
    );
  }
  const token = opts.token ?? newToken();
  if (token.length < 16) throw new HookbenchError('validation', 'the token must be at least 16 characters', 'token');
  const version = opts.version ?? packageVersion();
  const workbench = opts.workbench;
  const guard: HostGuard = {
    port: opts.port ?? 0,
    token,
    extraHost: host === '127.0.0.1' || host === 'localhost' ? undefined : host,
  };

  // Built once the port is known (the CSP and the Host check name it); no request arrives before.
  let rest: ReturnType<typeof createRestRouter>;
  let serveStatic: ReturnType<typeof createStaticHandler>;
  let ws: WsTransport;

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = targetUrl(req, guard.port);
    if (!url) {
      sendError(res, { code: 'validation', message: 'the request target must be a path', field: 'path' });
      return;
    }
    const refused = checkHostAndOrigin(req, guard);
    if (refused) {
      sendError(res, refused.error, refused.status, refused.headers);
      req.resume();
      return;
    }
    if (isApiPath(url.pathname)) {
      const denied = checkToken(req, url, guard, req.method === 'GET');
      if (denied) {
        sendError(res, denied.error, denied.status, denied.headers);
        req.resume();
        return;
      }
      void rest(req, res, url);
      return;
    }
    serveStatic(req, res, url).catch((e: unknown) => sendError(res, e));
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = targetUrl(req, guard.port);
    if (!url || url.pathname !== WS_PATH) {
      rejectUpgrade(socket, {
        status: 404,
        error: { code: 'not_found', message: `WebSocket upgrades go to ${WS_PATH}`, field: 'path' },
      });
      return;
    }
    ws.handleUpgrade(req, socket, head, url);
  };

  const server = createServer({ ...WEB_HOST_TIMEOUTS }, onRequest);
  server.on('upgrade', onUpgrade);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') {
        reject(
          new HookbenchError(
            'unavailable',
            `port ${opts.port} on ${host} is in use; choose another with --port (0 = any free port)`,
            'port',
          ),
        );
      } else if (e.code === 'EACCES') {
        reject(new HookbenchError('unavailable', `not allowed to listen on ${host}:${opts.port}`, 'port'));
      } else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      guard.port = (server.address() as AddressInfo).port;
      rest = createRestRouter({ handlers: workbench, version, exportDownload: createExportDownload(workbench) });
      serveStatic = createStaticHandler({ staticDir: opts.staticDir, port: guard.port });
      ws = createWsTransport({ handlers: workbench, source: workbench, version, guard });
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(opts.port ?? 0, host);
  });

  const address = server.address() as AddressInfo;
  const shownHost =
    address.address === '127.0.0.1'
      ? '127.0.0.1'
      : address.address === '::1'
        ? 'localhost'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
  const origin = `http://${shownHost}:${guard.port}`;
  let closing: Promise<void> | null = null;

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port: guard.port,
    token,
    close() {
      closing ??= (async () => {
        await ws.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
