/**
 * One received request from arrival to answer: route, read the body within the limit, verify,
 * plan the answer by the inbox's rule (or 404 / 413), wait out the rule's delay, store — and
 * only once the row is committed, answer, announce, and record the forward. A request that was
 * answered is always stored, whatever happens to the process afterwards.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Agent } from 'undici';
import type { SchemaVerdict } from '../../api/catalogTypes';
import type { ForwardResult, Inbox, Verdict } from '../../api/receiverTypes';
import type { SchemeName } from '../../api/schemes';
import type { RequestContracts } from '../catalogs/requestCheck';
import type { EventBus } from '../eventBus';
import { newId } from '../ids';
import { lowerCaseHeaderMap } from '../signing/headers';
import type { HeaderMap } from '../signing/types';
import type { InboxesRepo } from '../store/inboxesRepo';
import { RequestsRepo, schemaVerdictDetail, summarize, type StoredRequest } from '../store/requestsRepo';
import { isConstraint, type StoreWriter } from '../store/storeWriter';
import type { LocalTargetsRepo } from '../store/localTargetsRepo';
import { methodOf } from './anyMethod';
import { readBody, UNREAD, type ReadBody } from './bodyReader';
import { eventTypeOf } from './eventType';
import { forwardsToItself, forwardTargetOf, forwardUrl, resend } from './forwarder';
import { planRejection, planResponse, type PlannedResponse } from './responseRule';
import { dedupeIdOf, formatBytes, judgeRequest, truncatedVerdict } from './requestVerdict';

export interface IntakeOptions {
  bodyLimitBytes: number;
  /** Headers kept per request; more are counted and the request flagged. */
  maxHeadersCount: number;
  forwardTimeoutMs: number;
  defaultWorkspaceId: string;
  random: () => number;
  log: Pick<Console, 'warn' | 'error'>;
}

export interface IntakeDeps {
  inboxes: InboxesRepo;
  requests: RequestsRepo;
  /** Webhooks made to send to an inbox: named when that inbox is gone. */
  localTargets: LocalTargetsRepo;
  /** The store's write queue: requests are committed in groups, off the event loop where the store allows. */
  writer: StoreWriter;
  bus: EventBus;
  agent: () => Agent;
  /** The port the receiver listens on (loop guard for forwards). */
  selfPort: () => number | null;
  /** The contract check of requests to inboxes bound to a catalog; without it no request is checked. */
  contracts?: RequestContracts;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class RequestIntake {
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = new AbortController();

  constructor(
    private readonly deps: IntakeDeps,
    private readonly opts: IntakeOptions,
  ) {}

  /** The request listener. Never throws and never rejects: a failure answers 500 and is logged. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    const job = this.receive(req, res).catch((e: unknown) => {
      this.opts.log.error('hookbench receiver: failed to handle a request:', e);
      try {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json', connection: 'close' });
          res.end(
            JSON.stringify({ error: 'internal', message: 'the receiver failed to handle this request; see its log' }),
          );
        } else if (!res.writableEnded) res.destroy();
      } catch {
        // the socket is gone: nothing left to answer
      }
    });
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
  };

  /** Requests being handled: read, waited for, being stored or answered. */
  get handling(): number {
    return this.inFlight.size;
  }

  /** Cuts response delays and forwards short (on close). */
  stop(): void {
    this.stopping.abort();
  }

  /** Waits for every request being handled to be stored and answered (and its forward recorded: each awaits its own writes). */
  async drain(): Promise<void> {
    this.deps.writer.flush();
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
      this.deps.writer.flush();
    }
  }

