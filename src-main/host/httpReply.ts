/** How the web host answers: JSON bodies, typed errors, and the headers every answer carries. */
import type { ServerResponse } from 'node:http';
import { HTTP_STATUS_BY_CODE, toErrorShape, type ErrorShape } from '../api/errors';

/** On every answer: no sniffing, no referrer (the token may be in the URL), no framing. */
export const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** `{ error: { code, message, field?, issues? } }` with the status of its code (or the one given). */
export function sendError(
  res: ServerResponse,
  error: ErrorShape | unknown,
  status?: number,
  headers: Record<string, string> = {},
): void {
  const shape = isErrorShape(error) ? error : toErrorShape(error);
  sendJson(res, status ?? HTTP_STATUS_BY_CODE[shape.code] ?? 500, { error: shape }, headers);
}

function isErrorShape(e: unknown): e is ErrorShape {
  return (
    typeof e === 'object' &&
    e !== null &&
    !(e instanceof Error) &&
    typeof (e as ErrorShape).code === 'string' &&
    typeof (e as ErrorShape).message === 'string'
  );
}
