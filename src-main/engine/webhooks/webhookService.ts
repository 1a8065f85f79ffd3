import {
  parseInput,
  webhookCreateSchema,
  webhookUpdateSchema,
  idSchema,
  type WebhookCreateInput,
  type WebhookUpdateInput,
} from '../../api/schemas';
import { HookbenchError, notFound, validationError } from '../../api/errors';
import type { Webhook } from '../../api/types';
import type { EventBus } from '../eventBus';
import { newId } from '../ids';
import { getScheme } from '../signing/registry';
import type { Store } from '../store/store';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';

export const DEFAULT_ROTATION_GRACE_MS = 24 * 3600 * 1000;

/** Webhook CRUD, secrets and enable/disable. Every input is validated before anything is written. */
export class WebhookService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    /** Called when a webhook is (re-)enabled or created, so paused retries resume. */
    private readonly onResumable: () => void = () => {},
  ) {}

  create(input: WebhookCreateInput): Webhook {
    const p = parseInput(webhookCreateSchema, input);
    const workspaceId = p.workspaceId ?? DEFAULT_WORKSPACE_ID;
    this.requireWorkspace(workspaceId);
    const scheme = getScheme(p.scheme);
    if (p.secret !== undefined) scheme.checkSecret(p.secret);
    const now = Date.now();
    const webhook: Webhook = {
      id: newId('wh', now),
      workspaceId,
      name: p.name ?? defaultName(p.url),
      description: p.description,
      url: p.url,
      subscriptions: dedupe(p.subscriptions),
      enabled: p.enabled,
      scheme: p.scheme,
      secret: p.secret ?? scheme.generateSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      headers: p.headers,
      secretHeaders: p.secretHeaders,
      timeoutSec: p.timeoutSec,
      retryPolicy: p.retryPolicy ?? this.store.settings.get().defaultRetryPolicy,
      consecutiveFailures: 0,
      failingSince: null,
      lastSuccessAt: null,
      lastFailureAt: null,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
    };
    this.store.webhooks.insert(webhook);
    this.changed(webhook);
    return webhook;
  }

  get(id: string): Webhook {
    const webhook = this.store.webhooks.get(parseInput(idSchema, id));
    if (!webhook) throw notFound('webhook', id);
    return webhook;
  }

  list(workspaceId: string = DEFAULT_WORKSPACE_ID): Webhook[] {
    return this.store.webhooks.list(workspaceId);
  }

  update(input: WebhookUpdateInput): Webhook {
    const p = parseInput(webhookUpdateSchema, input);
    const current = this.get(p.id);
    const schemeName = p.scheme ?? current.scheme;
    const scheme = getScheme(schemeName);
    let secret = p.secret ?? current.secret;
    if (p.secret !== undefined) scheme.checkSecret(p.secret);
    else if (p.scheme !== undefined && p.scheme !== current.scheme) {
      // The old secret may not suit the new scheme (e.g. standard needs whsec_): keep it if it does.
      try {
        scheme.checkSecret(secret);
      } catch {
        secret = scheme.generateSecret();
      }
    }
    const enabling = p.enabled === true && !current.enabled;
    const next: Webhook = {
      ...current,
      ...definedOnly({
        name: p.name,
        description: p.description,
        url: p.url,
        headers: p.headers,
        secretHeaders: p.secretHeaders,
        timeoutSec: p.timeoutSec,
        retryPolicy: p.retryPolicy,
        enabled: p.enabled,
      }),
      subscriptions: p.subscriptions ? dedupe(p.subscriptions) : current.subscriptions,
      scheme: schemeName,
      secret,
      updatedAt: Date.now(),
    };
    if (secret !== current.secret) {
      next.previousSecret = null;
      next.previousSecretExpiresAt = null;
    }
    if (enabling) Object.assign(next, { consecutiveFailures: 0, failingSince: null, disabledReason: null });
    if (p.enabled === false && current.enabled) next.disabledReason = 'disabled by hand';
    this.store.webhooks.save(next);
    if (enabling) this.store.webhooks.resetCounters(next.id, next.updatedAt);
    this.changed(next);
    if (enabling) this.onResumable();
    return next;
  }

  setEnabled(id: string, enabled: boolean): Webhook {
    return this.update({ id, enabled });
  }

  delete(id: string): void {
    const webhook = this.get(id);
    this.store.webhooks.delete(webhook.id);
    this.bus.emit('webhook.changed', { webhook: null, id: webhook.id, deleted: true });
  }

  /**
   * New secret; the previous one stays valid (signed with too, where the scheme carries
   * several signatures) until the grace period ends.
   */
  rotateSecret(id: string, opts: { secret?: string; graceMs?: number } = {}): Webhook {
    const current = this.get(id);
    const scheme = getScheme(current.scheme);
    if (opts.secret !== undefined) scheme.checkSecret(opts.secret);
    if (
      opts.graceMs !== undefined &&
      (!Number.isFinite(opts.graceMs) || opts.graceMs < 0 || opts.graceMs > 30 * 24 * 3600_000)
    ) {
      throw validationError('graceMs', 'grace period must be between 0 and 30 days');
    }
    const now = Date.now();
    const grace = opts.graceMs ?? DEFAULT_ROTATION_GRACE_MS;
    const next: Webhook = {
      ...current,
      secret: opts.secret ?? scheme.generateSecret(),
      previousSecret: grace > 0 ? current.secret : null,
      previousSecretExpiresAt: grace > 0 ? now + grace : null,
      updatedAt: now,
    };
    this.store.webhooks.save(next);
    this.changed(next);
    return next;
  }

  /** Secrets to sign with now: the current one first, then the previous one while in grace. */
  static signingSecrets(w: Webhook, now = Date.now()): string[] {
    const secrets = [w.secret];
    if (w.previousSecret && w.previousSecretExpiresAt !== null && w.previousSecretExpiresAt > now)
      secrets.push(w.previousSecret);
    return secrets;
  }

  private requireWorkspace(id: string): void {
    if (!this.store.workspaces.get(id))
      throw new HookbenchError('not_found', `workspace ${id} does not exist`, 'workspaceId');
  }

  private changed(webhook: Webhook): void {
    this.bus.emit('webhook.changed', { webhook, id: webhook.id, deleted: false });
  }
}

function defaultName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const dedupe = (xs: string[]) => [...new Set(xs)];

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
