/**
 * What the scheduler holds in memory. SQLite is the queue (due times live in the deliveries
 * table); these are the deliveries the engine is working on — taken from the table or just
 * fired, in flight, or with a write not yet committed — so that a scan of the table skips them,
 * and each webhook's next due time, so that one timer wakes the scheduler.
 */
import type { CatalogId } from '../../api/catalogTypes';
import type { DeliveryStatus } from '../../api/schemas';
import type { Delivery, DeliveryDetail } from '../../api/types';
import type { DeliveriesRepo, DueCursor } from '../store/deliveriesRepo';

export interface Tracked {
  /** The delivery as it will be once every write queued for it is committed. */
  d: Delivery;
  /** Its event's body (the bytes sent), once known. */
  body: string | null;
  /** Its event's catalog, known with the body. */
  catalog: CatalogId | null;
  /** Waiting to be sent (in its webhook's ready list), being sent, or neither. */
  phase: 'ready' | 'sending' | 'idle';
  /** Writes queued for it and not yet committed. */
  writes: number;
  /** Its status when the attempt under way started (a manual retry of a failed delivery stays failed). */
  statusAtLaunch?: DeliveryStatus;
  /**
   * Called with the delivery's detail once attempt number `attempt` is recorded (test, retry
   * now). The number matters: the write of the attempt before it may still be on its way.
   */
  waiter?: { attempt: number; resolve: (d: DeliveryDetail) => void; reject: (e: unknown) => void };
}

/** Tells the caller waiting on `t`'s attempt (test, retry now) that it failed; given `attempt`, only if it waits for that one. */
export function failWaiter(t: Tracked, e: unknown, attempt?: number): void {
  if (!t.waiter || (attempt !== undefined && t.waiter.attempt !== attempt)) return;
  t.waiter.reject(e);
  t.waiter = undefined;
}

/**
 * Deliveries in due order, taken from the front: an array read from a moving head (Array#shift
 * is O(n) once an array is large — ~13 µs a delivery with 20,000 waiting).
 */
export class ReadyList {
  private items: Tracked[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  first(): Tracked | undefined {
    return this.items[this.head];
  }

  shift(): Tracked | undefined {
    if (this.head >= this.items.length) return undefined;
    const t = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return t;
  }

  /** Inserts in due order (after those due at the same time): at the end, for anything fired now. */
  insert(t: Tracked): void {
    const due = t.d.nextAttemptAt ?? 0;
    let at = this.items.length;
    while (at > this.head && (this.items[at - 1]!.d.nextAttemptAt ?? 0) > due) at--;
    if (at === this.items.length) this.items.push(t);
    else this.items.splice(at, 0, t);
  }

  remove(t: Tracked): boolean {
    const at = this.items.indexOf(t, this.head);
    if (at === -1) return false;
    this.items.splice(at, 1);
    return true;
  }

  /** Takes every entry out. */
  drain(): Tracked[] {
    const all = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return all;
  }
}

/** One webhook's part of the queue. */
export interface WebhookQueue {
  /** Due deliveries taken from the table or just fired, earliest due first. */
  ready: ReadyList;
  /** The table may hold due deliveries of this webhook that are not tracked: scan it when `ready` runs low. */
  scan: boolean;
  /**
   * Where the last scan stopped: every due row before it has been taken. Null: scan from the
   * start (after a restart, a resume, or a write the engine did not expect).
   */
  cursor: DueCursor | null;
  /** The earliest due time of its untracked deliveries, as far as known (Infinity: none). */
  nextDue: number;
  /** How many of its deliveries are tracked (a scan reads that many more rows than it wants). */
  tracked: number;
}

/**
 * At most this many deliveries wait in memory to be sent, over every webhook (each holds its
 * event's body: ~10 MiB at 500-byte bodies); more stay in the table until scanned.
 */
export const READY_BUDGET = 20_000;

export class DueQueues {
  private readonly queues = new Map<string, WebhookQueue>();
  private readonly entries = new Map<string, Tracked>();
  private readyTotal = 0;

  /** Whether a fired delivery may wait in memory (else it waits in the table for a scan). */
  get roomForReady(): boolean {
    return this.readyTotal < READY_BUDGET;
  }

  /** Deliveries tracked now. */
  get size(): number {
    return this.entries.size;
  }

  get(id: string): Tracked | undefined {
    return this.entries.get(id);
  }

  queue(webhookId: string): WebhookQueue {
    let q = this.queues.get(webhookId);
    if (!q)
      this.queues.set(
        webhookId,
        (q = { ready: new ReadyList(), scan: false, cursor: null, nextDue: Infinity, tracked: 0 }),
      );
    return q;
  }

  /** Starts tracking a delivery (or returns the entry already tracking it). */
  track(d: Delivery, body: string | null, catalog: CatalogId | null = null): Tracked {
    let t = this.entries.get(d.id);
    if (t) return t;
    t = { d, body, catalog, phase: 'idle', writes: 0 };
    this.entries.set(d.id, t);
    this.queue(d.webhookId).tracked++;
    return t;
  }