  /** Ready for a new listen after a close. */
  restart(): void {
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const started = performance.now();
    const method = methodOf(req);
    const target = splitTarget(req.url ?? '/');
    const route = routeOf(target.path);
    const inbox = route ? this.deps.inboxes.peekBySlug(route.slug) : undefined;
    const raw = req.rawHeaders;
    const headerCount = raw.length >> 1;
    const headers: [string, string][] = new Array(Math.min(headerCount, this.opts.maxHeadersCount));
    for (let i = 0; i < headers.length; i++) headers[i] = [raw[2 * i]!, raw[2 * i + 1]!];
    const headerMap = lowerCaseHeaderMap(headers);
    const limit = this.opts.bodyLimitBytes;

    // With `Expect: 100-continue` and a declared size over the limit, refuse before any byte is sent.
    const declared = Number(headerMap['content-length']?.[0]);
    const waitsForContinue = /100-continue/i.test(String(headerMap.expect?.[0] ?? ''));
    let read: ReadBody = UNREAD;
    if (!(waitsForContinue && declared > limit)) {
      if (waitsForContinue) res.writeContinue();
      read = await readBody(req, limit);
    }

    let verdict: Verdict | null = null;
    let schemaCheck: Promise<SchemaVerdict | null> | null = null;
    let answer: Answer | null;
    let forwarding: Promise<ForwardResult> | null = null;
    let forwarded: ForwardResult | undefined;
    let forwardTarget = '';
    let forwardChoice: Pick<ForwardResult, 'eventType' | 'matched'> = {};
    if (!inbox) {
      const message = route ? this.noInbox(route.slug) : `no inbox at ${target.path}; inboxes are at /in/<slug>`;
      answer = { status: 404, headers: JSON_TYPE, body: JSON.stringify({ error: 'not_found', message }) };
    } else if (read.truncated) {
      verdict = truncatedVerdict(inbox, limit);
      const body = JSON.stringify({ error: 'too_large', message: `body over the ${formatBytes(limit)} limit` });
      answer = { status: 413, headers: { ...JSON_TYPE, connection: 'close' }, body };
    } else {
      verdict = judgeRequest(inbox, headerMap, read.body, Math.floor(receivedAt / 1000));
      // Checked while the answer is planned and its delay waited out; stored with the request.
      schemaCheck = this.checkSchema(inbox, verdict.scheme, headerMap, read);
      const refusal = planRejection(inbox, verdict);
      if (refusal) {
        // Refused as a real handler would: stored with the status it got, never passed on.
        answer = read.aborted ? null : refusal;
      } else {
        // The event type is read only when routes need it (it may parse the body).
        const eventType = inbox.forwardRoutes.length > 0 ? eventTypeOf(verdict.scheme, headerMap, read.body) : null;
        const chosen = read.aborted ? null : forwardTargetOf(inbox, eventType);
        if (chosen) {
          forwardTarget = forwardUrl(chosen.url, route!.subPath, target.query);
          forwardChoice = inbox.forwardRoutes.length > 0 ? { eventType, matched: chosen.matched } : {};
          forwarding = this.forward(inbox, forwardTarget, method, headers, read.body).then((f) => ({
            ...f,
            ...forwardChoice,
          }));
          void forwarding.then((f) => (forwarded = f));
        }
        const plan = read.aborted ? null : this.plan(inbox);
        if (plan && plan.delayMs > 0) await sleep(plan.delayMs, this.stopping.signal);
        answer = plan;
      }
    }
    // The answer as it will be sent (null: the client left first, nothing will be).
    const sent = answer && !res.destroyed && !res.writableEnded ? prepared(answer) : null;

    // A forward still under way is stored as pending and written when it settles.
    const forward: ForwardResult | null = !forwarding
      ? null
      : (forwarded ?? {
          url: forwardTarget,
          ...forwardChoice,
          pending: true,
          status: null,
          headers: null,
          body: null,
          truncated: false,
          durationMs: null,
          error: null,
        });

    const dedupe = inbox ? dedupeIdOf(verdict, headerMap, read.body) : null;
    const schemaVerdict = schemaCheck ? schemaVerdictDetail(await schemaCheck) : null;
    const request: StoredRequest = {
      id: newId('req', receivedAt),
      workspaceId: inbox?.workspaceId ?? this.opts.defaultWorkspaceId,
      inboxId: inbox?.id ?? null,
      method,
      path: target.path,
      query: target.query,
      headers,
      headerCount,
      headersTruncated: headerCount > headers.length,
      body: read.body,
      bodySize: read.body.length,
      receivedSize: Math.max(read.received, read.body.length),
      bodyTruncated: read.truncated,
      remoteAddress: req.socket.remoteAddress ?? null,
      receivedAt,
      durationMs: Math.round(performance.now() - started),
      responseStatus: sent?.status ?? null,
      responseHeaders: sent?.headers ?? {},
      responseBody: sent?.body ?? '',
      verdict,
      valid: verdict ? verdict.valid : null,
      reason: verdict?.reason ?? null,
      dedupeKey: dedupe?.key ?? null,
      dedupeVia: dedupe?.via ?? null,
      duplicate: false,
      forward,
      schemaVerdict,
      schemaStatus: schemaVerdict?.status ?? null,
    };
    // Stored first, in a group commit; answered only once committed.
    let stored: StoredRequest;
    try {
      stored = RequestsRepo.stored(
        request,
        await this.deps.writer.submit({
          write: (b) => RequestsRepo.write(b, request),
          // Its id is stored already: an earlier try was committed but its answer was lost with the writer.
          recover: (e) => (isConstraint(e) ? duplicateOf(this.deps.requests.storedDuplicate(request.id)) : undefined),
        }),
      );
    } catch (e) {
      // Its inbox (or workspace) was deleted while it waited for its batch: the delete took the
      // inbox's requests with it, and this one goes the same way (unanswered, like the inbox).
      if (inbox && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        this.deps.inboxes.invalidate();
        if (!this.deps.inboxes.get(inbox.id)) {
          res.destroy();
          return;
        }
      }
      throw e;
    }
    if (sent && !send(res, sent)) {
      // The client left while the row was committed: it got no answer, and the row says so.
      stored = { ...stored, responseStatus: null, responseHeaders: {}, responseBody: '' };
      await this.deps.writer.submit({ write: (b) => RequestsRepo.writeNoAnswer(b, stored.id) });
    }
    if (this.deps.bus.has('request.received'))
      this.deps.bus.emit('request.received', summarize(stored, inbox?.slug ?? null));

    if (forwarding && forward?.pending) {
      const result = await forwarding;
      await this.deps.writer.submit({ write: (b) => RequestsRepo.writeForward(b, stored.id, result) });
    }
  }

