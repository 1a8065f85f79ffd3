import { fireEventSchema, idSchema, parseInput, type DeliveryStatus, type FireEventInput } from '../../api/schemas';
import { conflict, HookbenchError, notFound } from '../../api/errors';
import type { Alert, AttemptTrigger, Delivery, DeliveryDetail, EventEnvelope, Webhook } from '../../api/types';
import type { EventBus } from '../eventBus';
import type { EventService } from '../events/eventService';
import { newId } from '../ids';
import { getScheme } from '../signing/registry';
import type { DueDelivery } from '../store/deliveriesRepo';
import type { Store } from '../store/store';
import { DEFAULT_WORKSPACE_ID } from '../store/workspacesRepo';
import { isSubscribed } from '../webhooks/subscriptions';
import { WebhookService } from '../webhooks/webhookService';
import { alertMessage, judgeFailure } from './alerting';
import { Dispatcher, type AttemptOutcome } from './dispatcher';
import { DueTimer } from './dueTimer';
import { EndpointSlots, originOf } from './endpointSlots';
import { isSuccess, nextState } from './nextState';

export interface DeliveryEngineOptions {
  perEndpointConcurrency?: number;
  overallConcurrency?: number;
  userAgent?: string;
}

interface InFlight {
  deliveryId: string;
  attemptId: number;
  webhookId: string;
  origin: string;
  trigger: AttemptTrigger;
  statusBefore: DeliveryStatus;
  done?: (d: DeliveryDetail) => void;
}

type Launch = InFlight & { request: { url: string; headers: Record<string, string>; body: Buffer; timeoutMs: number } };

interface Finished extends InFlight { outcome: AttemptOutcome; finishedAt: number }

export interface FireResult { event: EventEnvelope; deliveries: Delivery[] }

/**
 * The sender: turns fired events into deliveries, sends them with bounded concurrency,
 * records every attempt, schedules retries in SQLite, raises alerts and auto-disables.
 */
