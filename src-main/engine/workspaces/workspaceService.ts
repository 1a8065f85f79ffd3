/**
 * Workspaces: names unique among them, and the default one that always exists. Every input is
 * validated before anything is written.
 */
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { conflict, notFound } from '../../api/errors';
import { idSchema, parseInput, workspaceCreateSchema } from '../../api/schemas';
import type { Workspace } from '../../api/types';
import type { EventBus } from '../eventBus';
import { newId } from '../ids';
import type { Store } from '../store/store';

export class WorkspaceService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
  ) {}

  list(): Workspace[] {
    return this.store.workspaces.list();
  }

  /** `field` names the input that carried the id, in the not-found error. */
  get(id: string, field = 'id'): Workspace {
    const workspace = this.store.workspaces.get(parseInput(idSchema, id));
    if (!workspace) throw notFound('workspace', id, field);
    return workspace;
  }

  create(input: { name: string }): Workspace {
    const { name } = parseInput(workspaceCreateSchema, input);
    this.requireFreeName(name);
    const workspace = { id: newId('ws'), name, createdAt: Date.now() };
    this.store.workspaces.insert(workspace);
    return workspace;
  }

  rename(input: { id: string; name: string }): Workspace {
    const current = this.get(input.id);
    const { name } = parseInput(workspaceCreateSchema, { name: input.name });
    this.requireFreeName(name, current.id);
    this.store.workspaces.rename(current.id, name);
    return { ...current, name };
  }

  /** Deletes the workspace with its webhooks, inboxes and logs (the database cascades); never the default one. */
  delete(id: string): void {
    if (id === DEFAULT_WORKSPACE_ID) throw conflict('the default workspace cannot be deleted', 'id');
    const workspace = this.get(id);
    const webhooks = this.store.webhooks.list(workspace.id);
    this.store.workspaces.delete(workspace.id);
    // The caches above the store learn of the cascade here.
    this.store.inboxes.invalidate();
    for (const w of webhooks) this.bus.emit('webhook.changed', { webhook: null, id: w.id, deleted: true });
  }

  private requireFreeName(name: string, exceptId?: string): void {
    const holder = this.store.workspaces.findByName(name);
    if (holder && holder.id !== exceptId) throw conflict(`a workspace named "${name}" exists`, 'name');
  }
}
