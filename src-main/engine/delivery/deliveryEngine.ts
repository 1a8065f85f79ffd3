import { CANCELLABLE_STATUSES, idSchema, parseInput, RETRYABLE_STATUSES, type FireEventInput } from '../../api/schemas';
import type { CatalogId } from '../../api/catalogTypes';
import { conflict, HookbenchError, notFound } from '../../api/errors';
import type { AttemptTrigger, Delivery, DeliveryDetail, EventEnvelope, Webhook } from '../../api/types';
import type { EventBus } from '../eventBus';
import type { EventService } from '../events/eventService';
import { newId } from '../ids';
import type { Store } from '../store/store';
import { inserting } from '../store/storeWriter';
import {
  writeFired,
  writeNewDelivery,
  writeOutcome,
  writeState,
  type FiredEvent,
  type OutcomeWrite,
} from './deliveryWrites';
import { loadSchemaValidator } from '../catalogs/schemaValidator';
import { newDelivery, planFires } from './firePlan';
import { Dispatcher, type AttemptOutcome } from './dispatcher';
import { DueQueues, failWaiter, type Tracked } from './dueQueues';
import { DueTimer } from './dueTimer';
import { EndpointSlots, originOf } from './endpointSlots';
import { EngineWebhooks } from './engineWebhooks';
import { isSuccess, recordAttempt, type SentAttempt } from './nextState';
import { outgoingRequest } from './outgoingRequest';
import { recoverFailed, type RecoverDeps, type RecoverScope } from './recoverFailed';
import { healthRecord, webhookHealthAfter, type HealthRecord } from './webhookHealth';

export interface DeliveryEngineOptions {
  perEndpointConcurrency?: number;
  overallConcurrency?: number;
  userAgent?: string;
}

export interface FireResult {
  event: EventEnvelope;
  deliveries: Delivery[];
}

/** Rows a scan of the table takes beyond the ones already tracked. */
const SCAN_ROWS = 200;

