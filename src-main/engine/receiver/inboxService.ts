/** Inbox CRUD. Every input is validated (zod, then the scheme's secret check) before anything is written. */
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { HookbenchError, isHookbenchError, notFound, validationError } from '../../api/errors';
import {
  inboxCreateSchema,
  inboxUpdateSchema,
  slugSchema,
  type InboxCreateInput,
  type InboxUpdateInput,
} from '../../api/receiverSchemas';
import type { Inbox, InboxScheme } from '../../api/receiverTypes';
import { idSchema, parseInput } from '../../api/schemas';
import type { EventBus } from '../eventBus';
import { newId } from '../ids';
import { getScheme } from '../signing/registry';
import { checkPlainSecret } from '../signing/secrets';
import type { Store } from '../store/store';

export class InboxService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
  ) {}

  create(input: InboxCreateInput): Inbox {
    const p = parseInput(inboxCreateSchema, input);
    const workspaceId = p.workspaceId ?? DEFAULT_WORKSPACE_ID;
    if (!this.store.workspaces.get(workspaceId))
      throw new HookbenchError('not_found', `workspace ${workspaceId} does not exist`, 'workspaceId');
    if (p.secret !== undefined) checkSecrets(p.scheme, [p.secret], () => 'secret');
    if (p.secrets) checkSecrets(p.scheme, p.secrets);
    if (p.slug !== undefined) this.requireFreeSlug(p.slug);
    const name = p.name ?? p.slug ?? 'Inbox';
    const now = Date.now();
    const inbox: Inbox = {
      id: newId('inb', now),
      workspaceId,
      slug: p.slug ?? this.freeSlug(slugify(name)),
      name,
      scheme: p.scheme,
      secrets: p.secret !== undefined ? [p.secret] : p.secrets ? dedupe(p.secrets) : defaultSecrets(p.scheme),
      toleranceSec: p.toleranceSec,
      responseRule: p.responseRule,
      forwardTo: p.forwardTo,
      forwardRoutes: p.forwardRoutes,
      rejectInvalid: p.rejectInvalid,
      catalog: p.catalog ?? null,
      failFirstSeen: 0,
      createdAt: now,
      updatedAt: now,
    };
    this.write(() => this.store.inboxes.insert(inbox), inbox.slug);
    this.changed(inbox);
    return inbox;
  }

  get(id: string): Inbox {
    const inbox = this.store.inboxes.get(parseInput(idSchema, id));
    if (!inbox) throw notFound('inbox', id);
    return inbox;
  }

  getBySlug(slug: string): Inbox {
    const inbox = this.store.inboxes.getBySlug(parseInput(slugSchema, slug));
    if (!inbox) throw new HookbenchError('not_found', `no inbox with slug "${slug}"`, 'slug');
    return inbox;
  }

  list(workspaceId: string = DEFAULT_WORKSPACE_ID): Inbox[] {
    return this.store.inboxes.list(workspaceId);
  }

  update(input: InboxUpdateInput): Inbox {
    const p = parseInput(inboxUpdateSchema, input);
    const current = this.get(p.id);
    const scheme = p.scheme ?? current.scheme;
    let secrets: string[];
    if (p.secrets !== undefined) {
      checkSecrets(scheme, p.secrets);
      secrets = dedupe(p.secrets);
    } else if (scheme !== current.scheme) {
      // Keep the secrets the new scheme can use; if none is left, a fresh one (as webhooks do).
      secrets = current.secrets.filter((s) => usable(scheme, s));
      if (secrets.length === 0) secrets = defaultSecrets(scheme);
    } else {
      secrets = current.secrets;
    }
    if (p.slug !== undefined && p.slug !== current.slug) this.requireFreeSlug(p.slug);
    const next: Inbox = {
      ...current,
      name: p.name ?? current.name,
      slug: p.slug ?? current.slug,
      scheme,
      secrets,
      toleranceSec: p.toleranceSec ?? current.toleranceSec,
      forwardTo: p.forwardTo !== undefined ? p.forwardTo : current.forwardTo,
      forwardRoutes: p.forwardRoutes ?? current.forwardRoutes,
      rejectInvalid: p.rejectInvalid !== undefined ? p.rejectInvalid : current.rejectInvalid,
      catalog: p.catalog !== undefined ? p.catalog : current.catalog,
      updatedAt: Date.now(),
    };
    // A new rule starts its fail-first-N count again.
    if (p.responseRule) Object.assign(next, { responseRule: p.responseRule, failFirstSeen: 0 });
    this.write(() => this.store.inboxes.save(next), next.slug);
    this.changed(next);
    return next;
  }

  /** Deletes the inbox and every request it received. */
  delete(id: string): void {
    const inbox = this.get(id);
    this.store.inboxes.delete(inbox.id);
    this.bus.emit('inbox.changed', { inbox: null, id: inbox.id, deleted: true });
  }

  private requireFreeSlug(slug: string): void {
    const owner = this.store.inboxes.getBySlug(slug);
    if (owner)
      throw new HookbenchError('conflict', `slug "${slug}" is taken by inbox "${owner.name}"; pick another`, 'slug');
  }

  /** `base`, else `base-2`, `base-3`, … (slugs are global: there is one server). */
  private freeSlug(base: string): string {
    if (!this.store.inboxes.slugTaken(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base.slice(0, 60).replace(/-+$/, '')}-${n}`;
      if (!this.store.inboxes.slugTaken(candidate)) return candidate;
    }
  }

  /** Two writers racing for one slug: the UNIQUE index decides, the loser gets a conflict. */
  private write(fn: () => void, slug: string): void {
    try {
      fn();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new HookbenchError('conflict', `slug "${slug}" is taken; pick another`, 'slug');
      throw e;
    }
  }

  private changed(inbox: Inbox): void {
    this.bus.emit('inbox.changed', { inbox, id: inbox.id, deleted: false });
  }
}

/** Lower-case ASCII letters, digits and single dashes; `inbox` when nothing is left. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'inbox';
}

/** One fresh secret for schemes that sign; none for `none` and `auto` (auto cannot know the format). */
function defaultSecrets(scheme: InboxScheme): string[] {
  return scheme === 'none' || scheme === 'auto' ? [] : [getScheme(scheme).generateSecret()];
}

/** Each secret must suit the scheme; under `auto` any plain secret will do. The field names the bad one. */
function checkSecrets(scheme: InboxScheme, secrets: string[], field = (i: number) => `secrets.${i}`): void {
  secrets.forEach((secret, i) => {
    try {
      if (scheme === 'auto') checkPlainSecret(secret);
      else getScheme(scheme).checkSecret(secret);
    } catch (e) {
      if (isHookbenchError(e)) throw validationError(field(i), `${field(i)}: ${e.message}`);
      throw e;
    }
  });
}

function usable(scheme: InboxScheme, secret: string): boolean {
  try {
    checkSecrets(scheme, [secret]);
    return true;
  } catch {
    return false;
  }
}

const dedupe = (xs: string[]) => [...new Set(xs)];
