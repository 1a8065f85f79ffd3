import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  OperationArgs as A,
  OperationHandlers,
  OperationResult as R,
  PushEventMap,
  PushEventName,
} from '../api/contract';
import { HookbenchError, notFound } from '../api/errors';
import type { ReceiverStatus } from '../api/receiverTypes';
import type { Delivery } from '../api/types';
import { DEFAULT_WORKSPACE_ID } from '../api/defaultWorkspace';
import { newId } from './ids';
import { Sender } from './sender';
import { DB_FILE_NAME } from './store/dataDirFiles';
import { openStore, type StoreOptions } from './store/store';
import { Receiver } from './receiver/receiver';
import { registerReceiverRetention } from './receiver/retention';
import { findArrival } from './receiver/replayArrival';
import { registerLocalTargets, sendToLocalInbox } from './localInbox';
import { listenAddress, overrideOf, type ReceiverOverride } from './receiver/listenAddress';
import { searchDeliveries } from './logs/deliverySearch';
import { searchRequests } from './logs/requestSearch';
import { computeStats, webhookSummaries } from './logs/stats';
import { exportTo, exportToFile } from './export/exporter';
import { exportSchema, type ExportInput } from '../api/logSchemas';
import type { ExportResult } from '../api/logTypes';
import { parseInput } from '../api/schemas';
import { isSubscribed } from './webhooks/subscriptions';
import { compareRefs, explainRequest, loadMessage, storeDiffSources, type LoadedMessage } from './diff';
import { WorkspaceService } from './workspaces/workspaceService';
import type { ImportPlan } from '../api/catalogTypes';
import type { CatalogService } from './catalogs/catalogService';
import { driftOf } from './catalogs/drift';
import { exportCatalog, importCatalog, inferFromTraffic, type ImportOptions } from './catalogs/catalogTransfer';

// The faces' one way in: this module and the contract (src-main/api). Where the data lives by default is part of it.
export { defaultDataDir } from './defaultDataDir';
export { DB_FILE_NAME };
/** A file written whole or not at all, 0600, never through a link: for faces writing what the engine gave them. */
export { writeFileSafely } from './export/safeFile';