/** `a, b or c`. */
const orList = (xs: readonly string[]): string =>
  xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`;

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
  private readonly webhooks: EngineWebhooks;
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
    this.webhooks = new EngineWebhooks(store.webhooks, bus);
    this.bus.on('webhook.changed', (c) => {
      const was = this.webhooks.peek(c.id);
      if (!c.webhook) {
        this.webhooks.delete(c.id);
        this.queues.dropWebhook(c.id);
        return;
      }
      this.webhooks.set(c.webhook);
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
    this.queues.scanAll(this.webhooks.ids());
    this.schedulePump();
  }

  /** Stops sending. Attempts in flight are abandoned: their deliveries are still due, and go again on the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.timer.clear();
    for (const t of this.queues.sending()) {
      failWaiter(
        t,
        new HookbenchError(
          'unavailable',
          'Hookbench stopped before the response arrived; the delivery goes again on the next start',
        ),
      );
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
    const validator = await loadSchemaValidator();
    const fired = planFires(inputs, Date.now(), {
      events: this.events,
      workspaceExists: (id) => this.store.workspaces.get(id) !== undefined,
      webhooks: () => Array.from(this.webhooks.all(), (c) => c.webhook),
      validator,
    });
    await this.store.writer.submit(
      inserting(
        (b) => writeFired(b, fired),
        () => fired.length > 0 && this.store.events.get(fired[0]!.event.id) !== undefined,
      ),
    );
    for (const f of fired) for (const d of f.deliveries) this.enqueue(d, f.event.body, f.event.catalog ?? 'hookbench');
    if (this.bus.has('delivery.updated'))
      for (const f of fired) for (const d of f.deliveries) this.bus.emit('delivery.updated', d);
    if (fired.some((f) => f.deliveries.length)) this.schedulePump();
    return fired.map((f) => ({ event: f.envelope, deliveries: f.deliveries }));
  }

  /** Sends a `webhook.test` event to one webhook now (even if disabled or not subscribed); no retries. */
  async testWebhook(webhookId: string): Promise<DeliveryDetail> {
    const webhook = this.requireWebhook(webhookId);
    const now = Date.now();
    const built = this.events.build(webhook.workspaceId, { type: 'webhook.test' }, now);
    const delivery = newDelivery(webhook, built.envelope, null, now);
    const event: FiredEvent = {
      id: built.envelope.id,
      workspaceId: webhook.workspaceId,
      catalog: built.catalog,
      type: built.envelope.type,
      body: built.body,
      createdAt: now,
    };
    await this.store.writer.submit(
      inserting(
        (b) => writeFired(b, [{ event, deliveries: [delivery] }]),
        () => this.store.deliveries.get(delivery.id) !== undefined,
      ),
    );
    this.bus.emit('delivery.updated', delivery);
    return this.sendNow(delivery, { body: built.body, catalog: built.catalog }, webhook, 'test');
  }

  /** One attempt now for a failed, retrying or cancelled delivery. */
  async retryNow(deliveryId: string): Promise<DeliveryDetail> {
    const tracked = this.queues.get(parseInput(idSchema, deliveryId));
    // (Or its attempt is still being recorded: its caller waits for that.)
    if (tracked?.phase === 'sending' || tracked?.waiter)
      throw conflict(`delivery ${deliveryId} is already being sent`, 'id');
    const d = tracked?.d ?? this.requireDelivery(deliveryId);
    if (!RETRYABLE_STATUSES.includes(d.status)) {
      throw conflict(
        `delivery ${d.id} is ${d.status}; only ${orList(RETRYABLE_STATUSES)} deliveries can be retried (redeliver sends it again)`,
        'id',
      );
    }
    const event =
      tracked?.body != null && tracked.catalog
        ? { body: tracked.body, catalog: tracked.catalog }
        : this.store.events.get(d.eventId);
    if (event === undefined) throw notFound('event', d.eventId, 'eventId');
    return this.sendNow(d, event, this.requireWebhook(d.webhookId), 'retry_now');
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
    await this.store.writer.submit(
      inserting(
        (b) => writeNewDelivery(b, created),
        () => this.store.deliveries.get(created.id) !== undefined,
      ),
    );
    this.enqueue(created, event.body, event.catalog);
    this.bus.emit('delivery.updated', created);
    this.schedulePump();
    return created;
  }

  /** Cancels a pending or retrying delivery (one in flight is recorded as cancelled unless it succeeds). */
  async cancel(deliveryId: string): Promise<Delivery> {
    const tracked = this.queues.get(parseInput(idSchema, deliveryId));
    const before = tracked?.d ?? this.requireDelivery(deliveryId);
    if (!CANCELLABLE_STATUSES.includes(before.status)) {
      throw conflict(
        `delivery ${before.id} is ${before.status}; only ${orList(CANCELLABLE_STATUSES)} deliveries can be cancelled`,
        'id',
      );
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
    const shown: Delivery = t.phase === 'sending' ? { ...after, status: 'sending' } : after;
    this.bus.emit('delivery.updated', shown);
    return shown;
  }

  /** Failed deliveries in `scope` created in [since, until) due again now, within each endpoint's limits (recoverFailed.ts). */
  recover(
    scope: RecoverScope,
    since: number,
    until: number,
    onPage: (queued: number, skipped: number, ids: string[]) => void,
  ): Promise<{ queued: number; skipped: number }> {
    const deps: RecoverDeps = {
      store: this.store,
      mayTake: (d) => this.webhooks.get(d.webhookId)?.webhook.enabled === true && !this.queues.get(d.id),
      queued: (deliveries, now) => {
        const woken = new Set(deliveries.map((d) => d.webhookId));
        if (this.bus.has('delivery.updated')) for (const d of deliveries) this.bus.emit('delivery.updated', d);
        for (const id of woken) this.queues.dueAt(id, now, '');
        this.schedulePump();
      },
    };
    return recoverFailed(deps, scope, since, until, onPage);
  }

  /** The delivery as committed, with its body and attempts; one being sent shows as `sending`. */
  detail(deliveryId: string): DeliveryDetail {
    const d = this.overlay(this.requireDelivery(deliveryId));
    return {
      ...d,
      body: this.queues.get(d.id)?.body ?? this.store.events.get(d.eventId)?.body ?? '',
      attempts: this.store.deliveries.attempts(d.id),
    };
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
    this.queues.scanAll(this.webhooks.ids());
    this.schedulePump();
  }

  /** A fired or redelivered delivery: ready to send, unless its webhook has a backlog in the table (scanned in due order). */
  private enqueue(d: Delivery, body: string, catalog: CatalogId): void {
    if (this.webhooks.has(d.webhookId)) this.queues.enqueue(d, body, catalog); // (else deleted meanwhile, with its deliveries)
  }

  private sendNow(
    d: Delivery,
    event: { body: string; catalog: CatalogId },
    webhook: Webhook,
    trigger: AttemptTrigger,
  ): Promise<DeliveryDetail> {
    const t = this.queues.track(d, event.body, event.catalog);
    if (t.phase === 'sending' || t.waiter)
      return Promise.reject(conflict(`delivery ${d.id} is already being sent`, 'id'));
    this.queues.unready(t);
    t.body ??= event.body;
    t.catalog ??= event.catalog;
    return new Promise<DeliveryDetail>((resolve, reject) => {
      // The attempt launched below; the tracked state already counts every attempt before it.
      t.waiter = { attempt: t.d.attemptCount + 1, resolve, reject };
      this.launch(t, webhook, this.webhooks.get(webhook.id)?.origin ?? originOf(webhook.url), trigger);
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
    for (const { webhook, origin } of this.webhooks.all()) {
      const q = this.queues.queue(webhook.id);
      // Whatever fell due is found by a scan — now, or (disabled, or no slot free) once it can be sent.
      if (q.nextDue <= now || (!webhook.enabled && q.nextDue < Infinity)) {
        q.scan = true;
        q.nextDue = Infinity;
      }
      if (!webhook.enabled || this.slots.full) continue;
      let free = this.slots.freeFor(origin);
      if (free === 0) continue;
      if (q.scan && q.ready.length < SCAN_ROWS / 2)
        this.queues.scan(webhook.id, q, now, SCAN_ROWS, this.store.deliveries);
      while (free > 0 && q.ready.length > 0 && (q.ready.first()!.d.nextAttemptAt ?? 0) <= now) {
        this.launch(this.queues.takeReady(q)!, webhook, origin, 'scheduled');
        free--;
      }
    }
    // Every known due time is in the future now; completions pump whatever waits for a slot.
    const next = this.queues.earliestDue();
    if (next < Infinity) this.timer.arm(next);
  }

  /** Signs and sends one attempt; nothing is written until its response. */
  private launch(t: Tracked, webhook: Webhook, origin: string, trigger: AttemptTrigger): void {
    const now = Date.now();
    t.phase = 'sending';
    t.statusAtLaunch = t.d.status;
    this.slots.force(origin);
    if (t.body === null || t.catalog === null) {
      const event = this.store.events.get(t.d.eventId);
      t.body ??= event?.body ?? '';
      t.catalog ??= event?.catalog ?? 'hookbench';
    }
    const body = Buffer.from(t.body);
    const { wire, recorded } = outgoingRequest(webhook, t.d, body, t.catalog, this.userAgent, now);
    const sent: Omit<SentAttempt, 'statusAtLaunch'> = {
      trigger,
      scheduledAt: trigger === 'scheduled' ? (t.d.nextAttemptAt ?? now) : now,
      startedAt: now,
      ...recorded,
    };
    if (this.bus.has('delivery.updated'))
      this.bus.emit('delivery.updated', { ...t.d, status: 'sending', updatedAt: now });
    void this.dispatcher
      .send({ method: 'POST', url: wire.url, headers: wire.headers, body, timeoutMs: webhook.timeoutSec * 1000 })
      .then((outcome) => {
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
    const webhook = this.webhooks.get(before.webhookId)?.webhook;
    t.phase = 'idle';
    if (!webhook) {
      // Deleted while in flight, with its deliveries.
      failWaiter(t, notFound('webhook', before.webhookId, 'webhookId'), before.attemptCount + 1);
      this.queues.release(t);
      return;
    }
    const { after, attempt, gone } = recordAttempt(
      before,
      { ...sent, statusAtLaunch: t.statusAtLaunch ?? before.status },
      outcome,
      webhook.retryPolicy,
      now,
    );
    const write: OutcomeWrite = {
      before,
      after,
      attempt,
      ...this.applyHealth(webhook, sent.trigger, outcome, gone, now),
    };
    t.d = after;
    t.writes++;
    const recover = () => {
      const id = this.store.deliveries.attemptId(write.after.id, write.attempt.number);
      return id === undefined ? undefined : [1, id];
    };
    this.store.writer.submit({ write: (b) => writeOutcome(b, write), recover }).then(
      ([applied, attemptId]) => this.recorded(t, write, applied !== null, Number(attemptId)),
      (e: unknown) => {
        t.writes--;
        this.resync(t);
        this.webhooks.reload(before.webhookId);
        failWaiter(t, e, write.attempt.number);
      },
    );
  }

  /** The webhook's health after this attempt (webhookHealth.ts), applied: the cache now, the rest with the attempt's write. */
  private applyHealth(
    webhook: Webhook,
    trigger: AttemptTrigger,
    outcome: AttemptOutcome,
    gone: boolean,
    now: number,
  ): Partial<HealthRecord> {
    const attempt = {
      trigger,
      ok: isSuccess(outcome),
      gone,
      status: outcome.status,
      errorMessage: outcome.errorMessage,
    };
    const change = webhookHealthAfter(webhook, attempt, this.store.settings.get().alerts, now);
    if (!change) return {};
    const { health, disabledReason } = change;
    this.webhooks.set({
      ...webhook,
      ...health,
      updatedAt: now,
      ...(disabledReason === undefined ? {} : { disabledReason }),
    });
    return healthRecord(webhook, change, () => newId('alr', now), now);
  }

  /** An attempt's write is committed: tell listeners, and schedule the retry. */
  private recorded(t: Tracked, w: OutcomeWrite, applied: boolean, attemptId: number): void {
    t.writes--;
    if (!applied) {
      // The delivery was changed or deleted behind the engine's back; nothing of this attempt was
      // written (nor the webhook's streak). What is stored decides what happens next.
      this.resync(t);
      this.webhooks.reload(w.after.webhookId);
      failWaiter(
        t,
        conflict(`delivery ${w.after.id} changed while it was being sent; look again`, 'id'),
        w.attempt.number,
      );
      return;
    }
    this.queues.release(t);
    const d = t.phase === 'idle' ? w.after : t.d;
    // (Not for a webhook deleted meanwhile, nor once stopped: the next start scans everything.)
    if (
      d.status === 'retrying' &&
      d.nextAttemptAt !== null &&
      this.queues.get(d.id) === undefined &&
      this.running &&
      this.webhooks.has(d.webhookId)
    ) {
      this.queues.later(d.webhookId, d.nextAttemptAt, d.id);
      this.timer.arm(d.nextAttemptAt);
    }
    if (this.bus.has('attempt.recorded')) this.bus.emit('attempt.recorded', { ...w.attempt, id: attemptId });
    if (this.bus.has('delivery.updated')) this.bus.emit('delivery.updated', w.after);
    if (w.counters) this.webhooks.announce(w.counters.webhookId);
    if (w.alert) this.bus.emit('alert.raised', w.alert);
    // (A waiter for a later attempt — retry now while this one's write was committing — stays.)
    const waiter = t.waiter?.attempt === w.attempt.number ? t.waiter : undefined;
    if (waiter) {
      t.waiter = undefined;
      try {
        waiter.resolve(this.detail(w.after.id));
      } catch (e) {
        waiter.reject(e);
      }
    }
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

  private requireDelivery(id: string): Delivery {
    const d = this.store.deliveries.get(parseInput(idSchema, id));
    if (!d) throw notFound('delivery', id);
    return d;
  }

  private requireWebhook(id: string): Webhook {
    const w = this.webhooks.get(parseInput(idSchema, id))?.webhook;
    if (!w) throw notFound('webhook', id);
    return w;
  }
}
