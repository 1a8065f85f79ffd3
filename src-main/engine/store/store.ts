import { openDatabase, type Db, type OpenDatabaseOptions } from './database';
import { AlertsRepo } from './alertsRepo';
import { DeliveriesRepo } from './deliveriesRepo';
import { EventsRepo } from './eventsRepo';
import { SettingsRepo } from './settingsRepo';
import { WebhooksRepo } from './webhooksRepo';
import { WorkspacesRepo } from './workspacesRepo';

/** The open database and one repository per table group. */
export class Store {
  readonly workspaces: WorkspacesRepo;
  readonly webhooks: WebhooksRepo;
  readonly events: EventsRepo;
  readonly deliveries: DeliveriesRepo;
  readonly alerts: AlertsRepo;
  readonly settings: SettingsRepo;

  constructor(readonly db: Db) {
    this.workspaces = new WorkspacesRepo(db);
    this.webhooks = new WebhooksRepo(db);
    this.events = new EventsRepo(db);
    this.deliveries = new DeliveriesRepo(db);
    this.alerts = new AlertsRepo(db);
    this.settings = new SettingsRepo(db);
    this.workspaces.ensureDefault();
  }

  /** Runs `fn` in one transaction. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(file: string, options?: OpenDatabaseOptions): Store {
  return new Store(openDatabase(file, options));
}