export class DeliveryEngine {
  private readonly slots: EndpointSlots;
  private readonly dispatcher: Dispatcher;
  private readonly timer = new DueTimer(() => this.pump());
  private finished: Finished[] = [];
  /** Webhooks by id with their endpoint origin, kept current from `webhook.changed`. */
  private readonly webhookCache = new Map<string, { webhook: Webhook; origin: string }>();
  private flushQueued = false;
  private pumpQueued = false;
  private running = false;
  private readonly userAgent: string;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly events: EventService,
    opts: DeliveryEngineOptions = {},
  ) {
    this.slots = new EndpointSlots(opts.perEndpointConcurrency ?? 10, opts.overallConcurrency ?? 100);
    this.dispatcher = new Dispatcher({ connectionsPerOrigin: this.slots.perEndpoint });
    this.userAgent = opts.userAgent ?? 'Hookbench/0.1 (+webhook workbench)';
    for (const webhook of this.store.webhooks.listAllEnabled()) this.webhookCache.set(webhook.id, { webhook, origin: originOf(webhook.url) });
    this.bus.on('webhook.changed', (c) => {
      if (c.webhook) this.webhookCache.set(c.id, { webhook: c.webhook, origin: originOf(c.webhook.url) });
      else this.webhookCache.delete(c.id);
    });
  }

  /** Recovers what a crash left in flight, then sends everything due (bounded, not all at once). */
  start(): void {
    if (this.running) return;
    this.running = true;
    const recovered = this.store.deliveries.recoverInFlight(Date.now());
    for (const id of recovered) this.emitDelivery(id);
    this.schedulePump();
  }

  /** Stops sending. In-flight attempts are abandoned; on the next start they are sent again. */
  async stop(): Promise<void> {
    this.running = false;
    this.timer.clear();
    await this.dispatcher.close();
  }

  fire(input: FireEventInput): FireResult {
    return this.fireMany([input])[0]!;
  }

  /**
   * Fires several events in one transaction (load tests, scripted bursts): every input is
   * checked first, so a bad one writes none of them (its field is named with its index).
   */
  fireMany(inputs: readonly FireEventInput[]): FireResult[] {
    const now = Date.now();
    const planned = inputs.map((input, i) => {
      try {
        return this.plan(input, now);
      } catch (e) {
        if (inputs.length > 1 && e instanceof HookbenchError && e.field) throw new HookbenchError(e.code, `events.${i}: ${e.message}`, `events.${i}.${e.field}`);
        throw e;
      }
    });
    const results = this.store.tx(() =>
      planned.map(({ workspaceId, built, targets }) => {
        this.store.events.insert({ id: built.envelope.id, workspaceId, type: built.envelope.type, body: built.body, createdAt: now });
        return { event: built.envelope, deliveries: targets.map((w) => this.insertDelivery(w, built.envelope, 'pending', now, now)) };
      }),
    );
    if (this.bus.has('delivery.updated')) for (const r of results) for (const d of r.deliveries) this.bus.emit('delivery.updated', d);
    if (results.some((r) => r.deliveries.length)) this.schedulePump();
    return results;
  }

  /** Validates one fire and picks its webhooks; writes nothing. */
  private plan(input: FireEventInput, now: number) {
    const p = parseInput(fireEventSchema, input);
    const workspaceId = p.workspaceId ?? DEFAULT_WORKSPACE_ID;
    if (!this.store.workspaces.get(workspaceId)) throw new HookbenchError('not_found', `workspace ${workspaceId} does not exist`, 'workspaceId');
    const built = this.events.build(workspaceId, p, now);
    const only = p.webhookIds ? new Set(p.webhookIds) : null;
    const targets: Webhook[] = [];
    for (const { webhook: w } of this.webhookCache.values()) {
      if (w.enabled && w.workspaceId === workspaceId && isSubscribed(w.subscriptions, built.envelope.type) && (!only || only.has(w.id))) targets.push(w);
    }
    return { workspaceId, built, targets };
  }

  /** Sends a `webhook.test` event to one webhook now (even if disabled or not subscribed); no retries. */
  async testWebhook(webhookId: string): Promise<DeliveryDetail> {
    const webhook = this.requireWebhook(webhookId);
    const now = Date.now();
    const built = this.events.build(webhook.workspaceId, { type: 'webhook.test' }, now);
    const delivery = this.store.tx(() => {
      this.store.events.insert({ id: built.envelope.id, workspaceId: webhook.workspaceId, type: built.envelope.type, body: built.body, createdAt: now });
      return this.insertDelivery(webhook, built.envelope, 'pending', null, now);
    });
    this.bus.emit('delivery.updated', delivery);
    return this.sendNow(delivery, 'test');
  }

  /** One attempt now for a failed, retrying or cancelled delivery. */
  async retryNow(deliveryId: string): Promise<DeliveryDetail> {
    const d = this.requireDelivery(deliveryId);
    if (!['failed', 'retrying', 'cancelled'].includes(d.status)) {
      throw conflict(`delivery ${d.id} is ${d.status}; only failed, retrying or cancelled deliveries can be retried (redeliver sends it again)`, 'id');
    }
    return this.sendNow(d, 'retry_now');
  }

  /** A new delivery of the same event to the same webhook, queued now. */
  redeliver(deliveryId: string): Delivery {
    const d = this.requireDelivery(deliveryId);
    const webhook = this.requireWebhook(d.webhookId);
    if (!webhook.enabled) throw conflict(`webhook ${webhook.name} is disabled; enable it to redeliver`, 'webhookId');
    const event = this.store.events.get(d.eventId);
    if (!event) throw notFound('event', d.eventId, 'eventId');
    const now = Date.now();
    const created = this.insertDelivery(webhook, { id: event.id, type: event.type } as EventEnvelope, 'pending', now, now);
    this.bus.emit('delivery.updated', created);
    this.schedulePump();
    return created;
  }

  cancel(deliveryId: string): Delivery {
    const d = this.requireDelivery(deliveryId);
    if (!this.store.deliveries.cancel(d.id, Date.now())) throw conflict(`delivery ${d.id} is ${d.status}; only pending or retrying deliveries can be cancelled`, 'id');
    return this.emitDelivery(d.id)!;
  }

  detail(deliveryId: string): DeliveryDetail {
    const d = this.requireDelivery(deliveryId);
    return { ...d, body: this.store.events.get(d.eventId)?.body ?? '', attempts: this.store.deliveries.attempts(d.id) };
  }

  /** Wake the scheduler (a webhook was enabled, settings changed). */
  resume(): void {
    this.schedulePump();
  }

  private insertDelivery(w: Webhook, event: Pick<EventEnvelope, 'id' | 'type'>, status: DeliveryStatus, due: number | null, now: number): Delivery {
    const d = { id: newId('dlv', now), workspaceId: w.workspaceId, webhookId: w.id, eventId: event.id, eventType: event.type, status, nextAttemptAt: due, createdAt: now };
    this.store.deliveries.insert(d);
    return { ...d, attemptCount: 0, lastStatusCode: null, lastError: null, lastDurationMs: null, updatedAt: now, completedAt: null };
  }

  private sendNow(d: Delivery, trigger: AttemptTrigger): Promise<DeliveryDetail> {
    const webhook = this.requireWebhook(d.webhookId);
    return new Promise((resolve, reject) => {
      const origin = originOf(webhook.url);
      this.slots.force(origin);
      try {
        const started = this.store.tx(() => this.beginAttempt({ id: d.id, webhookId: d.webhookId, eventId: d.eventId, nextAttemptAt: Date.now(), attemptCount: d.attemptCount, status: d.status }, webhook, trigger));
        if (!started) throw conflict(`delivery ${d.id} is already being sent`, 'id');
        this.launch({ ...started, origin, done: resolve });
      } catch (e) {
        this.slots.release(origin);
        reject(e);
      }
    });
  }

  private schedulePump(): void {
    if (this.pumpQueued || !this.running) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /**
   * For each enabled webhook whose endpoint has free slots: claims that many due deliveries,
   * writes their attempts in one transaction, then sends. Busy endpoints are pumped again by
   * their completions; otherwise the timer sleeps until the earliest due time.
   */
  private pump(): void {
    if (!this.running) return;
    this.launchAll(this.store.tx(() => this.claimDue()));
  }

  /** The database half of pumping: claims and attempt rows. The caller sends after the commit. */
  private claimDue(): Launch[] {
    const now = Date.now();
    const launches: Launch[] = [];
    let nextDue = Infinity;
    for (const { webhook, origin } of this.webhookCache.values()) {
      if (this.slots.full) return launches;
      if (!webhook.enabled) continue;
      const free = this.slots.freeFor(origin);
      if (free === 0) continue;
      const due = this.store.deliveries.due(webhook.id, now, free);
      for (const d of due) {
        this.slots.force(origin);
        const started = this.beginAttempt(d, webhook, 'scheduled');
        if (started) launches.push({ ...started, origin });
        else this.slots.release(origin);
      }
      if (due.length < free) nextDue = Math.min(nextDue, this.store.deliveries.earliestDue(webhook.id) ?? Infinity);
    }
    if (nextDue < Infinity) this.timer.arm(nextDue);
    return launches;
  }

  private launchAll(launches: Launch[]): void {
    for (const l of launches) this.launch(l);
  }

  /** Every enabled webhook is in the cache (loaded on start, kept current from `webhook.changed`). */
  private cachedWebhook(id: string): { webhook: Webhook; origin: string } | undefined {
    let entry = this.webhookCache.get(id);
    if (!entry) {
      const webhook = this.store.webhooks.get(id);
      if (!webhook) return undefined;
      entry = { webhook, origin: originOf(webhook.url) };
      this.webhookCache.set(id, entry);
    }
    return entry;
  }

  /** Claims the delivery and writes the attempt row before any byte is sent. */
  private beginAttempt(d: DueDelivery, webhook: Webhook, trigger: AttemptTrigger) {
    const now = Date.now();
    if (!this.store.deliveries.claim(d.id, now, trigger !== 'scheduled')) return null;
    const event = this.store.events.get(d.eventId)!;
    const body = Buffer.from(event.body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': this.userAgent,
      ...webhook.headers,
      ...getScheme(webhook.scheme).sign({
        id: event.id, timestamp: Math.floor(now / 1000), eventType: event.type, body, secrets: WebhookService.signingSecrets(webhook, now),
      }),
    };
    const attemptId = this.store.deliveries.startAttempt({
      deliveryId: d.id, number: d.attemptCount + 1, trigger, scheduledAt: d.nextAttemptAt, startedAt: now, method: 'POST', url: webhook.url, headers,
    });
    return { deliveryId: d.id, attemptId, webhookId: webhook.id, trigger, statusBefore: d.status, request: { url: webhook.url, headers, body, timeoutMs: webhook.timeoutSec * 1000 } };
  }

  private launch(s: Launch): void {
    const { request, ...flight } = s;
    if (this.bus.has('delivery.updated')) this.emitDelivery(flight.deliveryId);
    void this.dispatcher.send({ method: 'POST', ...request }).then((outcome) => {
      if (!this.running) return; // abandoned: recovered and re-sent on the next start
      this.finished.push({ ...flight, outcome, finishedAt: Date.now() });
      if (!this.flushQueued) {
        this.flushQueued = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Records finished attempts in one transaction, then tells listeners and refills the slots. */
  private flush(): void {
    this.flushQueued = false;
    const batch = this.finished;
    this.finished = [];
    if (!this.running || batch.length === 0) return;
    const thresholds = this.store.settings.get().alerts;
    const alerts: Alert[] = [];
    const changedWebhooks = new Map<string, Webhook>();
    for (const f of batch) this.slots.release(f.origin);
    // One transaction records the finished attempts and claims the next due ones (fewer commits).
    const launches = this.store.tx(() => {
      for (const f of batch) this.record(f, thresholds, alerts, changedWebhooks);
      for (const w of changedWebhooks.values()) {
        this.store.webhooks.saveCounters(w);
        this.webhookCache.set(w.id, { webhook: w, origin: originOf(w.url) });
      }
      return this.claimDue();
    });
    this.launchAll(launches);
    for (const f of batch) {
      if (this.bus.has('attempt.recorded')) {
        const attempt = this.store.deliveries.attempts(f.deliveryId).find((a) => a.id === f.attemptId);
        if (attempt) this.bus.emit('attempt.recorded', attempt);
      }
      if (this.bus.has('delivery.updated')) this.emitDelivery(f.deliveryId);
      f.done?.(this.detail(f.deliveryId));
    }
    for (const w of changedWebhooks.values()) this.bus.emit('webhook.changed', { webhook: w, id: w.id, deleted: false });
    for (const a of alerts) this.bus.emit('alert.raised', a);
  }

  private record(f: Finished, thresholds: ReturnType<Store['settings']['get']>['alerts'], alerts: Alert[], changed: Map<string, Webhook>): void {
    const { outcome, finishedAt: now } = f;
    this.store.deliveries.finishAttempt({ attemptId: f.attemptId, finishedAt: now, ...outcome, status: outcome.status });
    const d = this.store.deliveries.get(f.deliveryId);
    const webhook = changed.get(f.webhookId) ?? this.cachedWebhook(f.webhookId)?.webhook;
    if (!d || !webhook) return; // deleted while in flight
    const next = nextState({ outcome, currentStatus: d.status, statusBefore: f.statusBefore, trigger: f.trigger, attemptCount: d.attemptCount, policy: webhook.retryPolicy, now });
    this.store.deliveries.setOutcome({
      id: d.id, status: next.status, nextAttemptAt: next.nextAttemptAt, lastStatusCode: outcome.status, lastError: outcome.errorMessage,
      lastDurationMs: outcome.durationMs, now, completedAt: next.completedAt,
    });
    if (f.trigger === 'test') return; // tests neither count toward alerts nor reset the counter
    const w: Webhook = { ...webhook, updatedAt: now };
    if (isSuccess(outcome)) {
      Object.assign(w, { consecutiveFailures: 0, lastSuccessAt: now });
    } else {
      w.consecutiveFailures += 1;
      w.lastFailureAt = now;
      const verdict = next.gone
        ? { alert: 'disabled' as const, disable: true }
        : judgeFailure(w.consecutiveFailures, thresholds, w.enabled);
      if (verdict.disable && w.enabled) {
        w.enabled = false;
        w.disabledReason = next.gone ? 'the endpoint answered 410 Gone' : `disabled after ${w.consecutiveFailures} consecutive failures`;
      }
      if (verdict.alert) {
        const lastError = outcome.errorMessage ?? `HTTP ${outcome.status}`;
        const alert: Alert = {
          id: newId('alr', now), workspaceId: w.workspaceId, webhookId: w.id, kind: verdict.alert, consecutiveFailures: w.consecutiveFailures,
          message: next.gone ? `${w.name} was disabled: the endpoint answered 410 Gone.` : alertMessage(verdict.alert, w.name, w.consecutiveFailures, lastError),
          read: false, createdAt: now,
        };
        this.store.alerts.insert(alert);
        alerts.push(alert);
      }
    }
    changed.set(w.id, w);
  }

  private emitDelivery(id: string): Delivery | undefined {
    const d = this.store.deliveries.get(id);
    if (d) this.bus.emit('delivery.updated', d);
    return d;
  }

  private requireDelivery(id: string): Delivery {
    const d = this.store.deliveries.get(parseInput(idSchema, id));
    if (!d) throw notFound('delivery', id);
    return d;
  }

  private requireWebhook(id: string): Webhook {
    const w = this.store.webhooks.get(parseInput(idSchema, id));
    if (!w) throw notFound('webhook', id);
    return w;
  }
}
