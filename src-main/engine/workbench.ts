import { join } from 'node:path';
import type { OperationArgs as A, OperationHandlers, OperationResult as R, PushEventMap, PushEventName } from '../api/contract';
import { HookbenchError, notFound } from '../api/errors';
import type { ReceiverStatus } from '../api/receiverTypes';
import type { Delivery } from '../api/types';
import { DEFAULT_WORKSPACE_ID } from './store/workspacesRepo';
import { newId } from './ids';
import { Engine } from './engine';
import { openStore, type StoreOptions } from './store/store';
import { InboxesRepo } from './store/inboxesRepo';
import { Receiver } from './receiver/receiver';
import { registerReceiverRetention } from './receiver/retention';
import { findArrival } from './receiver/replayArrival';
import { registerLocalTargets, sendToLocalInbox } from './localInbox';
import { listenAddress, overrideOf } from './receiver/listenAddress';
import { searchDeliveries } from './logs/deliverySearch';
import { searchRequests } from './logs/requestSearch';
import { computeStats, webhookSummaries } from './logs/stats';
import { exportToFile } from './export/exporter';
import { exportSchema, type ExportInput } from '../api/logSchemas';
import type { ExportResult } from '../api/logTypes';
import { parseInput } from '../api/schemas';
import { isSubscribed } from './webhooks/subscriptions';
import { compareRefs, explainRequest, storeDiffSources } from './diff';

/** `secretBox` (StoreOptions): default the key file beside the database; the desktop passes its keychain box. */
export interface WorkbenchOptions extends StoreOptions {
  /** Where hookbench.db lives. */
  dataDir: string;
  /** Override the receiver's port/host from settings (tests use port 0); false = do not start it. */
  receiver?: { port?: number; host?: string } | false;
  /** false = do not start the delivery engine and retention (`hookbench export` reads; it must not send). */
  deliver?: false;
  /** Where the store and the receiver log. Default console. */
  log?: Pick<Console, 'warn' | 'error'>;
}

const ws = (id: string | undefined) => id ?? DEFAULT_WORKSPACE_ID;

/**
 * The facade every face talks to: opens a data directory, starts the delivery engine and the
 * receiver, and implements one method per contract operation (named after it).
 */
