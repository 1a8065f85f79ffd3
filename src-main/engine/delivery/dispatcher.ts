import { Agent, request } from 'undici';
import type { ErrorClass } from '../../api/schemas';

export const RESPONSE_BODY_LIMIT = 10 * 1024;

export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
}

export interface AttemptOutcome {
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  truncated: boolean;
  durationMs: number;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
}

/**
 * Sends one HTTP request over keep-alive pools. Never follows redirects; never throws —
 * network failures come back classified (timeout, refused, dns, tls, reset, other).
 */
export class Dispatcher {
  private readonly agent: Agent;

  constructor(opts: { connectionsPerOrigin: number }) {
    this.agent = new Agent({ connections: opts.connectionsPerOrigin, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000 });
  }

  async send(req: OutgoingRequest): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const res = await request(req.url, {
        method: req.method as 'POST',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      const { text, truncated } = await readLimited(res.body, RESPONSE_BODY_LIMIT);
      const headers = flattenHeaders(res.headers);
      const failure = classifyStatus(res.statusCode, headers);
      return { status: res.statusCode, headers, body: text, truncated, durationMs: elapsed(), ...failure };
    } catch (e) {
      const { errorClass, errorMessage } = classifyError(e, req.timeoutMs);
      return { status: null, headers: null, body: null, truncated: false, durationMs: elapsed(), errorClass, errorMessage };
    }
  }

  async close(): Promise<void> {
    // destroy, not close: in-flight requests are abandoned (they are re-sent after a restart).
    await this.agent.destroy().catch(() => {});
  }
}

async function readLimited(body: AsyncIterable<Buffer> & { dump(opts?: { limit: number }): Promise<void> }, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      size = limit;
      truncated = true;
      break; // leaving the loop destroys the rest of the stream
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function classifyStatus(status: number, headers: Record<string, string>): { errorClass: ErrorClass | null; errorMessage: string | null } {
  if (status >= 200 && status < 300) return { errorClass: null, errorMessage: null };
  if (status >= 300 && status < 400) {
    return { errorClass: 'redirect', errorMessage: `HTTP ${status}: redirects are not followed${headers.location ? ` (Location: ${headers.location})` : ''}` };
  }
  return { errorClass: 'http', errorMessage: `HTTP ${status}` };
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|EPROTO|HOSTNAME_MISMATCH)/;

export function classifyError(e: unknown, timeoutMs: number): { errorClass: ErrorClass; errorMessage: string } {
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code ?? '';
  const message = err?.message || String(e);
  if (err?.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return { errorClass: 'timeout', errorMessage: `no response within ${timeoutMs / 1000} s` };
  }
  if (code === 'ECONNREFUSED') return { errorClass: 'refused', errorMessage: `connection refused (${message})` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { errorClass: 'dns', errorMessage: `host not found (${message})` };
  if (TLS_CODE.test(code)) return { errorClass: 'tls', errorMessage: `TLS error ${code}: ${message}` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return { errorClass: 'reset', errorMessage: `connection closed by the server before a response (${message})` };
  }
  return { errorClass: 'other', errorMessage: code ? `${code}: ${message}` : message };
}
