import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  at: number;
}

/** What to do with one request: a status (with headers/body/delay), or drop the connection. */
export type Step =
  { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | { drop: true };

/**
 * A real node:http server on 127.0.0.1 that answers a script of steps in order (the last step
 * repeats) and records every request it received.
 */
export class ScriptedServer {
  readonly calls: ReceivedCall[] = [];
  private server!: Server;
  private steps: Step[];
  url = '';

  constructor(steps: Step[] = [{ status: 200 }]) {
    this.steps = steps;
  }

  script(steps: Step[]): void {
    this.steps = steps;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once `n` requests have arrived. */
  async waitForCalls(n: number, timeoutMs = 10_000): Promise<ReceivedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} calls, got ${this.calls.length}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.calls;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const index = this.calls.length;
    this.calls.push({
      method: req.method!,
      path: req.url!,
      headers: req.headers,
      body: Buffer.concat(chunks),
      at: Date.now(),
    });
    const step = this.steps[Math.min(index, this.steps.length - 1)]!;
    if ('drop' in step) {
      req.socket.destroy();
      return;
    }
    if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    if (res.destroyed) return;
    res.writeHead(step.status, step.headers ?? {});
    res.end(step.body ?? '');
  }
}

/** Polls until `check` returns a truthy value. */
export async function eventually<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 10_000,
  everyMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
