import type { CatalogId } from '../../api/catalogTypes';
import type { Inbox, InboxScheme } from '../../api/receiverTypes';
import type { Db } from './database';
import { openStored, type SecretBox } from '../secrets/secretBox';

interface Row {
  id: string;
  workspace_id: string;
  slug: string;
  name: string;
  scheme: InboxScheme;
  secrets: string;
  tolerance_sec: number;
  response_rule: string;
  forward_to: string | null;
  forward_routes: string;
  reject_invalid_status: number | null;
  catalog: CatalogId | null;
  fail_first_seen: number;
  created_at: number;
  updated_at: number;
}

const toInbox = (r: Row): Inbox => ({
  id: r.id,
  workspaceId: r.workspace_id,
  slug: r.slug,
  name: r.name,
  scheme: r.scheme,
  secrets: JSON.parse(r.secrets),
  toleranceSec: r.tolerance_sec,
  responseRule: JSON.parse(r.response_rule),
  forwardTo: r.forward_to,
  forwardRoutes: JSON.parse(r.forward_routes),
  rejectInvalid: r.reject_invalid_status === null ? null : { status: r.reject_invalid_status },
  catalog: r.catalog,
  failFirstSeen: r.fail_first_seen,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (i: Inbox): Row => ({
  id: i.id,
  workspace_id: i.workspaceId,
  slug: i.slug,
  name: i.name,
  scheme: i.scheme,
  secrets: JSON.stringify(i.secrets),
  tolerance_sec: i.toleranceSec,
  response_rule: JSON.stringify(i.responseRule),
  forward_to: i.forwardTo,
  forward_routes: JSON.stringify(i.forwardRoutes),
  reject_invalid_status: i.rejectInvalid?.status ?? null,
  catalog: i.catalog,
  fail_first_seen: i.failFirstSeen,
  created_at: i.createdAt,
  updated_at: i.updatedAt,
});

const COLUMNS = Object.keys(toRow({} as Inbox)) as (keyof Row)[];

/** Cached inboxes are shared: callers get a copy they may change freely. */
const copyOf = (i: Inbox): Inbox => ({
  ...i,
  secrets: [...i.secrets],
  responseRule: structuredClone(i.responseRule),
  forwardRoutes: structuredClone(i.forwardRoutes),
  rejectInvalid: i.rejectInvalid && { ...i.rejectInvalid },
});

/**
 * The inboxes table. One per store (the store owns it): the receiver reads an inbox on every
 * request, and reading one means a SELECT plus unsealing the secrets (AES), so opened inboxes
 * are kept here by id and by slug, dropped on every write made through this repo (insert, save,
 * delete, the fail-first counter) and on {@link invalidate}.
 */
export class InboxesRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly bySlugStmt;
  private readonly failFirstStmt;
  private readonly cache = { byId: new Map<string, Inbox>(), bySlug: new Map<string, Inbox>() };

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO inboxes (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
    );
    this.updateStmt = db.prepare(
      `UPDATE inboxes SET ${COLUMNS.filter((c) => c !== 'id')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
    );
    this.getStmt = db.prepare('SELECT * FROM inboxes WHERE id = ?');
    this.bySlugStmt = db.prepare('SELECT * FROM inboxes WHERE slug = ?');
    this.failFirstStmt = db.prepare(
      'UPDATE inboxes SET fail_first_seen = fail_first_seen + 1 WHERE id = ? AND fail_first_seen < ?',
    );
  }

  insert(inbox: Inbox): void {
    this.invalidate();
    try {
      this.insertStmt.run(this.sealed(toRow(inbox)));
    } finally {
      this.invalidate();
    }
  }

  /** Writes every field of `inbox`. */
  save(inbox: Inbox): void {
    this.invalidate();
    try {
      this.updateStmt.run(this.sealed(toRow(inbox)));
    } finally {
      this.invalidate();
    }
  }

  get(id: string): Inbox | undefined {
    const cached = this.cache.byId.get(id);
    if (cached) return copyOf(cached);
    const row = this.getStmt.get(id) as Row | undefined;
    return row && copyOf(this.remember(this.opened(row)));
  }

  getBySlug(slug: string): Inbox | undefined {
    const cached = this.cache.bySlug.get(slug);
    if (cached) return copyOf(cached);
    const row = this.bySlugStmt.get(slug) as Row | undefined;
    return row && copyOf(this.remember(this.opened(row)));
  }

  /**
   * The receiver's hot path: the cached inbox itself, not a copy — callers must not change it.
   * Same answer as {@link getBySlug}.
   */
  peekBySlug(slug: string): Readonly<Inbox> | undefined {
    const cached = this.cache.bySlug.get(slug);
    if (cached) return cached;
    const row = this.bySlugStmt.get(slug) as Row | undefined;
    return row && this.remember(this.opened(row));
  }

  /**
   * Forgets every cached inbox. Called on every write made here; call it after changing the
   * inboxes table any other way (e.g. a workspace deleted with its inboxes).
   */
  invalidate(): void {
    this.cache.byId.clear();
    this.cache.bySlug.clear();
  }

  slugTaken(slug: string): boolean {
    return this.db.prepare('SELECT 1 FROM inboxes WHERE slug = ?').get(slug) !== undefined;
  }

  list(workspaceId: string): Inbox[] {
    return (
      this.db.prepare('SELECT * FROM inboxes WHERE workspace_id = ? ORDER BY created_at, id').all(workspaceId) as Row[]
    ).map((r) => this.opened(r));
  }

  delete(id: string): boolean {
    this.invalidate();
    try {
      return this.db.prepare('DELETE FROM inboxes WHERE id = ?').run(id).changes > 0;
    } finally {
      this.invalidate();
    }
  }

  /**
   * Counts one request against fail-first-N in a single statement (so concurrent requests
   * cannot both take the last failing slot); true when this request is one of the first N.
   */
  takeFailFirstSlot(id: string, failFirst: number): boolean {
    const taken = this.failFirstStmt.run(id, failFirst).changes > 0;
    // The count itself stays in SQLite (atomic); only the cached copy of it goes stale.
    if (taken) this.invalidate();
    return taken;
  }

  /** The secrets list is sealed as one value on the way in and opened on the way out. */
  private sealed(r: Row): Row {
    return { ...r, secrets: this.secrets.seal(r.secrets) };
  }

  private remember(inbox: Inbox): Inbox {
    this.cache.byId.set(inbox.id, inbox);
    this.cache.bySlug.set(inbox.slug, inbox);
    return inbox;
  }

  private opened(r: Row): Inbox {
    return toInbox({ ...r, secrets: openStored(this.secrets, r.secrets) });
  }
}
