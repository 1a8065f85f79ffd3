import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { isSuccessStatus, type ErrorClass } from '../../api/schemas';

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

/** A request's own deadline: the sweep aborts it through `signal` (an emitter undici listens to). */
interface Deadline {
  at: number;
  signal: EventEmitter;
  expired: boolean;
}

/** How often in-flight requests are checked against their deadline (timeouts are reported this late at most). */
const SWEEP_MS = 100;

/**
 * Sends one HTTP request over keep-alive pools. Never follows redirects; never throws —
 * network failures come back classified (timeout, refused, dns, tls, reset, other).
 *
 * The per-webhook timeout covers the whole request. It is enforced by one sweep over the
 * requests in flight, not a timer per request: `AbortSignal.timeout` per request cost ~30 µs of
 * CPU each (a signal, a timer left pending for the whole timeout) — a third of the send.
 */
export class Dispatcher {
  private readonly agent: Agent;
  private readonly deadlines = new Set<Deadline>();
  private sweep: NodeJS.Timeout | null = null;

  constructor(opts: { connectionsPerOrigin: number }) {
    this.agent = new Agent({
      connections: opts.connectionsPerOrigin,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
    });
  }

  async send(req: OutgoingRequest): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const deadline: Deadline = { at: started + req.timeoutMs, signal: new EventEmitter(), expired: false };
    this.track(deadline);
    try {
      const res = await request(req.url, {
        method: req.method as 'POST',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
        signal: deadline.signal,
      });
      const { text, truncated } = await readLimited(res.body, RESPONSE_BODY_LIMIT);
      const headers = flattenHeaders(res.headers);
      const failure = classifyStatus(res.statusCode, headers);
      return { status: res.statusCode, headers, body: text, truncated, durationMs: elapsed(), ...failure };
    } catch (e) {
      const { errorClass, errorMessage } = deadline.expired ? timedOut(req.timeoutMs) : classifyError(e, req.timeoutMs);
      return {
        status: null,
        headers: null,
        body: null,
        truncated: false,
        durationMs: elapsed(),
        errorClass,
        errorMessage,
      };
    } finally {
      this.deadlines.delete(deadline);
      if (this.deadlines.size === 0 && this.sweep) {
        clearInterval(this.sweep);
        this.sweep = null;
      }
    }
  }

  async close(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    // destroy, not close: in-flight requests are abandoned (they are re-sent after a restart).
    await this.agent.destroy().catch(() => {});
  }

  private track(deadline: Deadline): void {
    this.deadlines.add(deadline);
    this.sweep ??= setInterval(() => {
      const now = performance.now();
      for (const d of this.deadlines) {
        if (d.at > now || d.expired) continue;
        d.expired = true;
        d.signal.emit('abort');
      }
    }, SWEEP_MS);
  }
}

/** Reads at most `limit` bytes of a response body; the rest is not read (the stream is destroyed). */
function readLimited(body: Readable, limit: number): Promise<{ text: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size));
        size = limit;
        body.off('data', onData);
        body.off('end', onEnd);
        body.off('error', onError);
        body.on('error', () => {}); // destroying it may still report an error; it no longer matters
        body.destroy();
        resolve({ text: Buffer.concat(chunks).toString('utf8'), truncated: true });
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () =>
      resolve({ text: (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8'), truncated: false });
    const onError = (e: Error) => reject(e);
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function classifyStatus(
  status: number,
  headers: Record<string, string>,
): { errorClass: ErrorClass | null; errorMessage: string | null } {
  if (isSuccessStatus(status)) return { errorClass: null, errorMessage: null };
  if (status >= 300 && status < 400) {
    return {
      errorClass: 'redirect',
      errorMessage: `HTTP ${status}: redirects are not followed${headers.location ? ` (Location: ${headers.location})` : ''}`,
    };
  }
  return { errorClass: 'http', errorMessage: `HTTP ${status}` };
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|EPROTO|HOSTNAME_MISMATCH)/;

const timedOut = (timeoutMs: number): { errorClass: ErrorClass; errorMessage: string } => ({
  errorClass: 'timeout',
  errorMessage: `no response within ${timeoutMs / 1000} s`,
});

export function classifyError(e: unknown, timeoutMs: number): { errorClass: ErrorClass; errorMessage: string } {
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code ?? '';
  const message = err?.message || String(e);
  if (
    err?.name === 'TimeoutError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ETIMEDOUT'
  ) {
    return timedOut(timeoutMs);
  }
  if (code === 'ECONNREFUSED') return { errorClass: 'refused', errorMessage: `connection refused (${message})` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return { errorClass: 'dns', errorMessage: `host not found (${message})` };
  if (TLS_CODE.test(code)) return { errorClass: 'tls', errorMessage: `TLS error ${code}: ${message}` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return { errorClass: 'reset', errorMessage: `connection closed by the server before a response (${message})` };
  }
  return { errorClass: 'other', errorMessage: code ? `${code}: ${message}` : message };
}
