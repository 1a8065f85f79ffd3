/**
 * The REST face under /api/v1, derived from OPERATIONS: every operation with a `rest` route is
 * reachable by its method and path template. Input = query string (typed by the operation's
 * schema) + JSON body + `{param}` path segments (which win), validated by `dispatch` exactly as
 * the other faces validate it.
 *
 * Envelope: success is `{ "data": <result> }` (201 for `*.create`, else 200); failure is
 * `{ "error": { code, message, field?, issues? } }` with the status of its code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPERATIONS, OPERATION_NAMES, type OperationHandlers, type OperationName } from '../api/contract';
import type { HttpMethod } from '../api/contract/define';
import { dispatch } from '../api/dispatch';
import { HookbenchError } from '../api/errors';
import { buildOpenApi, EXPORT_PATH, OPENAPI_PATH, pathParamNames, restSuccessStatus } from '../api/openapi';
import { REST_PREFIX } from '../api/transport';
import { BASE_HEADERS, sendError, sendJson } from './httpReply';
import { queryToInput, coerceField, objectFields } from './queryInput';
import { BodyTooLargeError, readJsonBody, UnsupportedMediaTypeError } from './requestBody';

interface CompiledRoute {
  name: OperationName | null;
  method: HttpMethod;
  template: string;
  /** A literal segment, or null where a `{param}` goes. */
  segments: (string | null)[];
  params: string[];
  literals: number;
  /** For the host's own routes (openapi, export). */
  own?: OwnRoute;
}

type OwnRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

function compile(template: string, method: HttpMethod, name: OperationName | null, own?: OwnRoute): CompiledRoute {
  const parts = splitPath(template);
  const segments = parts.map((p) => (/^\{[^}]+\}$/.test(p) ? null : p));
  return {
    name,
    method,
    template,
    segments,
    params: pathParamNames(template),
    literals: segments.filter((s) => s !== null).length,
    own,
  };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Every operation route, compiled once. */
function operationRoutes(): CompiledRoute[] {
  const routes: CompiledRoute[] = [];
  for (const name of OPERATION_NAMES) {
    const rest = OPERATIONS[name].rest;
    if (rest) routes.push(compile(rest.path, rest.method, name));
  }
  return routes;
}

interface Match {
  route: CompiledRoute;
  params: Record<string, string>;
}

function matchRoutes(routes: CompiledRoute[], segments: string[]): Match[] {
  const out: Match[] = [];
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    let p = 0;
    for (let i = 0; i < segments.length && ok; i++) {
      const want = route.segments[i];
      if (want === null) params[route.params[p++]!] = segments[i]!;
      else ok = want === segments[i];
    }
    if (ok) out.push({ route, params });
  }
  // Literal segments win over parameters (`/events/available` before a `/events/{id}`).
  return out.sort((a, b) => b.route.literals - a.route.literals);
}

export interface RestRouterOptions {
  handlers: OperationHandlers;
  version: string;
  /** GET /api/v1/export: the streamed download. */
  exportDownload: OwnRoute;
}

/** The request handler for everything under REST_PREFIX (security checks already passed). */
export function createRestRouter(
  opts: RestRouterOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  let openApi: string | null = null;
  const routes = [
    ...operationRoutes(),
    compile(OPENAPI_PATH, 'GET', null, (_req, res) => {
      openApi ??= JSON.stringify(buildOpenApi(opts.version));
      res.writeHead(200, {
        ...BASE_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(openApi);
    }),
    compile(EXPORT_PATH, 'GET', null, opts.exportDownload),
  ];

  return async (req, res, url) => {
    try {
      const rel = url.pathname.slice(REST_PREFIX.length);
      let segments: string[];
      try {
        segments = splitPath(rel).map((s) => decodeURIComponent(s));
      } catch {
        throw new HookbenchError('validation', `the path ${url.pathname} is not valid URL encoding`, 'path');
      }
      const matches = matchRoutes(routes, segments);
      if (matches.length === 0) throw new HookbenchError('not_found', `no route ${req.method} ${url.pathname}`, 'path');
      const method = (req.method ?? 'GET').toUpperCase();
      const match = matches.find((m) => m.route.method === method);
      if (!match) {
        const allow = [...new Set(matches.map((m) => m.route.method))].join(', ');
        sendError(
          res,
          { code: 'validation', message: `${url.pathname} does not accept ${method}; use ${allow}`, field: 'method' },
          405,
          { Allow: allow },
        );
        req.resume();
        return;
      }
      if (match.route.own) {
        await match.route.own(req, res, url);
        return;
      }
      await callOperation(opts.handlers, match, req, res, url);
    } catch (e) {
      if (e instanceof BodyTooLargeError && e.closeConnection) {
        sendError(res, e, undefined, { Connection: 'close' });
        return;
      }
      sendError(res, e, e instanceof UnsupportedMediaTypeError ? e.status : undefined);
    }
  };
}

async function callOperation(
  handlers: OperationHandlers,
  match: Match,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const name = match.route.name!;
  const schema = OPERATIONS[name].input;
  const fields = objectFields(schema);
  const query = queryToInput(url.searchParams, schema, ['token']);
  const body = match.route.method === 'GET' ? {} : await readJsonBody(req);
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(match.params)) params[k] = coerceField([v], fields[k]);
  const result = await dispatch(handlers, name, { ...query, ...body, ...params });
  sendJson(res, restSuccessStatus(name), { data: result ?? null });
}
