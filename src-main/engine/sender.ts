import { join } from 'node:path';
import { alertThresholdsSchema, parseInput, settingsPatchSchema, type Settings } from '../api/schemas';
import { notFound } from '../api/errors';
import type { Alert } from '../api/types';
import { DeliveryEngine, type DeliveryEngineOptions } from './delivery/deliveryEngine';
import { EventBus } from './eventBus';
import { CatalogService } from './catalogs/catalogService';
import { EventService } from './events/eventService';
import { RetentionJob } from './retention';
import { DB_FILE_NAME } from './store/dataDirFiles';
import { openStore, type Store, type StoreOptions } from './store/store';
import { DEFAULT_WORKSPACE_ID } from '../api/defaultWorkspace';
import { WebhookService } from './webhooks/webhookService';

export interface SenderOptions extends DeliveryEngineOptions, StoreOptions {
  /** SQLite file; or give `dataDir` and the file is `<dataDir>/hookbench.db`. */
  dbFile?: string;
  dataDir?: string;
}

/**
 * The sender half of Hookbench as a library: store, webhooks, events, delivery engine,
 * alerts, settings and retention. Opened on any file, started and stopped in a test.
 */
export class Sender {
  readonly bus = new EventBus();
  readonly webhooks: WebhookService;
  readonly events: EventService;
  /** Event catalogs and their schemas (the receiver checks requests with the same one). */
  readonly catalogs: CatalogService;
  readonly deliveries: DeliveryEngine;
  readonly retention: RetentionJob;

  constructor(
    readonly store: Store,
    opts: DeliveryEngineOptions = {},
  ) {
    this.catalogs = new CatalogService(store);
    this.events = new EventService(store, this.catalogs);
    this.deliveries = new DeliveryEngine(store, this.bus, this.events, opts);
    this.webhooks = new WebhookService(store, this.bus, () => this.deliveries.resume());
    this.retention = new RetentionJob(store);
  }

  start(): this {
    this.retention.start();
    this.deliveries.start();
    return this;
  }

  /** Stops sending (in-flight attempts go again on the next start), writes everything queued, closes the store. */
  async close(): Promise<void> {
    this.retention.stop();
    await this.deliveries.stop();
    await this.store.shutdown();
  }

  getSettings(): Settings {
    return this.store.settings.get();
  }

  updateSettings(patch: Partial<Settings>): Settings {
    const p = parseInput(settingsPatchSchema, patch);
    if (p.alerts) parseInput(alertThresholdsSchema, p.alerts);
    this.store.settings.patch(p);
    this.deliveries.resume();
    return this.getSettings();
  }

  listAlerts(workspaceId = DEFAULT_WORKSPACE_ID, opts: { unreadOnly?: boolean; limit?: number } = {}): Alert[] {
    return this.store.alerts.list(workspaceId, opts);
  }

  markAlertsRead(ids: string[]): number {
    for (const id of ids) if (!this.store.alerts.get(id)) throw notFound('alert', id, 'ids');
    return this.store.alerts.markRead(ids);
  }
}

export function openSender(opts: SenderOptions = {}): Sender {
  const file = opts.dbFile ?? join(opts.dataDir ?? '.', DB_FILE_NAME);
  return new Sender(openStore(file, opts), opts);
}
