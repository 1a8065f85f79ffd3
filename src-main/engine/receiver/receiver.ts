/**
 * The local receiver as a library: one HTTP server with inboxes at `/in/<slug>`, every
 * request verified, answered by the inbox's rule, stored and announced on the bus.
 * Plain Node: the desktop app, the web host and `hookbench listen` all wrap this class.
 */
import type { Server } from 'node:http';
import { Agent } from 'undici';
import { z } from 'zod';
import { HookbenchError } from '../../api/errors';
import { receiverHostSchema, receiverPortSchema } from '../../api/receiverAddress';
import { parseInput } from '../../api/schemas';
import type { ReceiverStatus } from '../../api/receiverTypes';
import type { RequestContracts } from '../catalogs/requestCheck';
import type { EventBus } from '../eventBus';
import type { Store } from '../store/store';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { InboxService } from './inboxService';
import { RequestIntake } from './intake';
import { RequestService } from './requestService';
import { createReceiverServer, isLoopbackHost, listenOn, receiverUrl } from './server';
import { DEFAULT_RECEIVER_HOST, DEFAULT_RECEIVER_PORT } from '../../api/receiverAddress';

export { DEFAULT_RECEIVER_HOST, DEFAULT_RECEIVER_PORT };
export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface ReceiverOptions {
  /** Bodies over this are answered 413 and stored cut at the limit. Default 5 MiB. */
  bodyLimitBytes?: number;
  /** Default 10 s. */
  headersTimeoutMs?: number;
  /** Default 30 s. */
  requestTimeoutMs?: number;
  /** Default 32 KiB. */
  maxHeaderSize?: number;
  /** Headers kept per request (more are counted, and the request flagged). Default 500. */
  maxHeadersCount?: number;
  /** Timeout of each forward. Default 30 s. */
  forwardTimeoutMs?: number;
  /** Where unrouted requests are logged. Default: the default workspace. */
  defaultWorkspaceId?: string;
  /** Uniform in [0, 1); drives the failure percentage. Default Math.random. */
  random?: () => number;
  /** Default console. */
  log?: Pick<Console, 'warn' | 'error'>;
  /** The schema check of requests to inboxes bound to a catalog (the catalog service); without it none is checked. */
  contracts?: RequestContracts;
}

export interface ListenOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1; anything else is reachable from the network and logs a warning. */
  host?: string;
}

const listenSchema = z.object({ receiverPort: receiverPortSchema, receiverHost: receiverHostSchema });

export class Receiver {
  readonly inboxes: InboxService;
  readonly requests: RequestService;
  private readonly intake: RequestIntake;
  private readonly log: Pick<Console, 'warn' | 'error'>;
  private readonly opts: Required<Omit<ReceiverOptions, 'log' | 'random' | 'defaultWorkspaceId' | 'contracts'>>;
  private server: Server | null = null;
  private bound: { url: string; port: number; host: string } | null = null;
  private starting: Promise<unknown> | null = null;
  private agentInstance: Agent | null = null;

  constructor(store: Store, bus: EventBus, opts: ReceiverOptions = {}) {
    this.log = opts.log ?? console;
    this.opts = {
      bodyLimitBytes: positive(opts.bodyLimitBytes, DEFAULT_BODY_LIMIT_BYTES, 'bodyLimitBytes'),
      headersTimeoutMs: positive(opts.headersTimeoutMs, 10_000, 'headersTimeoutMs'),
      requestTimeoutMs: positive(opts.requestTimeoutMs, 30_000, 'requestTimeoutMs'),
      maxHeaderSize: positive(opts.maxHeaderSize, 32 * 1024, 'maxHeaderSize'),
      maxHeadersCount: positive(opts.maxHeadersCount, 500, 'maxHeadersCount'),
      forwardTimeoutMs: positive(opts.forwardTimeoutMs, 30_000, 'forwardTimeoutMs'),
    };
    this.inboxes = new InboxService(store, bus);
    this.requests = new RequestService(store, () => this.agent());
    this.intake = new RequestIntake(
      // Received requests are committed by the store's writer (a worker thread where it can run).
      {
        inboxes: store.inboxes,
        requests: store.requests,
        localTargets: store.localTargets,
        writer: store.writer,
        bus,
        agent: () => this.agent(),
        selfPort: () => this.bound?.port ?? null,
        contracts: opts.contracts,
      },
      {
        bodyLimitBytes: this.opts.bodyLimitBytes,
        maxHeadersCount: this.opts.maxHeadersCount,
        forwardTimeoutMs: this.opts.forwardTimeoutMs,
        defaultWorkspaceId: opts.defaultWorkspaceId ?? DEFAULT_WORKSPACE_ID,
        random: opts.random ?? Math.random,
        log: this.log,
      },
    );
  }

  async listen(opts: ListenOptions = {}): Promise<{ url: string; port: number; host: string }> {
    const { receiverPort: port, receiverHost: host } = parseInput(listenSchema, {
      receiverPort: opts.port ?? DEFAULT_RECEIVER_PORT,
      receiverHost: opts.host ?? DEFAULT_RECEIVER_HOST,
    });
    if (this.server || this.starting) {
      throw new HookbenchError(
        'conflict',
        `the receiver is already listening${this.bound ? ` on ${this.bound.url}` : ''}; close it first`,
        'receiverPort',
      );
    }
    this.intake.restart();
    const server = createReceiverServer(this.opts, this.intake.listener, this.log);
    const starting = listenOn(server, port, host);
    this.starting = starting;
    try {
      const address = await starting;
      this.server = server;
      this.bound = { url: receiverUrl(host, address.port), port: address.port, host };
    } finally {
      this.starting = null;
    }
    if (!isLoopbackHost(host)) {
      this.log.warn(
        `hookbench receiver: listening on ${host}:${this.bound.port} — reachable from other machines on the network; ` +
          'anyone who can reach it can post to your inboxes. Use 127.0.0.1 unless you mean it.',
      );
    }
    return { ...this.bound };
  }

  /** Stops listening: open connections are closed, delays cut short, and every request in hand is stored. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.bound = null;
    if (server) {
      this.intake.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await this.intake.drain();
    const agent = this.agentInstance;
    this.agentInstance = null;
    if (agent) await agent.destroy().catch(() => {});
  }

  status(): ReceiverStatus {
    return this.bound ? { listening: true, ...this.bound } : { listening: false, url: null, port: null, host: null };
  }

  /** Requests being handled now (read, waited for, being stored or answered). */
  get handling(): number {
    return this.intake.handling;
  }

  /** Waits until every request being handled is stored and every forward has settled (tests, shutdown). */
  async idle(): Promise<void> {
    await this.intake.drain();
  }

  /** Forwards and replays share one pool, created on first use and destroyed on close. */
  private agent(): Agent {
    this.agentInstance ??= new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 10_000 });
    return this.agentInstance;
  }
}

function positive(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new HookbenchError('validation', `${field} must be a positive number, got ${value}`, field);
  return Math.floor(value);
}