/** `secretBox` (StoreOptions): default the key file beside the database; the desktop passes its keychain box. */
export interface WorkbenchOptions extends StoreOptions {
  /** Where hookbench.db lives. */
  dataDir: string;
  /** Override the receiver's port/host from settings (tests use port 0); false = do not start it (see {@link Workbench.listen}). */
  receiver?: ReceiverOverride | false;
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
  readonly sender: Sender;
  readonly receiver: Receiver;
  private readonly workspaces: WorkspaceService;
  /** Where the receiver listens ahead of Settings; false while it is not to run. */
  private receiverAt: ReceiverOverride | false;
  private delivering = false;
  private receiverError: string | null = null;
  private receiverRestart: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: WorkbenchOptions) {
    const store = openStore(join(opts.dataDir, DB_FILE_NAME), opts);
    try {
      this.sender = new Sender(store);
      this.receiver = new Receiver(store, this.sender.bus, { log: opts.log, contracts: this.sender.catalogs });
      this.workspaces = new WorkspaceService(store, this.sender.bus);
      this.receiverAt = opts.receiver ?? {};
      registerReceiverRetention(this.sender, this.receiver);
      registerLocalTargets(this.sender);
    } catch (e) {
      store.close(); // and with it the data directory's lock
      throw e;
    }
  }

  /** Whether `dataDir` holds Hookbench's data (for commands that read it and should not start an empty one). */
  static hasData(dataDir: string): boolean {
    return existsSync(join(dataDir, DB_FILE_NAME));
  }

  static async open(opts: WorkbenchOptions): Promise<Workbench> {
    const wb = new Workbench(opts);
    try {
      if (opts.deliver !== false) wb.startDelivering();
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
    return this.sender.bus.on(name, listener);
  }

  async close(): Promise<void> {
    await this.receiverRestart; // a restart from Settings finishes first
    await this.receiver.close();
    await this.sender.close();
  }

  /** Starts sending (and the daily clean-up) on a workbench opened with `deliver: false`: `hookbench send` fires first, then follows every attempt. */
  startDelivering(): void {
    if (this.delivering) return;
    this.delivering = true;
    this.sender.start();
  }

  /**
   * Starts the receiver of a workbench opened with `receiver: false`, at `address` ahead of
   * Settings (`hookbench listen` makes its inbox first, then listens). Throws why it cannot listen.
   */
  async listen(address: ReceiverOverride = {}): Promise<{ url: string; port: number; host: string }> {
    if (this.receiverAt !== false)
      throw new HookbenchError(
        'conflict',
        'the receiver is started when the workbench opens; open it with receiver: false',
        'receiver',
      );
    this.receiverAt = address;
    const failure = await this.startReceiver();
    const { url, port, host } = this.receiver.status();
    if (failure !== null || url === null || port === null || host === null)
      throw failure ?? new Error('the receiver did not start');
    return { url, port, host };
  }

  /** Listens where Settings (or the override) say; a failure leaves the workbench up and the status saying why. Returns the failure. */
  private async startReceiver(): Promise<unknown> {
    const address = listenAddress(this.sender.getSettings(), this.receiverAt || {});
    let failure: unknown = null;
    try {
      await this.receiver.listen(address);
      this.receiverError = address.note;
    } catch (e) {
      failure = e;
      this.receiverError = e instanceof Error ? e.message : String(e);
    }
    this.sender.bus.emit('receiver.status', this['receiver.status']());
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
    return { ...page, items: page.items.map((d) => this.sender.deliveries.overlay(d)) };
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
    return this.workspaces.list();
  }
  'workspaces.create'(a: A<'workspaces.create'>): R<'workspaces.create'> {
    return this.workspaces.create(a);
  }
  'workspaces.rename'(a: A<'workspaces.rename'>): R<'workspaces.rename'> {
    return this.workspaces.rename(a);
  }
  'workspaces.delete'(a: A<'workspaces.delete'>): R<'workspaces.delete'> {
    this.workspaces.delete(a.id);
    return { deleted: true };
  }

  // ── webhooks ──────────────────────────────────────────────────────────────
  'webhooks.list'(a: A<'webhooks.list'>): R<'webhooks.list'> {
    const summaries = webhookSummaries(this.sender.store.db, ws(a.workspaceId));
    return this.sender.webhooks.list(ws(a.workspaceId)).map((w) => ({
      ...w,
      ...(summaries.get(w.id) ?? { successRate: null, lastDeliveryAt: null, lastDeliveryStatus: null }),
    }));
  }
  'webhooks.get'(a: A<'webhooks.get'>): R<'webhooks.get'> {
    return this.sender.webhooks.get(a.id);
  }
  'webhooks.create'(a: A<'webhooks.create'>): R<'webhooks.create'> {
    return this.sender.webhooks.create(a);
  }
  'webhooks.update'(a: A<'webhooks.update'>): R<'webhooks.update'> {
    return this.sender.webhooks.update(a);
  }
  'webhooks.delete'(a: A<'webhooks.delete'>): R<'webhooks.delete'> {
    this.sender.webhooks.delete(a.id);
    return { deleted: true };
  }
  'webhooks.enable'(a: A<'webhooks.enable'>): R<'webhooks.enable'> {
    return this.sender.webhooks.setEnabled(a.id, true);
  }
  'webhooks.disable'(a: A<'webhooks.disable'>): R<'webhooks.disable'> {
    return this.sender.webhooks.setEnabled(a.id, false);
  }
  'webhooks.test'(a: A<'webhooks.test'>): Promise<R<'webhooks.test'>> {
    return this.sender.deliveries.testWebhook(a.id);
  }
  'webhooks.rotateSecret'(a: A<'webhooks.rotateSecret'>): R<'webhooks.rotateSecret'> {
    return this.sender.webhooks.rotateSecret(a.id, { secret: a.secret, graceMs: a.graceHours * 3600_000 });
  }
  'webhooks.stats'(a: A<'webhooks.stats'>): R<'webhooks.stats'> {
    const w = this.sender.webhooks.get(a.id);
    return computeStats(this.sender.store.db, { ...a, webhookId: w.id, workspaceId: w.workspaceId });
  }
  'webhooks.deliveries'(a: A<'webhooks.deliveries'>): R<'webhooks.deliveries'> {
    const w = this.sender.webhooks.get(a.id);
    const { id: _id, ...query } = a;
    return this.liveDeliveries(
      searchDeliveries(this.sender.store.db, {
        ...query,
        webhookId: w.id,
        workspaceId: w.workspaceId,
        sending: this.sender.deliveries.sendingIds(),
      }),
    );
  }
  'webhooks.sendToLocalInbox'(a: A<'webhooks.sendToLocalInbox'>): R<'webhooks.sendToLocalInbox'> {
    const { inbox, webhook } = sendToLocalInbox(this.sender, this.receiver, a);
    return { inbox: this.withUrl(inbox), webhook };
  }

  // ── events ────────────────────────────────────────────────────────────────
  'events.available'(a: A<'events.available'>): R<'events.available'> {
    return this.sender.events.listTypes(ws(a.workspaceId));
  }
  'events.addCustomType'(a: A<'events.addCustomType'>): R<'events.addCustomType'> {
    return this.sender.events.addCustomType(a);
  }
  'events.removeCustomType'(a: A<'events.removeCustomType'>): R<'events.removeCustomType'> {
    this.sender.events.removeCustomType(ws(a.workspaceId), a.type);
    return { deleted: true };
  }
  'events.recipients'(a: A<'events.recipients'>): R<'events.recipients'> {
    return this.sender.store.webhooks
      .listEnabled(ws(a.workspaceId))
      .filter((w) => isSubscribed(w.subscriptions, a.type));
  }
  async 'events.triggerMany'(a: A<'events.triggerMany'>): Promise<R<'events.triggerMany'>> {
    const fired = await this.sender.deliveries.fireMany(a.events);
    return {
      events: fired.length,
      deliveries: fired.reduce((n, f) => n + f.deliveries.length, 0),
      eventIds: fired.map((f) => f.event.id),
    };
  }
  'events.trigger'(a: A<'events.trigger'>): Promise<R<'events.trigger'>> {
    return this.sender.deliveries.fire(a);
  }

  // ── catalogs ──────────────────────────────────────────────────────────────
  'catalogs.list'(a: A<'catalogs.list'>): R<'catalogs.list'> {
    this.catalogs.requireWorkspace(ws(a.workspaceId));
    return this.catalogs.list(ws(a.workspaceId));
  }
  'catalogs.types'(a: A<'catalogs.types'>): R<'catalogs.types'> {
    this.catalogs.requireWorkspace(ws(a.workspaceId));
    return this.catalogs.types(ws(a.workspaceId), a.catalog);
  }
  'catalogs.type'(a: A<'catalogs.type'>): R<'catalogs.type'> {
    this.catalogs.requireWorkspace(ws(a.workspaceId));
    return this.catalogs.type(ws(a.workspaceId), a.catalog, a.type);
  }
  'catalogs.setSchema'(a: A<'catalogs.setSchema'>): Promise<R<'catalogs.setSchema'>> {
    return this.catalogs.setSchema(ws(a.workspaceId), a.catalog, a.type, a.schema);
  }
  'catalogs.check'(a: A<'catalogs.check'>): Promise<R<'catalogs.check'>> {
    this.catalogs.requireWorkspace(ws(a.workspaceId));
    return this.catalogs.check(ws(a.workspaceId), a.catalog, a.type, a.payload);
  }
  'catalogs.import'(a: A<'catalogs.import'>): Promise<R<'catalogs.import'>> {
    // A remote face hands over text only: external $refs are refused (no baseDir).
    return this.importCatalog(ws(a.workspaceId), a.document, { dryRun: a.dryRun });
  }
  async 'catalogs.export'(a: A<'catalogs.export'>): Promise<R<'catalogs.export'>> {
    return { document: await exportCatalog(this.catalogs, ws(a.workspaceId), a.catalog) };
  }
  'catalogs.infer'(a: A<'catalogs.infer'>): R<'catalogs.infer'> {
    return inferFromTraffic(this.sender.store, this.catalogs, ws(a.workspaceId), a);
  }
  'catalogs.drift'(a: A<'catalogs.drift'>): Promise<R<'catalogs.drift'>> {
    return driftOf(this.sender.store, this.catalogs, ws(a.workspaceId), a.catalog);
  }

  /**
   * Imports a catalog document's text into a workspace. `baseDir` (the CLI: the document's
   * folder) lets external `$ref` files be read; the operation never passes one.
   */
  importCatalog(workspaceId: string, text: string, opts: ImportOptions): Promise<ImportPlan> {
    return importCatalog(this.sender.store, this.catalogs, workspaceId, text, opts);
  }

  private get catalogs(): CatalogService {
    return this.sender.catalogs;
  }

  // ── deliveries ────────────────────────────────────────────────────────────
  'deliveries.list'(a: A<'deliveries.list'>): R<'deliveries.list'> {
    return this.liveDeliveries(
      searchDeliveries(this.sender.store.db, {
        ...a,
        workspaceId: ws(a.workspaceId),
        sending: this.sender.deliveries.sendingIds(),
      }),
    );
  }
  'deliveries.get'(a: A<'deliveries.get'>): R<'deliveries.get'> {
    return this.sender.deliveries.detail(a.id);
  }
  'deliveries.retry'(a: A<'deliveries.retry'>): Promise<R<'deliveries.retry'>> {
    return this.sender.deliveries.retryNow(a.id);
  }
  'deliveries.redeliver'(a: A<'deliveries.redeliver'>): Promise<R<'deliveries.redeliver'>> {
    return this.sender.deliveries.redeliver(a.id);
  }
  async 'deliveries.recover'(a: A<'deliveries.recover'>): Promise<R<'deliveries.recover'>> {
    const workspaceId = ws(a.workspaceId);
    if (a.webhookId) {
      const w = this.sender.webhooks.get(a.webhookId);
      if (w.workspaceId !== workspaceId) throw notFound('webhook', a.webhookId, 'webhookId');
      if (!w.enabled)
        throw new HookbenchError(
          'conflict',
          `webhook ${w.name} is disabled; enable it first, then recover its failed deliveries`,
          'webhookId',
        );
    } else {
      this.workspaces.get(workspaceId, 'workspaceId');
    }
    const recoverId = newId('rcv');
    const progress = (queued: number, skipped: number, done: boolean, deliveryIds: string[]) =>
      this.sender.bus.emit('recover.progress', { recoverId, queued, skipped, done, deliveryIds });
    const scope = a.webhookId ? { webhookId: a.webhookId } : { workspaceId };
    const { queued, skipped } = await this.sender.deliveries.recover(
      scope,
      a.since,
      a.until ?? Date.now() + 1,
      (q, s, ids) => progress(q, s, false, ids),
    );
    progress(queued, skipped, true, []);
    return { recoverId, queued, skipped };
  }
  'deliveries.cancel'(a: A<'deliveries.cancel'>): Promise<R<'deliveries.cancel'>> {
    return this.sender.deliveries.cancel(a.id);
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
    return searchRequests(this.sender.store.db, { ...query, inboxId: inbox.id, workspaceId: inbox.workspaceId });
  }
  'requests.list'(a: A<'requests.list'>): R<'requests.list'> {
    return searchRequests(this.sender.store.db, { ...a, workspaceId: ws(a.workspaceId) });
  }
  'requests.get'(a: A<'requests.get'>): R<'requests.get'> {
    return this.receiver.requests.get(a.id);
  }
  'requests.replay'(a: A<'requests.replay'>): Promise<R<'requests.replay'>> {
    return this.receiver.requests.replay(a);
  }
  'requests.replayEdited'(a: A<'requests.replayEdited'>): Promise<R<'requests.replayEdited'>> {
    return this.receiver.requests.replayEdited(
      a,
      (id) => this.sender.deliveries.detail(id),
      (sent, at) => findArrival(this.receiver, sent, at),
    );
  }
  'receiver.status'(): R<'receiver.status'> {
    const s: ReceiverStatus = this.receiver.status();
    return { ...s, error: this.receiverError, overridden: overrideOf(this.receiverAt || {}) };
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
    return storeDiffSources(this.sender.store, inboxName);
  }
  /** A stored request or delivery attempt (`req_…`, `dlv_…`, `dlv_…#N`) as one side of a comparison; `field` names the ref in errors. */
  loadStoredMessage(ref: string, field: string): LoadedMessage {
    return loadMessage(this.diffSources(), ref, field);
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
    return {
      alerts: this.sender.listAlerts(workspaceId, a),
      unread: this.sender.store.alerts.unreadCount(workspaceId),
    };
  }
  'alerts.markRead'(a: A<'alerts.markRead'>): R<'alerts.markRead'> {
    const workspaceId = ws(a.workspaceId);
    const updated = a.all ? this.sender.store.alerts.markAllRead(workspaceId) : this.sender.markAlertsRead(a.ids ?? []);
    return { updated, unread: this.sender.store.alerts.unreadCount(workspaceId) };
  }
  'stats.overview'(a: A<'stats.overview'>): R<'stats.overview'> {
    return computeStats(this.sender.store.db, { ...a, workspaceId: ws(a.workspaceId) });
  }
  /**
   * Not an operation: no remote face may choose a path (they stream GET /api/v1/export). The
   * desktop's save dialog and the CLI's `--out` call this with an absolute path they chose.
   */
  async exportToFile(input: ExportInput, path: string): Promise<ExportResult> {
    const parsed = parseInput(exportSchema, input);
    const exportId = newId('exp');
    const progress = (rows: number, done = false) => this.sender.bus.emit('export.progress', { exportId, rows, done });
    const r = await exportToFile(
      this.sender.store.db,
      { ...parsed, workspaceId: ws(parsed.filters.workspaceId), path },
      (rows) => progress(rows),
    );
    progress(r.rows, true);
    return r;
  }
  /** Streams an export into `out` (a download, stdout) and resolves with what was written; does not end `out`. */
  async exportToStream(input: ExportInput, out: NodeJS.WritableStream): Promise<{ rows: number; bytes: number }> {
    const parsed = parseInput(exportSchema, input);
    return exportTo(this.sender.store.db, { ...parsed, workspaceId: ws(parsed.filters.workspaceId) }, out);
  }
  'settings.get'(): R<'settings.get'> {
    return this.sender.getSettings();
  }
  async 'settings.update'(a: A<'settings.update'>): Promise<R<'settings.update'>> {
    const before = this.sender.getSettings();
    const after = this.sender.updateSettings(a);
    if (this.receiverAt === false) return after;
    const override = this.receiverAt;
    const [was, next] = [listenAddress(before, override), listenAddress(after, override)];
    const moved = next.port !== was.port || next.host !== was.host;
    // Saving the receiver fields while it is down (a port that was in use at start), or over a
    // saved value it could not use, tries again.
    const retry =
      (!this.receiver.status().listening || was.note !== next.note) &&
      (a.receiverPort !== undefined || a.receiverHost !== undefined);
    if (!moved && !retry) return after;
    const failure = await this.restartReceiver();
    if (failure === null) return after;
    // The new address cannot be bound: its fields are not kept, and the receiver goes back where it was.
    if (moved) {
      this.sender.updateSettings({ receiverPort: before.receiverPort, receiverHost: before.receiverHost });
      await this.restartReceiver();
    }
    throw failure;
  }
}
