import { idSchema, parseInput, type FireEventInput } from '../../api/schemas';
import { conflict, HookbenchError, notFound } from '../../api/errors';
import type { AttemptTrigger, Delivery, DeliveryDetail, EventEnvelope, Webhook } from '../../api/types';
import type { EventBus } from '../eventBus';
import type { EventService } from '../events/eventService';
import { getScheme } from '../signing/registry';
import type { Store } from '../store/store';
import { WebhookService } from '../webhooks/webhookService';
import { countAttempt } from './alerting';
import { writeFired, writeNewDelivery, writeOutcome, writeState, type FiredEvent, type OutcomeWrite } from './deliveryWrites';
import { newDelivery, planFires } from './firePlan';
import { Dispatcher, type AttemptOutcome } from './dispatcher';
import { DueQueues, type Tracked, type WebhookQueue } from './dueQueues';
import { DueTimer } from './dueTimer';
import { EndpointSlots, originOf } from './endpointSlots';
import { isSuccess, recordAttempt, type SentAttempt } from './nextState';

export interface DeliveryEngineOptions {
  perEndpointConcurrency?: number;
  overallConcurrency?: number;
  userAgent?: string;
}

export interface FireResult { event: EventEnvelope; deliveries: Delivery[] }

/** Rows a scan of the table takes beyond the ones already tracked. */
const SCAN_ROWS = 200;


/**
 * The sender: turns fired events into deliveries, sends them with bounded concurrency, records
 * every attempt, schedules retries in SQLite, raises alerts and auto-disables.
 *
 * Nothing is written before a request: a delivery is durable once its row (pending, due now) is
 * committed, what is in flight lives in memory (dueQueues.ts), and the finished attempt and the
 * delivery's new state go to the store's write queue together, committed off the event loop
 * (deliveryWrites.ts). The next delivery goes out as soon as a slot is free, without waiting for
 * the commit. A crash can send a delivery twice (its row is still due), never lose one.
 */
