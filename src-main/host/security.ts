/**
 * Who may talk to the web host. Three checks, all before anything else happens:
 * - Host header: exactly `127.0.0.1:<port>` or `localhost:<port>`, so a page on a rebound
 *   DNS name (DNS rebinding) is refused even though its requests reach our socket;
 * - Origin, when a browser sends one: our own origin only (no cross-site calls);
 * - the per-launch token: `Authorization: Bearer <token>`; `?token=` is also accepted for GET
 *   (download links, the browser tab) and for the WebSocket upgrade, which cannot set headers.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorShape } from '../api/errors';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/** 32 random bytes, base64url: new on every launch unless one is given. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface Rejection {
  status: number;
  error: ErrorShape;
  headers?: Record<string, string>;
}

export interface HostGuard {
  port: number;
  token: string;
  /** The bound host when it is not loopback (allowNonLoopback): also accepted in Host/Origin. */
  extraHost?: string;
}

function hostForms(guard: HostGuard): string[] {
  const names = ['127.0.0.1', 'localhost'];
  if (guard.extraHost) names.push(guard.extraHost.includes(':') ? `[${guard.extraHost}]` : guard.extraHost);
  return names.map((n) => `${n}:${guard.port}`);
}

/** Host must name us; Origin, when present, must be our own. */
export function checkHostAndOrigin(req: IncomingMessage, guard: HostGuard): Rejection | null {
  const host = req.headers.host;
  const forms = hostForms(guard);
  if (host === undefined || !forms.includes(host.toLowerCase())) {
    return forbidden(`Host "${host ?? ''}" is not allowed; use http://127.0.0.1:${guard.port}`, 'host');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !forms.map((f) => `http://${f}`).includes(origin.toLowerCase())) {
    return forbidden(`requests from origin "${origin}" are not allowed`, 'origin');
  }
  return null;
}

function forbidden(message: string, field: string): Rejection {
  return { status: 403, error: { code: 'forbidden', message, field } };
}

/** The token the request carries, if any: the bearer header, else `?token=` where allowed. */
export function presentedToken(req: IncomingMessage, url: URL, allowQuery: boolean): string | null {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1]! : '';
  }
  if (allowQuery) return url.searchParams.get('token');
  return null;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first: equal lengths for timingSafeEqual, and no early exit on a length mismatch.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** 401 unless the request carries the launch token. */
export function checkToken(req: IncomingMessage, url: URL, guard: HostGuard, allowQuery: boolean): Rejection | null {
  const given = presentedToken(req, url, allowQuery);
  if (given === null || given === '') {
    const how = allowQuery
      ? 'send "Authorization: Bearer <token>" or ?token=<token>'
      : 'send "Authorization: Bearer <token>"';
    return unauthorized(`a token is required: ${how} (printed when the host started)`);
  }
  if (!sameSecret(given, guard.token)) return unauthorized('the token is not valid for this launch of the web host');
  return null;
}

function unauthorized(message: string): Rejection {
  return {
    status: 401,
    error: { code: 'forbidden', message, field: 'token' },
    headers: { 'WWW-Authenticate': 'Bearer realm="hookbench"' },
  };
}

/** Every check a request to the API (or the WebSocket upgrade) must pass; the first failure. */
export function checkApiRequest(
  req: IncomingMessage,
  url: URL,
  guard: HostGuard,
  opts: { allowQueryToken: boolean },
): Rejection | null {
  return checkHostAndOrigin(req, guard) ?? checkToken(req, url, guard, opts.allowQueryToken);
}
