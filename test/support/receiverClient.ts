/** Test helpers for the receiver: a real store and server, real HTTP requests, raw sockets, a forward target. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach } from 'vitest';
import type { ReceivedRequest } from '../../src-main/api/receiverTypes';
import { EventBus } from '../../src-main/engine/eventBus';
import { Receiver, type ReceiverOptions } from '../../src-main/engine/receiver/receiver';
import { openStore, type Store } from '../../src-main/engine/store/store';
import { receiverTempDb } from './receiverTmp';

export interface ReceiverHarness {
  store: Store;
  bus: EventBus;
  receiver: Receiver;
  url: string;
  port: number;
  /** Sends one request; resolves with the response and the request as the receiver stored it. */
  send(path: string, init?: SendInit): Promise<Exchange>;
  close(): Promise<void>;
}

export interface SendInit {
  method?: string;
  headers?: Record<string, string> | string[];
  body?: Buffer | string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
}

export interface Exchange {
  response: HttpResponse;
  stored: ReceivedRequest;
}

/** A store in a temp dir and a receiver listening on 127.0.0.1, port 0. */
export async function openReceiver(opts: ReceiverOptions = {}): Promise<ReceiverHarness> {
  const tmp = receiverTempDb();
  const store = openStore(tmp.dbFile);
  const bus = new EventBus();
  const receiver = new Receiver(store, bus, { log: quietLog(), ...opts });
  const { url, port } = await receiver.listen({ port: 0 });
  const agent = new Agent();
  return {
    store,
    bus,
    receiver,
    url,
    port,
    async send(path, init = {}) {
      const response = await httpRequest(url + path, init, agent);
      await receiver.idle();
      const [latest] = receiver.requests.list({ limit: 1 });
      if (!latest) throw new Error('nothing was stored');
      return { response, stored: receiver.requests.get(latest.id) };
    },
    async close() {
      await agent.destroy();
      await receiver.close();
      store.close();
      tmp.cleanup();
    },
  };
}

export async function httpRequest(url: string, init: SendInit = {}, dispatcher?: Agent): Promise<HttpResponse> {
  const started = performance.now();
  const res = await request(url, {
    method: (init.method ?? 'POST') as 'POST',
    headers: init.headers,
    body: init.body,
    ...(dispatcher ? { dispatcher } : {}),
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers, body, ms: performance.now() - started };
}

/** Writes `chunks` to a raw socket (waiting `gapMs` between them) and resolves with all it read until the server closed. */
export function rawExchange(
  port: number,
  chunks: (string | Buffer)[],
  gapMs = 0,
): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let i = 0;
    const writeNext = () => {
      if (i >= chunks.length || socket.destroyed) return;
      socket.write(chunks[i++]!);
      if (i < chunks.length) setTimeout(writeNext, gapMs);
    };
    socket.on('connect', writeNext);
    socket.on('data', (d) => received.push(d));
    socket.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e),
    );
    socket.on('close', () =>
      resolve({ text: Buffer.concat(received).toString('latin1'), closedAfterMs: performance.now() - started }),
    );
    setTimeout(() => socket.destroy(), 15_000).unref();
  });
}

export interface TargetCall {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

/** A real node:http server recording what it is sent and answering `response`. */
export class TargetServer {
  readonly calls: TargetCall[] = [];
  url = '';
  private server!: Server;

  constructor(
    private readonly response: { status: number; headers?: Record<string, string>; body?: string } = { status: 200 },
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readAll(req).then((body) => {
        this.calls.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body });
        res.writeHead(this.response.status, this.response.headers ?? {});
        res.end(this.response.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Raw header pairs from node's flat rawHeaders list. */
export function pairsOf(rawHeaders: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return out;
}

/** Collects what the receiver logs instead of printing it. */
export function quietLog(): Pick<Console, 'warn' | 'error'> & { warnings: string[]; errors: unknown[][] } {
  const warnings: string[] = [];
  const errors: unknown[][] = [];
  return {
    warnings,
    errors,
    warn: (...a: unknown[]) => void warnings.push(a.map(String).join(' ')),
    error: (...a: unknown[]) => void errors.push(a),
  };
}

/** Polls until `check` returns a truthy value (the shared helper, under the name these tests use). */
export { eventually as waitFor } from './scriptedServer';

/**
 * For a test file: `harness()` opens a receiver that is closed after the test, and `cleanups`
 * takes anything else to undo then (run last-in, first-out).
 */
export function receiversPerTest(): {
  harness: (opts?: ReceiverOptions) => Promise<ReceiverHarness>;
  cleanups: (() => Promise<void> | void)[];
} {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  return {
    cleanups,
    harness: async (opts = {}) => {
      const h = await openReceiver(opts);
      cleanups.push(() => h.close());
      return h;
    },
  };
}