export class DeliveryEngine {
  private readonly slots: EndpointSlots;
  private readonly dispatcher: Dispatcher;
  private readonly timer = new DueTimer(() => this.pump());
  private readonly queues = new DueQueues();
  /** Webhooks by id with their endpoint origin; the failure counters here are the engine's, ahead of the store's by a commit. */
  private readonly webhookCache = new Map<string, { webhook: Webhook; origin: string }>();
  /** Webhooks whose counters changed since the last `webhook.changed` was sent for them. */
  private readonly countersChanged = new Set<string>();
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
      const was = this.webhookCache.get(c.id)?.webhook;
      if (!c.webhook) {
        this.webhookCache.delete(c.id);
        this.queues.dropWebhook(c.id);
        return;
      }
      this.webhookCache.set(c.id, { webhook: c.webhook, origin: originOf(c.webhook.url) });
      // Enabled (again): its paused deliveries are due.
      if (c.webhook.enabled && !was?.enabled) {
        this.queues.rescan(c.id);
        this.schedulePump();
      }
    });
  }

  /** Sends everything due (bounded, not all at once); what a crash left unsent is due again. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.queues.scanAll(this.webhookCache.keys());
    this.schedulePump();
  }

  /** Stops sending. Attempts in flight are abandoned: their deliveries are still due, and go again on the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.timer.clear();
    for (const t of this.queues.sending()) {
      t.waiter?.reject(new HookbenchError('unavailable', 'Hookbench stopped before the response arrived; the delivery goes again on the next start'));
      t.waiter = undefined;
    }
    await this.dispatcher.close();
  }

  fire(input: FireEventInput): Promise<FireResult> {
    return this.fireMany([input]).then((r) => r[0]!);
  }

  /**
   * Fires several events in one transaction (load tests, scripted bursts): every input is
   * checked first, so a bad one writes none of them (its field is named with its index).
   * Resolves once the events and their deliveries are committed.
   */
  async fireMany(inputs: readonly FireEventInput[]): Promise<FireResult[]> {
    // (Each job's `recover`: a batch committed whose answer was lost with the writer is not an error.)
    const fired = planFires(inputs, Date.now(), {
      events: this.events,
      workspaceExists: (id) => this.store.workspaces.get(id) !== undefined,
      webhooks: () => Array.from(this.webhookCache.values(), (c) => c.webhook),
    });
    await this.store.writer.submit({ write: (b) => writeFired(b, fired), recover: () => (fired.length > 0 && this.store.events.get(fired[0]!.event.id) ? [] : undefined) });
    for (const f of fired) for (const d of f.deliveries) this.enqueue(d, f.event.body);
    if (this.bus.has('delivery.updated')) for (const f of fired) for (const d of f.deliveries) this.bus.emit('delivery.updated', d);
    if (fired.some((f) => f.deliveries.length)) this.schedulePump();
    return fired.map((f) => ({ event: f.envelope, deliveries: f.deliveries }));
  }

  /** Sends a `webhook.test` event to one webhook now (even if disabled or not subscribed); no retries. */
  async testWebhook(webhookId: string): Promise<DeliveryDetail> {
    const webhook = this.requireWebhook(webhookId);
    const now = Date.now();
    const built = this.events.build(webhook.workspaceId, { type: 'webhook.test' }, now);
    const delivery = newDelivery(webhook, built.envelope, null, now);
    const event: FiredEvent = { id: built.envelope.id, workspaceId: webhook.workspaceId, type: built.envelope.type, body: built.body, createdAt: now };
    await this.store.writer.submit({ write: (b) => writeFired(b, [{ event, deliveries: [delivery] }]), recover: () => (this.store.deliveries.get(delivery.id) ? [] : undefined) });
    this.bus.emit('delivery.updated', delivery);
    return this.sendNow(delivery, built.body, webhook, 'test');
  }

  /** One attempt now for a failed, retrying or cancelled delivery. */
  async retryNow(deliveryId: string): Promise<DeliveryDetail> {
    const tracked = this.queues.get(parseInput(idSchema, deliveryId));
    // (Or its attempt is still being recorded: its caller waits for that.)
    if (tracked?.phase === 'sending' || tracked?.waiter) throw conflict(`delivery ${deliveryId} is already being sent`, 'id');
    const d = tracked?.d ?? this.requireDelivery(deliveryId);
    if (!['failed', 'retrying', 'cancelled'].includes(d.status)) {
      throw conflict(`delivery ${d.id} is ${d.status}; only failed, retrying or cancelled deliveries can be retried (redeliver sends it again)`, 'id');
    }
    const body = tracked?.body ?? this.store.events.get(d.eventId)?.body;
    if (body === undefined) throw notFound('event', d.eventId, 'eventId');
    return this.sendNow(d, body, this.requireWebhook(d.webhookId), 'retry_now');
  }

  /** A new delivery of the same event to the same webhook, queued now. */
  async redeliver(deliveryId: string): Promise<Delivery> {
    const d = this.requireDelivery(deliveryId);
    const webhook = this.requireWebhook(d.webhookId);
    if (!webhook.enabled) throw conflict(`webhook ${webhook.name} is disabled; enable it to redeliver`, 'webhookId');
    const event = this.store.events.get(d.eventId);
    if (!event) throw notFound('event', d.eventId, 'eventId');
    const now = Date.now();
    const created = newDelivery(webhook, event, now, now);
    await this.store.writer.submit({ write: (b) => writeNewDelivery(b, created), recover: () => (this.store.deliveries.get(created.id) ? [] : undefined) });
    this.enqueue(created, event.body);
    this.bus.emit('delivery.updated', created);
    this.schedulePump();
    return created;
  }

  /** Cancels a pending or retrying delivery (one in flight is recorded as cancelled unless it succeeds). */
  async cancel(deliveryId: string): Promise<Delivery> {
    const tracked = this.queues.get(parseInput(idSchema, deliveryId));
    const before = tracked?.d ?? this.requireDelivery(deliveryId);
    if (before.status !== 'pending' && before.status !== 'retrying') {
      throw conflict(`delivery ${before.id} is ${before.status}; only pending or retrying deliveries can be cancelled`, 'id');
    }
    const now = Date.now();
    const after: Delivery = { ...before, status: 'cancelled', nextAttemptAt: null, completedAt: now, updatedAt: now };
    const t = tracked ?? this.queues.track(before, null);
    this.queues.unready(t);
    t.d = after;
    t.writes++;
    let applied: unknown;
    try {
      [applied] = await this.store.writer.submit({ write: (b) => writeState(b, before, after) });
    } catch (e) {
      // Nothing was written: what is stored decides (it may still be due).
      t.writes--;
      this.resync(t);
      throw e;
    }
    t.writes--;
    if (applied === null) {
      this.resync(t);
      throw conflict(`delivery ${before.id} changed while it was being cancelled; look again`, 'id');
    }
    this.queues.release(t);
    return this.emitDelivery(t.phase === 'sending' ? { ...after, status: 'sending' } : after);
  }

  /** The delivery as committed, with its body and attempts; one being sent shows as `sending`. */
  detail(deliveryId: string): DeliveryDetail {
    const d = this.overlay(this.requireDelivery(deliveryId));
    return { ...d, body: this.queues.get(d.id)?.body ?? this.store.events.get(d.eventId)?.body ?? '', attempts: this.store.deliveries.attempts(d.id) };
  }

  /** The deliveries being sent now (their rows still say pending, retrying or failed: nothing is written before a request). */
  sendingIds(): string[] {
    return this.queues.sending().map((t) => t.d.id);
  }

  /** A delivery as read from the store, shown as `sending` while an attempt of it is in flight. */
  overlay<T extends Delivery>(d: T): T {
    return this.queues.get(d.id)?.phase === 'sending' ? { ...d, status: 'sending' } : d;
  }

  /** Deliveries the engine is working on: waiting in memory to be sent, in flight, or with a write not yet committed. */
  get working(): number {
    return this.queues.size;
  }

  /** Wake the scheduler (a webhook was enabled, settings changed): everything due is looked for again. */
  resume(): void {
    this.queues.scanAll(this.webhookCache.keys());
    this.schedulePump();
  }

  /** A fired or redelivered delivery: ready to send, unless its webhook has a backlog in the table (scanned in due order). */
  private enqueue(d: Delivery, body: string): void {
    if (this.queues.get(d.id)) return; // a scan took it already
    if (!this.webhookCache.has(d.webhookId)) return; // deleted meanwhile, with its deliveries
    const q = this.queues.queue(d.webhookId);
    if (q.scan || !this.queues.roomForReady) {
      this.queues.dueAt(d.webhookId, d.nextAttemptAt ?? d.createdAt, d.id);
      return;
    }
    this.queues.makeReady(this.queues.track(d, body));
  }

  private sendNow(d: Delivery, body: string, webhook: Webhook, trigger: AttemptTrigger): Promise<DeliveryDetail> {
    const t = this.queues.track(d, body);
    if (t.phase === 'sending' || t.waiter) return Promise.reject(conflict(`delivery ${d.id} is already being sent`, 'id'));
    this.queues.unready(t);
    t.body ??= body;
    return new Promise<DeliveryDetail>((resolve, reject) => {
      t.waiter = { resolve, reject };
      this.launch(t, webhook, originOf(webhook.url), trigger);
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
   * For each enabled webhook whose endpoint has free slots: sends that many of its ready
   * deliveries, scanning the table for more first when its ready list runs low and the table
   * may hold some. Busy endpoints are pumped again by their completions; otherwise the timer
   * sleeps until the earliest due time.
   */
  private pump(): void {
    if (!this.running) return;
    const now = Date.now();
    for (const { webhook, origin } of this.webhookCache.values()) {
      const q = this.queues.queue(webhook.id);
      // Whatever fell due is found by a scan — now, or (disabled, or no slot free) once it can be sent.
      if (q.nextDue <= now || (!webhook.enabled && q.nextDue < Infinity)) {
        q.scan = true;
        q.nextDue = Infinity;
      }
      if (!webhook.enabled || this.slots.full) continue;
      let free = this.slots.freeFor(origin);
      if (free === 0) continue;
      if (q.scan && q.ready.length < SCAN_ROWS / 2) this.scan(webhook.id, q, now);
      while (free > 0 && q.ready.length > 0 && (q.ready.first()!.d.nextAttemptAt ?? 0) <= now) {
        this.launch(this.queues.takeReady(q)!, webhook, origin, 'scheduled');
        free--;
      }
    }
    // Every known due time is in the future now; completions pump whatever waits for a slot.
    const next = this.queues.earliestDue();
    if (next < Infinity) this.timer.arm(next);
  }

  /**
   * Takes a webhook's due deliveries that are not tracked from the table, in due order, from
   * where its last scan stopped (from the start, it reads past the tracked ones too).
   */
  private scan(webhookId: string, q: WebhookQueue, now: number): void {
    const limit = (q.cursor ? 0 : q.tracked) + SCAN_ROWS;
    const rows = this.store.deliveries.due(webhookId, now, limit, q.cursor ?? undefined);
    for (const { delivery, body } of rows) {
      if (this.queues.get(delivery.id)) continue;
      this.queues.makeReady(this.queues.track(delivery, body));
    }
    const last = rows[rows.length - 1]?.delivery;
    if (last) q.cursor = { due: last.nextAttemptAt!, id: last.id };
    if (rows.length < limit) {
      q.scan = false;
      q.nextDue = Math.min(q.nextDue, this.store.deliveries.earliestDueAfter(webhookId, now) ?? Infinity);
    }
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

  /** Signs and sends one attempt; nothing is written until its response. */
  private launch(t: Tracked, webhook: Webhook, origin: string, trigger: AttemptTrigger): void {
    const now = Date.now();
    t.phase = 'sending';
    t.statusAtLaunch = t.d.status;
    this.slots.force(origin);
    t.body ??= this.store.events.get(t.d.eventId)?.body ?? '';
    const body = Buffer.from(t.body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': this.userAgent,
      ...webhook.headers,
      ...getScheme(webhook.scheme).sign({
        id: t.d.eventId, timestamp: Math.floor(now / 1000), eventType: t.d.eventType, body, secrets: WebhookService.signingSecrets(webhook, now),
      }),
    };
    const sent: Omit<SentAttempt, 'statusAtLaunch'> = { trigger, scheduledAt: trigger === 'scheduled' ? (t.d.nextAttemptAt ?? now) : now, startedAt: now, url: webhook.url, headers };
    if (this.bus.has('delivery.updated')) this.bus.emit('delivery.updated', { ...t.d, status: 'sending', updatedAt: now });
    void this.dispatcher.send({ method: 'POST', url: webhook.url, headers, body, timeoutMs: webhook.timeoutSec * 1000 }).then((outcome) => {
      this.slots.release(origin);
      if (!this.running) {
        // Abandoned: still due in the table, sent again on the next start.
        t.phase = 'idle';
        this.queues.release(t);
        return;
      }
      this.record(t, sent, outcome, Date.now());
      this.schedulePump();
    });
  }

  /** The attempt's outcome: the delivery's next state, the webhook's failure streak, and one write for all of it. */
  private record(t: Tracked, sent: Omit<SentAttempt, 'statusAtLaunch'>, outcome: AttemptOutcome, now: number): void {
    const before = t.d;
    const webhook = this.cachedWebhook(before.webhookId)?.webhook;
    t.phase = 'idle';
    if (!webhook) {
      // Deleted while in flight, with its deliveries.
      t.waiter?.reject(notFound('webhook', before.webhookId, 'webhookId'));
      t.waiter = undefined;
      this.queues.release(t);
      return;
    }
    const { after, attempt, gone } = recordAttempt(before, { ...sent, statusAtLaunch: t.statusAtLaunch ?? before.status }, outcome, webhook.retryPolicy, now);
    const write: OutcomeWrite = { before, after, attempt, ...(sent.trigger === 'test' ? {} : this.countFailure(webhook, outcome, gone, now)) };
    t.d = after;
    t.writes++;
    const recover = () => {
      const id = this.store.db.prepare('SELECT id FROM attempts WHERE delivery_id = ? AND number = ?').pluck().get(write.after.id, write.attempt.number);
      return id === undefined ? undefined : [1, id];
    };
    this.store.writer.submit({ write: (b) => writeOutcome(b, write), recover }).then(
      ([applied, attemptId]) => this.recorded(t, write, applied !== null, Number(attemptId)),
      (e: unknown) => {
        t.writes--;
        this.resync(t);
        this.reloadWebhook(before.webhookId);
        t.waiter?.reject(e);
        t.waiter = undefined;
      },
    );
  }

  /** Alerting: the webhook's failure streak, an alert at the thresholds, disabling at the last. Updates the cache now. */
  private countFailure(webhook: Webhook, outcome: AttemptOutcome, gone: boolean, now: number): Pick<OutcomeWrite, 'counters' | 'disabledReason' | 'alert'> {
    const { webhook: w, ...change } = countAttempt(webhook, { ok: isSuccess(outcome), gone, status: outcome.status, errorMessage: outcome.errorMessage }, this.store.settings.get().alerts, now);
    this.webhookCache.set(w.id, { webhook: w, origin: this.webhookCache.get(w.id)?.origin ?? originOf(w.url) });
    return change;
  }

  /** An attempt's write is committed: tell listeners, and schedule the retry. */
  private recorded(t: Tracked, w: OutcomeWrite, applied: boolean, attemptId: number): void {
    t.writes--;
    if (!applied) {
      // The delivery was changed or deleted behind the engine's back; nothing of this attempt was
      // written (nor the webhook's streak). What is stored decides what happens next.
      this.resync(t);
      this.reloadWebhook(w.after.webhookId);
      t.waiter?.reject(conflict(`delivery ${w.after.id} changed while it was being sent; look again`, 'id'));
      t.waiter = undefined;
      return;
    }
    this.queues.release(t);
    const d = t.phase === 'idle' ? w.after : t.d;
    // (Not for a webhook deleted meanwhile, nor once stopped: the next start scans everything.)
    if (d.status === 'retrying' && d.nextAttemptAt !== null && this.queues.get(d.id) === undefined && this.running && this.webhookCache.has(d.webhookId)) {
      this.queues.later(d.webhookId, d.nextAttemptAt, d.id);
      this.timer.arm(d.nextAttemptAt);
    }
    if (this.bus.has('attempt.recorded')) this.bus.emit('attempt.recorded', { ...w.attempt, id: attemptId });
    if (this.bus.has('delivery.updated')) this.bus.emit('delivery.updated', w.after);
    if (w.counters) this.announceWebhook(w.counters.webhookId);
    if (w.alert) this.bus.emit('alert.raised', w.alert);
    const waiter = t.waiter;
    t.waiter = undefined;
    if (waiter) {
      try {
        waiter.resolve(this.detail(w.after.id));
      } catch (e) {
        waiter.reject(e);
      }
    }
  }

  /** One `webhook.changed` per webhook per turn for counter changes, with the engine's current view. */
  private announceWebhook(id: string): void {
    if (this.countersChanged.size === 0) {
      setImmediate(() => {
        const ids = [...this.countersChanged];
        this.countersChanged.clear();
        for (const webhookId of ids) {
          const entry = this.webhookCache.get(webhookId);
          if (entry) this.bus.emit('webhook.changed', { webhook: entry.webhook, id: webhookId, deleted: false });
        }
      });
    }
    this.countersChanged.add(id);
  }

  /** The webhook as stored (its streak, enabled), after an outcome write of the engine's did not apply. */
  private reloadWebhook(id: string): void {
    const stored = this.store.webhooks.get(id);
    if (stored) this.webhookCache.set(id, { webhook: stored, origin: originOf(stored.url) });
    else this.webhookCache.delete(id);
  }

  /** A tracked delivery whose write did not apply: take the stored state, and let a scan find it if it is due. */
  private resync(t: Tracked): void {
    const stored = this.store.deliveries.get(t.d.id);
    if (stored) {
      t.d = stored;
      if (stored.nextAttemptAt !== null) this.queues.rescan(stored.webhookId);
    }
    if (t.phase === 'ready') this.queues.unready(t);
    this.queues.release(t);
    this.schedulePump();
  }

  private emitDelivery(d: Delivery): Delivery {
    this.bus.emit('delivery.updated', d);
    return d;
  }

  private requireDelivery(id: string): Delivery {
    const d = this.store.deliveries.get(parseInput(idSchema, id));
    if (!d) throw notFound('delivery', id);
    return d;
  }

  private requireWebhook(id: string): Webhook {
    const w = this.cachedWebhook(parseInput(idSchema, id))?.webhook;
    if (!w) throw notFound('webhook', id);
    return w;
  }
}
