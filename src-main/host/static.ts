/**
 * The built renderer (`out/renderer`) served to the browser: real MIME types, a strict CSP,
 * SPA fallback to index.html, and a readable page instead of a crash when nothing is built.
 * The token reaches the UI in the page URL (`/?token=…`); the UI reads it from location.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { BASE_HEADERS } from './httpReply';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The UI's Content-Security-Policy: only our own scripts, and sockets only to this host. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hookbench</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Hookbench web host is running</h1>
<p>The user interface has not been built yet. Run <code>npm run build</code> first, then reload this page.</p>
<p>The REST API under <code>/api/v1</code> and the WebSocket work already.</p>
</body></html>
`;

async function fileAt(path: string): Promise<{ size: number } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { size: s.size } : null;
  } catch {
    return null;
  }
}

export interface StaticOptions {
  /** The built renderer; undefined = nothing to serve (the "build first" page). */
  staticDir?: string;
  port: number;
}

/** The request handler for everything outside /api (security checks already passed). */
export function createStaticHandler(
  opts: StaticOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const root = opts.staticDir ? resolve(opts.staticDir) : undefined;
  const headers = { ...BASE_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(opts.port) };

  const send = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string) => {
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(status, {
      ...headers,
      'Content-Type': type,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };

  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(req, res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n');
      return;
    }
    const index = root ? join(root, 'index.html') : undefined;
    if (!root || !index || !(await fileAt(index))) {
      send(req, res, 503, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      send(req, res, 400, 'text/plain; charset=utf-8', 'Bad Request\n');
      return;
    }
    const target = resolve(root, `.${rel}`);
    // Never outside the build directory (`/../..`, encoded or not).
    if (target !== root && !target.startsWith(root + sep)) {
      send(req, res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
      return;
    }
    let path = target;
    let file = target === root ? null : await fileAt(target);
    if (!file) {
      // A client-side route (`/deliveries/…`) gets the app; a missing asset (`/assets/x.js`) is a 404.
      if (extname(rel) !== '' && extname(rel) !== '.html') {
        send(req, res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
        return;
      }
      path = index;
      file = await fileAt(index);
      if (!file) {
        send(req, res, 503, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
        return;
      }
    }
    const hashedAsset = /\/assets\//.test(path.slice(root.length).split(sep).join('/'));
    res.writeHead(200, {
      ...headers,
      'Content-Type': mimeTypeOf(path),
      'Content-Length': String(file.size),
      'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
