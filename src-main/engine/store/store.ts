import { openDatabase, type Db, type OpenDatabaseOptions } from './database';
import type { SecretBox } from '../secrets/secretBox';
import { attachSecretBox, defaultSecretBox, prepareSecrets } from '../secrets/storeSecrets';
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

  /** `secrets` seals webhook and inbox secrets at rest; opening checks it can read the ones already there. */
  constructor(
    readonly db: Db,
    readonly secrets: SecretBox = defaultSecretBox(db.name),
    /** The better-sqlite3 binding the database was opened with (Electron's ABI), for second connections. */
    readonly nativeBinding?: string,
  ) {
    prepareSecrets(db, secrets);
    attachSecretBox(db, secrets);
    this.workspaces = new WorkspacesRepo(db);
    this.webhooks = new WebhooksRepo(db, secrets);
    this.events = new EventsRepo(db);
    this.deliveries = new DeliveriesRepo(db);
    this.alerts = new AlertsRepo(db);
    this.settings = new SettingsRepo(db);
    this.workspaces.ensureDefault();
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction: the write lock is taken first, so a transaction that
   * reads before it writes is never overtaken by another connection's commit (the write worker's).
   */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Whether a second connection can write the same database alongside this one: a file in WAL mode. */
  get sharable(): boolean {
    return this.db.name !== ':memory:' && this.db.name !== '' && this.db.pragma('journal_mode', { simple: true }) === 'wal';
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export interface StoreOptions extends OpenDatabaseOptions {
  /** How secrets are sealed at rest. Default: the key file `hookbench.key` beside the database. */
  secretBox?: SecretBox;
}

export function openStore(file: string, options?: StoreOptions): Store {
  const db = openDatabase(file, options);
  try {
    return new Store(db, options?.secretBox ?? defaultSecretBox(file), options?.nativeBinding);
  } catch (e) {
    db.close(); // e.g. the key is missing: stop with the error, leave the file as it was
    throw e;
  }
}
