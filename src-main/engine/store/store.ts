import { dirname } from 'node:path';
import { asDamagedDatabase, checkDatabaseFile, openDatabase, type Db, type OpenDatabaseOptions } from './database';
import { ensureDataDir, privateFilesOf, tightenFiles } from './dataDirFiles';
import { lockDatabase, type DataDirLock } from './dataDirLock';
import type { SecretBox } from '../secrets/secretBox';
import { defaultSecretBox, prepareSecrets } from '../secrets/storeSecrets';
import { AlertsRepo } from './alertsRepo';
import { DeliveriesRepo } from './deliveriesRepo';
import { EventsRepo } from './eventsRepo';
import { InboxesRepo } from './inboxesRepo';
import { LocalTargetsRepo } from './localTargetsRepo';
import { RequestsRepo } from './requestsRepo';
import { SettingsRepo } from './settingsRepo';
import { TypeSchemasRepo } from './typeSchemasRepo';
import { WebhooksRepo } from './webhooksRepo';
import { WorkspacesRepo } from './workspacesRepo';
import { StoreWriter, type BatchCommitter } from './storeWriter';
import { runBatch } from './writeBatch';
import { WriteWorker } from './writeWorker';

/** The open database and one repository per table group. */
export class Store {
  readonly workspaces: WorkspacesRepo;
  readonly webhooks: WebhooksRepo;
  readonly events: EventsRepo;
  /** Workspaces' own schemas for catalog types. */
  readonly typeSchemas: TypeSchemasRepo;
  readonly deliveries: DeliveriesRepo;
  readonly alerts: AlertsRepo;
  readonly settings: SettingsRepo;
  /** The one inboxes repo of this database: it caches opened inboxes, so every reader shares it. */
  readonly inboxes: InboxesRepo;
  readonly requests: RequestsRepo;
  /** Which webhooks send to which local inbox (their URLs follow the receiver's address). */
  readonly localTargets: LocalTargetsRepo;
  private writeWorker: WriteWorker | null = null;
  private writerInstance: StoreWriter | null = null;
  private dataDirLock: DataDirLock | null = null;

  /** `secrets` seals webhook and inbox secrets at rest; opening checks it can read the ones already there. */
  constructor(
    readonly db: Db,
    readonly secrets: SecretBox = defaultSecretBox(db.name),
    /** The better-sqlite3 binding the database was opened with (Electron's ABI), for second connections. */
    readonly nativeBinding?: string,
    private readonly log: Pick<Console, 'warn'> = console,
  ) {
    prepareSecrets(db, secrets);
    this.workspaces = new WorkspacesRepo(db);
    this.webhooks = new WebhooksRepo(db, secrets);
    this.events = new EventsRepo(db);
    this.typeSchemas = new TypeSchemasRepo(db);
    this.deliveries = new DeliveriesRepo(db);
    this.alerts = new AlertsRepo(db);
    this.settings = new SettingsRepo(db);
    this.inboxes = new InboxesRepo(db, secrets);
    this.requests = new RequestsRepo(db);
    this.localTargets = new LocalTargetsRepo(db);
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
    return (
      this.db.name !== ':memory:' && this.db.name !== '' && this.db.pragma('journal_mode', { simple: true }) === 'wal'
    );
  }

  /**
   * The one write queue of the hot paths (see storeWriter.ts). With a WAL file its batches are
   * committed by a write worker on its own thread; in memory, or where the worker cannot start
   * (a binding it cannot load), on this connection — with one warning, and the batch that found
   * out is tried again here, so nothing is lost.
   */
  get writer(): StoreWriter {
    if (this.writerInstance) return this.writerInstance;
    const worker = this.sharable ? new WriteWorker(this.db.name, this.nativeBinding) : null;
    this.writeWorker = worker;
    let warned = false;
    const commit: BatchCommitter = (batch) => {
      if (worker?.usable) return worker.run(batch);
      if (worker && !warned) {
        warned = true;
        this.log.warn(`hookbench: ${worker.unavailable!.message}; writing on the main thread`);
      }
      return runBatch(this.db, batch);
    };
    worker?.start();
    this.writerInstance = new StoreWriter(commit);
    return this.writerInstance;
  }

  /** Writes everything queued, stops the write worker, then closes the database. */
  async shutdown(): Promise<void> {
    if (this.writerInstance) await this.writerInstance.idle();
    await this.writeWorker?.close();
    this.close();
  }

  /** Closes the database now (use {@link shutdown} when writes may be queued), then lets the next process open the data directory. */
  close(): void {
    if (this.writerInstance && !this.writerInstance.isIdle)
      this.log.warn('hookbench: the store was closed with writes still queued; they are lost');
    void this.writeWorker?.close();
    if (this.db.open) this.db.close();
    this.dataDirLock?.release();
    this.dataDirLock = null;
  }

  /** The data directory's lock, held until {@link close} (openStore takes it). */
  holdLock(lock: DataDirLock): void {
    this.dataDirLock = lock;
  }
}

export interface StoreOptions extends OpenDatabaseOptions {
  /** How secrets are sealed at rest. Default: the key file `hookbench.key` beside the database. */
  secretBox?: SecretBox;
  /** Where the store warns (e.g. no write worker here). Default console. */
  log?: Pick<Console, 'warn'>;
  /** What this process is, named to a second process refused the data directory: `hookbench serve`. */
  lockOwner?: string;
}

/**
 * Opens the database file and its store. A file database first passes its checks (a damaged or
 * foreign file is refused with nothing on disk changed), then its directory is locked to this
 * process (a second one gets a `conflict` naming it) until the store closes.
 */
export function openStore(file: string, options: StoreOptions = {}): Store {
  const lock = file === ':memory:' || file === '' ? null : lockFor(file, options);
  try {
    const db = openDatabase(file, options);
    try {
      const store = new Store(db, options.secretBox ?? defaultSecretBox(file), options.nativeBinding, options.log);
      // Only a database that opened is ours to tighten (a refused one keeps its modes).
      if (lock) tightenFiles(privateFilesOf(file), options.log);
      if (lock) store.holdLock(lock);
      return store;
    } catch (e) {
      db.close(); // e.g. the key is missing: stop with the error, leave the file as it was
      throw asDamagedDatabase(file, e);
    }
  } catch (e) {
    // A lock file made for a database that is then refused goes too: nothing is left beside it.
    lock?.release({ removeIfCreated: true });
    throw e;
  }
}

function lockFor(file: string, options: StoreOptions): DataDirLock {
  checkDatabaseFile(file, options.nativeBinding); // before the lock file is made: a damaged database changes nothing
  ensureDataDir(dirname(file), options.log);
  return lockDatabase(file, { owner: options.lockOwner, nativeBinding: options.nativeBinding });
}