export class Workbench implements OperationHandlers {
  readonly engine: Engine;
  readonly receiver: Receiver;
  private receiverError: string | null = null;
  private receiverRestart: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: WorkbenchOptions) {
    const store = openStore(join(opts.dataDir, 'hookbench.db'), opts);
    try {
      this.engine = new Engine(store);
      this.receiver = new Receiver(store, this.engine.bus, { log: opts.log });
      registerReceiverRetention(this.engine, this.receiver);
      registerLocalTargets(this.engine);
    } catch (e) {
      store.close(); // and with it the data directory's lock
      throw e;
    }
  }

  static async open(opts: WorkbenchOptions): Promise<Workbench> {
    const wb = new Workbench(opts);
    try {
      if (opts.deliver !== false) wb.engine.start();
      if (opts.receiver !== false) await wb.startReceiver();
    } catch (e) {
      await wb.close().catch(() => {});
      throw e;
    }
    return wb;
  }

  get dataDir(): string {
    return this.opts.dataDir;
  }

  /** Subscribe to a push event; returns the unsubscribe function. */
  on<K extends PushEventName>(name: K, listener: (payload: PushEventMap[K]) => void): () => void {
    return this.engine.bus.on(name, listener);
  }

  async close(): Promise<void> {
    await this.receiverRestart; // a restart from Settings finishes first
    await this.receiver.close();
    await this.engine.close();
  }

  /** Listens where Settings (or the override) say; a failure leaves the workbench up and the status saying why. Returns the failure. */
  private async startReceiver(): Promise<unknown> {
    const address = listenAddress(this.engine.getSettings(), this.opts.receiver || {});
    let failure: unknown = null;
    try {
      await this.receiver.listen(address);
      this.receiverError = address.note;
    } catch (e) {
      failure = e;
      this.receiverError = e instanceof Error ? e.message : String(e);
    }
    this.engine.bus.emit('receiver.status', this['receiver.status']());
    return failure;
  }

  /** Close and listen again, one restart at a time (two Settings saves must not race). */
  private restartReceiver(): Promise<unknown> {
    const next = this.receiverRestart.then(async () => {
      await this.receiver.close();
      return this.startReceiver();
    });
    this.receiverRestart = next.catch(() => {});
    return next;
  }

  /** A page of deliveries with the ones being sent now shown as `sending` (that state is not stored). */
  private liveDeliveries<P extends { items: Delivery[] }>(page: P): P {
    return { ...page, items: page.items.map((d) => this.engine.deliveries.overlay(d)) };
  }

  private receiverUrlOf(slug: string): string | null {
    const s = this.receiver.status();
    return s.url ? `${s.url}/in/${slug}` : null;
  }

  private withUrl<T extends { slug: string }>(inbox: T): T & { url: string | null } {
    return { ...inbox, url: this.receiverUrlOf(inbox.slug) };
  }

  // ── workspaces ────────────────────────────────────────────────────────────
  'workspaces.list'(): R<'workspaces.list'> {
    return this.engine.store.workspaces.list();
  }
  'workspaces.create'(a: A<'workspaces.create'>): R<'workspaces.create'> {
    if (this.engine.store.workspaces.findByName(a.name)) throw new HookbenchError('conflict', `a workspace named "${a.name}" exists`, 'name');
    const w = { id: newId('ws'), name: a.name, createdAt: Date.now() };
    this.engine.store.workspaces.insert(w);
    return w;
  }
  'workspaces.rename'(a: A<'workspaces.rename'>): R<'workspaces.rename'> {
    const w = this.engine.store.workspaces.get(a.id);
    if (!w) throw notFound('workspace', a.id);
    const clash = this.engine.store.workspaces.findByName(a.name);
    if (clash && clash.id !== a.id) throw new HookbenchError('conflict', `a workspace named "${a.name}" exists`, 'name');
    this.engine.store.workspaces.rename(a.id, a.name);
    return { ...w, name: a.name };
  }
  'workspaces.delete'(a: A<'workspaces.delete'>): R<'workspaces.delete'> {
    if (a.id === DEFAULT_WORKSPACE_ID) throw new HookbenchError('conflict', 'the default workspace cannot be deleted', 'id');
    if (!this.engine.store.workspaces.get(a.id)) throw notFound('workspace', a.id);
    const webhooks = this.engine.store.webhooks.list(a.id);
    this.engine.store.workspaces.delete(a.id); // cascades to its webhooks, inboxes and logs
    // The caches above the store learn of the cascade here.
    new InboxesRepo(this.engine.store.db).invalidate();
    for (const w of webhooks) this.engine.bus.emit('webhook.changed', { webhook: null, id: w.id, deleted: true });
    return { deleted: true };
  }

  // ── webhooks ──────────────────────────────────────────────────────────────
  'webhooks.list'(a: A<'webhooks.list'>): R<'webhooks.list'> {
    const summaries = webhookSummaries(this.engine.store.db, ws(a.workspaceId));
    return this.engine.webhooks.list(ws(a.workspaceId)).map((w) => ({
      ...w, ...(summaries.get(w.id) ?? { successRate: null, lastDeliveryAt: null, lastDeliveryStatus: null }),
    }));
  }
  'webhooks.get'(a: A<'webhooks.get'>): R<'webhooks.get'> {
    return this.engine.webhooks.get(a.id);
  }
  'webhooks.create'(a: A<'webhooks.create'>): R<'webhooks.create'> {
    return this.engine.webhooks.create(a);
  }
  'webhooks.update'(a: A<'webhooks.update'>): R<'webhooks.update'> {
    return this.engine.webhooks.update(a);
  }
  'webhooks.delete'(a: A<'webhooks.delete'>): R<'webhooks.delete'> {
    this.engine.webhooks.delete(a.id);
    return { deleted: true };
  }
  'webhooks.enable'(a: A<'webhooks.enable'>): R<'webhooks.enable'> {
    return this.engine.webhooks.setEnabled(a.id, true);
  }
  'webhooks.disable'(a: A<'webhooks.disable'>): R<'webhooks.disable'> {
    return this.engine.webhooks.setEnabled(a.id, false);
  }
  'webhooks.test'(a: A<'webhooks.test'>): Promise<R<'webhooks.test'>> {
    return this.engine.deliveries.testWebhook(a.id);
  }
  'webhooks.rotateSecret'(a: A<'webhooks.rotateSecret'>): R<'webhooks.rotateSecret'> {
    return this.engine.webhooks.rotateSecret(a.id, { secret: a.secret, graceMs: a.graceHours * 3600_000 });
  }
  'webhooks.stats'(a: A<'webhooks.stats'>): R<'webhooks.stats'> {
    const w = this.engine.webhooks.get(a.id);
    return computeStats(this.engine.store.db, { ...a, webhookId: w.id, workspaceId: w.workspaceId });
  }
  'webhooks.deliveries'(a: A<'webhooks.deliveries'>): R<'webhooks.deliveries'> {
    const w = this.engine.webhooks.get(a.id);
    const { id: _id, ...query } = a;
    return this.liveDeliveries(searchDeliveries(this.engine.store.db, { ...query, webhookId: w.id, workspaceId: w.workspaceId, sending: this.engine.deliveries.sendingIds() }));
  }
  'webhooks.sendToLocalInbox'(a: A<'webhooks.sendToLocalInbox'>): R<'webhooks.sendToLocalInbox'> {
    const { inbox, webhook } = sendToLocalInbox(this.engine, this.receiver, a);
    return { inbox: this.withUrl(inbox), webhook };
  }

  // ── events ────────────────────────────────────────────────────────────────
  'events.available'(a: A<'events.available'>): R<'events.available'> {
    return this.engine.events.listTypes(ws(a.workspaceId));
  }
  'events.addCustomType'(a: A<'events.addCustomType'>): R<'events.addCustomType'> {
    return this.engine.events.addCustomType(a);
  }
  'events.removeCustomType'(a: A<'events.removeCustomType'>): R<'events.removeCustomType'> {
    this.engine.events.removeCustomType(ws(a.workspaceId), a.type);
    return { deleted: true };
  }
  'events.recipients'(a: A<'events.recipients'>): R<'events.recipients'> {
    return this.engine.store.webhooks.listEnabled(ws(a.workspaceId)).filter((w) => isSubscribed(w.subscriptions, a.type));
  }
  async 'events.triggerMany'(a: A<'events.triggerMany'>): Promise<R<'events.triggerMany'>> {
    const fired = await this.engine.deliveries.fireMany(a.events);
    return { events: fired.length, deliveries: fired.reduce((n, f) => n + f.deliveries.length, 0), eventIds: fired.map((f) => f.event.id) };
  }
  'events.trigger'(a: A<'events.trigger'>): Promise<R<'events.trigger'>> {
    return this.engine.deliveries.fire(a);
  }

  // ── deliveries ────────────────────────────────────────────────────────────
  'deliveries.list'(a: A<'deliveries.list'>): R<'deliveries.list'> {
    return this.liveDeliveries(searchDeliveries(this.engine.store.db, { ...a, workspaceId: ws(a.workspaceId), sending: this.engine.deliveries.sendingIds() }));
  }
  'deliveries.get'(a: A<'deliveries.get'>): R<'deliveries.get'> {
    return this.engine.deliveries.detail(a.id);
  }
  'deliveries.retry'(a: A<'deliveries.retry'>): Promise<R<'deliveries.retry'>> {
    return this.engine.deliveries.retryNow(a.id);
  }
  'deliveries.redeliver'(a: A<'deliveries.redeliver'>): Promise<R<'deliveries.redeliver'>> {
    return this.engine.deliveries.redeliver(a.id);
  }
  async 'deliveries.recover'(a: A<'deliveries.recover'>): Promise<R<'deliveries.recover'>> {
    const workspaceId = ws(a.workspaceId);
    if (a.webhookId) {
      const w = this.engine.webhooks.get(a.webhookId);
      if (w.workspaceId !== workspaceId) throw notFound('webhook', a.webhookId, 'webhookId');
      if (!w.enabled) throw new HookbenchError('conflict', `webhook ${w.name} is disabled; enable it first, then recover its failed deliveries`, 'webhookId');
    } else if (!this.engine.store.workspaces.get(workspaceId)) {
      throw notFound('workspace', workspaceId, 'workspaceId');
    }
    const recoverId = newId('rcv');
    const progress = (queued: number, skipped: number, done: boolean, deliveryIds: string[]) =>
      this.engine.bus.emit('recover.progress', { recoverId, queued, skipped, done, deliveryIds });
    const scope = a.webhookId ? { webhookId: a.webhookId } : { workspaceId };
    const { queued, skipped } = await this.engine.deliveries.recover(scope, a.since, a.until ?? Date.now() + 1, (q, s, ids) => progress(q, s, false, ids));
    progress(queued, skipped, true, []);
    return { recoverId, queued, skipped };
  }
  'deliveries.cancel'(a: A<'deliveries.cancel'>): Promise<R<'deliveries.cancel'>> {
    return this.engine.deliveries.cancel(a.id);
  }

  // ── inboxes and received requests ─────────────────────────────────────────
  'inboxes.list'(a: A<'inboxes.list'>): R<'inboxes.list'> {
    return this.receiver.inboxes.list(ws(a.workspaceId)).map((i) => this.withUrl(i));
  }
  'inboxes.get'(a: A<'inboxes.get'>): R<'inboxes.get'> {
    return this.withUrl(this.receiver.inboxes.get(a.id));
  }
  'inboxes.create'(a: A<'inboxes.create'>): R<'inboxes.create'> {
    return this.withUrl(this.receiver.inboxes.create(a));
  }
  'inboxes.update'(a: A<'inboxes.update'>): R<'inboxes.update'> {
    return this.withUrl(this.receiver.inboxes.update(a));
  }
  'inboxes.delete'(a: A<'inboxes.delete'>): R<'inboxes.delete'> {
    this.receiver.inboxes.delete(a.id);
    return { deleted: true };
  }
  'inboxes.requests'(a: A<'inboxes.requests'>): R<'inboxes.requests'> {
    const inbox = this.receiver.inboxes.get(a.id);
    const { id: _id, ...query } = a;
    return searchRequests(this.engine.store.db, { ...query, inboxId: inbox.id, workspaceId: inbox.workspaceId });
  }
  'requests.list'(a: A<'requests.list'>): R<'requests.list'> {
    return searchRequests(this.engine.store.db, { ...a, workspaceId: ws(a.workspaceId) });
  }
  'requests.get'(a: A<'requests.get'>): R<'requests.get'> {
    return this.receiver.requests.get(a.id);
  }
  'requests.replay'(a: A<'requests.replay'>): Promise<R<'requests.replay'>> {
    return this.receiver.requests.replay(a);
  }
  'requests.replayEdited'(a: A<'requests.replayEdited'>): Promise<R<'requests.replayEdited'>> {
    return this.receiver.requests.replayEdited(a, (id) => this.engine.deliveries.detail(id), (sent, at) => findArrival(this.receiver, sent, at));
  }
  'receiver.status'(): R<'receiver.status'> {
    const s: ReceiverStatus = this.receiver.status();
    return { ...s, error: this.receiverError, overridden: overrideOf(this.opts.receiver || {}) };
  }

  // ── diff and explain ──────────────────────────────────────────────────────
  private diffSources() {
    const inboxName = (id: string) => {
      try {
        return this.receiver.inboxes.get(id).name;
      } catch {
        return null; // deleted since: the label goes without it
      }
    };
    return storeDiffSources(this.engine.store, inboxName);
  }
  'diff.compare'(a: A<'diff.compare'>): R<'diff.compare'> {
    return compareRefs(this.diffSources(), a);
  }
  'diff.explain'(a: A<'diff.explain'>): R<'diff.explain'> {
    return explainRequest(this.diffSources(), a);
  }

  // ── alerts, statistics, export, settings ──────────────────────────────────
  'alerts.list'(a: A<'alerts.list'>): R<'alerts.list'> {
    const workspaceId = ws(a.workspaceId);
    return { alerts: this.engine.listAlerts(workspaceId, a), unread: this.engine.store.alerts.unreadCount(workspaceId) };
  }
  'alerts.markRead'(a: A<'alerts.markRead'>): R<'alerts.markRead'> {
    const workspaceId = ws(a.workspaceId);
    const updated = a.all ? this.engine.store.alerts.markAllRead(workspaceId) : this.engine.markAlertsRead(a.ids ?? []);
    return { updated, unread: this.engine.store.alerts.unreadCount(workspaceId) };
  }
  'stats.overview'(a: A<'stats.overview'>): R<'stats.overview'> {
    return computeStats(this.engine.store.db, { ...a, workspaceId: ws(a.workspaceId) });
  }
  /**
   * Not an operation: no remote face may choose a path (they stream GET /api/v1/export). The
   * desktop's save dialog and the CLI's `--out` call this with an absolute path they chose.
   */
  async exportToFile(input: ExportInput, path: string): Promise<ExportResult> {
    const parsed = parseInput(exportSchema, input);
    const exportId = newId('exp');
    const progress = (rows: number, done = false) => this.engine.bus.emit('export.progress', { exportId, rows, done });
    const r = await exportToFile(this.engine.store.db, { ...parsed, workspaceId: ws(parsed.filters.workspaceId), path }, (rows) => progress(rows));
    progress(r.rows, true);
    return r;
  }
  'settings.get'(): R<'settings.get'> {
    return this.engine.getSettings();
  }
  async 'settings.update'(a: A<'settings.update'>): Promise<R<'settings.update'>> {
    const before = this.engine.getSettings();
    const after = this.engine.updateSettings(a);
    if (this.opts.receiver === false) return after;
    const override = this.opts.receiver || {};
    const [was, next] = [listenAddress(before, override), listenAddress(after, override)];
    const moved = next.port !== was.port || next.host !== was.host;
    // Saving the receiver fields while it is down (a port that was in use at start), or over a
    // saved value it could not use, tries again.
    const retry = (!this.receiver.status().listening || was.note !== next.note) && (a.receiverPort !== undefined || a.receiverHost !== undefined);
    if (!moved && !retry) return after;
    const failure = await this.restartReceiver();
    if (failure === null) return after;
    // The new address cannot be bound: its fields are not kept, and the receiver goes back where it was.
    if (moved) {
      this.engine.updateSettings({ receiverPort: before.receiverPort, receiverHost: before.receiverHost });
      await this.restartReceiver();
    }
    throw failure;
  }
}