  /** Stops tracking `t` once nothing is under way for it. */
  release(t: Tracked): void {
    if (t.phase !== 'idle' || t.writes > 0 || this.entries.get(t.d.id) !== t) return;
    this.entries.delete(t.d.id);
    const q = this.queues.get(t.d.webhookId);
    if (q) q.tracked--;
  }

  /** A fired or redelivered delivery: ready to send, unless its webhook has a backlog in the table (read in due order by a scan). */
  enqueue(d: Delivery, body: string, catalog: CatalogId): void {
    if (this.entries.has(d.id)) return; // a scan took it already
    const q = this.queue(d.webhookId);
    if (q.scan || !this.roomForReady) this.dueAt(d.webhookId, d.nextAttemptAt ?? d.createdAt, d.id);
    else this.makeReady(this.track(d, body, catalog));
  }

  /**
   * Takes a webhook's due deliveries that are not tracked from the table, in due order, from
   * where its last scan stopped (from the start, it reads past the tracked ones too).
   */
  scan(
    webhookId: string,
    q: WebhookQueue,
    now: number,
    rowsWanted: number,
    repo: Pick<DeliveriesRepo, 'due' | 'earliestDueAfter'>,
  ): void {
    const limit = (q.cursor ? 0 : q.tracked) + rowsWanted;
    const rows = repo.due(webhookId, now, limit, q.cursor ?? undefined);
    for (const { delivery, body, catalog } of rows) {
      if (!this.entries.has(delivery.id)) this.makeReady(this.track(delivery, body, catalog));
    }
    const last = rows[rows.length - 1]?.delivery;
    if (last) q.cursor = { due: last.nextAttemptAt!, id: last.id };
    if (rows.length < limit) {
      q.scan = false;
      q.nextDue = Math.min(q.nextDue, repo.earliestDueAfter(webhookId, now) ?? Infinity);
    }
  }

  /** Puts a tracked delivery in its webhook's ready list, in due order. */
  makeReady(t: Tracked): void {
    t.phase = 'ready';
    this.queue(t.d.webhookId).ready.insert(t);
    this.readyTotal++;
  }

  /** The first of a webhook's ready deliveries, taken out to be sent. */
  takeReady(q: WebhookQueue): Tracked | undefined {
    const t = q.ready.shift();
    if (t) {
      this.readyTotal--;
      t.phase = 'idle';
    }
    return t;
  }

  /** Takes a delivery out of its webhook's ready list (cancelled, retried by hand). */
  unready(t: Tracked): void {
    if (t.phase !== 'ready') return;
    if (this.queue(t.d.webhookId).ready.remove(t)) this.readyTotal--;
    t.phase = 'idle';
  }

  /** Forgets a webhook's queue and the deliveries waiting in it (the webhook was deleted). */
  dropWebhook(webhookId: string): void {
    const q = this.queues.get(webhookId);
    if (!q) return;
    const dropped = q.ready.drain();
    this.readyTotal -= dropped.length;
    for (const t of dropped) {
      t.phase = 'idle';
      this.release(t);
    }
    if (q.tracked === 0) this.queues.delete(webhookId);
    q.scan = false;
    q.cursor = null;
    q.nextDue = Infinity;
  }

  /** A webhook's queue: look through its due rows again from the start. */
  rescan(webhookId: string): void {
    const q = this.queue(webhookId);
    q.scan = true;
    q.cursor = null;
  }

  /** A row the table holds for a webhook falls due at `due` (id `id`): the next scan must reach it. */
  dueAt(webhookId: string, due: number, id: string): void {
    const q = this.queue(webhookId);
    q.scan = true;
    if (q.cursor && (due < q.cursor.due || (due === q.cursor.due && id <= q.cursor.id))) q.cursor = null;
  }

  /** A row of the table falls due later, at `due`: the timer wakes for it, and the next scan reaches it. */
  later(webhookId: string, due: number, id: string): void {
    const q = this.queue(webhookId);
    q.nextDue = Math.min(q.nextDue, due);
    if (q.cursor && (due < q.cursor.due || (due === q.cursor.due && id <= q.cursor.id))) q.cursor = null;
  }

  /** Every webhook's queue: scan the table again from the start (start, resume). */
  scanAll(webhookIds: Iterable<string>): void {
    for (const id of webhookIds) this.rescan(id);
  }

  /** The earliest known due time of untracked deliveries, over every webhook. */
  earliestDue(): number {
    let t = Infinity;
    for (const q of this.queues.values()) t = Math.min(t, q.nextDue);
    return t;
  }

  /** Every tracked delivery being sent (stop: their callers are told). */
  sending(): Tracked[] {
    return [...this.entries.values()].filter((t) => t.phase === 'sending');
  }
}