  /**
   * The schema verdict of a request to a bound inbox whose body was read whole (a cut or
   * abandoned body is not the payload that was sent); null when there is nothing to check. A
   * check that fails is logged and the request stored unchecked: it is never lost for it.
   */
  private checkSchema(
    inbox: Readonly<Inbox>,
    scheme: SchemeName,
    headers: HeaderMap,
    read: ReadBody,
  ): Promise<SchemaVerdict | null> | null {
    const contracts = this.deps.contracts;
    if (inbox.catalog === null || !contracts || read.truncated || read.aborted) return null;
    return contracts.verdictOf(inbox.workspaceId, inbox.catalog, scheme, headers, read.body).catch((e: unknown) => {
      this.opts.log.error(`hookbench receiver: the schema check of a request to /in/${inbox.slug} failed:`, e);
      return null;
    });
  }

  /** Why there is no inbox at `slug`, naming the webhooks that were made to send there. */
  private noInbox(slug: string): string {
    const orphans = this.deps.localTargets.orphanedNames(slug);
    if (orphans.length === 0) return `no inbox "${slug}"`;
    const names = orphans.map((n) => `"${n}"`).join(', ');
    return `the local inbox "${slug}" was deleted; webhook ${names} was made to send to it — delete the webhook or point it at another URL`;
  }

  private plan(inbox: Inbox): PlannedResponse {
    return planResponse(inbox.responseRule, {
      takeFailFirstSlot: () => this.deps.inboxes.takeFailFirstSlot(inbox.id, inbox.responseRule.failFirst),
      random: this.opts.random,
    });
  }

  private forward(
    inbox: Inbox,
    url: string,
    method: string,
    headers: [string, string][],
    body: Buffer,
  ): Promise<ForwardResult> {
    if (forwardsToItself(url, this.deps.selfPort(), inbox.slug)) {
      const error = 'not forwarded: the forward target is this inbox itself, which would loop for ever';
      return Promise.resolve({ url, status: null, headers: null, body: null, truncated: false, durationMs: 0, error });
    }
    return resend({
      url,
      method,
      headers,
      body,
      timeoutMs: this.opts.forwardTimeoutMs,
      agent: this.deps.agent(),
      signal: this.stopping.signal,
    });
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };

const duplicateOf = (duplicate: boolean | undefined) => (duplicate === undefined ? undefined : [duplicate ? 1 : 0]);

/**
 * The answer as it goes out and is stored: what setHeader would have recorded (lower-case
 * names, the last of a name given twice in different case), with the length declared unless
 * the rule sets its own framing (after an explicit writeHead Node would send it chunked).
 */
function prepared(a: Answer): Answer {
  const headers = lowerCaseNames(a.headers);
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined)
    headers['content-length'] = String(Buffer.byteLength(a.body));
  return { status: a.status, headers, body: a.body };
}

/** Sends a prepared answer in one writeHead; false when the client has gone. */
function send(res: ServerResponse, a: Answer): boolean {
  if (res.destroyed || res.writableEnded) return false;
  res.writeHead(a.status, a.headers);
  res.end(a.body);
  return true;
}

/** `/in/<slug>[/sub/path]` → the slug and the rest; anything else is unrouted. */
export function routeOf(path: string): { slug: string; subPath: string } | null {
  const m = /^\/in\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(m[1]!).toLowerCase();
  } catch {
    return null;
  }
  return { slug, subPath: m[2] ?? '' };
}

/** Splits the request target without normalising it: the path is stored as it was sent. */
function splitTarget(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) out[k.toLowerCase()] = String(headers[k]);
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
