/**
 * What firing events will write, decided before anything is: each input checked (a bad one
 * names its field, with its index in a burst), its envelope built, its webhooks picked, and the
 * new deliveries made.
 */
import { fireEventSchema, parseInput, type FireEventInput } from '../../api/schemas';
import { HookbenchError } from '../../api/errors';
import type { Delivery, EventEnvelope, Webhook } from '../../api/types';
import type { SchemaValidator } from '../catalogs/schemaValidator';
import type { EventService } from '../events/eventService';
import { newId } from '../ids';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { isSubscribed } from '../webhooks/subscriptions';
import type { FiredEvent } from './deliveryWrites';

export interface PlannedFire {
  envelope: EventEnvelope;
  event: FiredEvent;
  deliveries: Delivery[];
}

export interface FireDeps {
  events: EventService;
  workspaceExists: (id: string) => boolean;
  /** Every webhook the engine knows (disabled ones are skipped). */
  webhooks: () => Iterable<Webhook>;
  /** Checks payloads against their types' schemas (null: not checked). */
  validator: SchemaValidator | null;
}

/** Plans every input; throws (nothing planned) if one is bad. */
export function planFires(inputs: readonly FireEventInput[], now: number, deps: FireDeps): PlannedFire[] {
  const known = new Set<string>();
  return inputs.map((input, i) => {
    try {
      return planFire(input, now, deps, known);
    } catch (e) {
      if (inputs.length > 1 && e instanceof HookbenchError && e.field)
        throw new HookbenchError(
          e.code,
          `events.${i}: ${e.message}`,
          `events.${i}.${e.field}`,
          e.issues?.map((issue) => ({ ...issue, field: `events.${i}.${issue.field}` })),
        );
      throw e;
    }
  });
}

/** `known`: workspaces already found to exist in this burst. */
function planFire(input: FireEventInput, now: number, deps: FireDeps, known: Set<string>): PlannedFire {
  const p = parseInput(fireEventSchema, input);
  const workspaceId = p.workspaceId ?? DEFAULT_WORKSPACE_ID;
  if (!known.has(workspaceId)) {
    if (!deps.workspaceExists(workspaceId))
      throw new HookbenchError('not_found', `workspace ${workspaceId} does not exist`, 'workspaceId');
    known.add(workspaceId);
  }
  const built = deps.events.build(workspaceId, p, now, deps.validator);
  const only = p.webhookIds ? new Set(p.webhookIds) : null;
  const deliveries: Delivery[] = [];
  const named: Webhook[] = [];
  for (const w of deps.webhooks()) {
    if (w.workspaceId !== workspaceId || (only && !only.has(w.id))) continue;
    if (only) named.push(w);
    if (w.enabled && isSubscribed(w.subscriptions, built.envelope.type))
      deliveries.push(newDelivery(w, built.envelope, now, now));
  }
  if (only) checkNamedWebhooks([...only], named, built.envelope.type, workspaceId);
  return {
    envelope: built.envelope,
    event: {
      id: built.envelope.id,
      workspaceId,
      catalog: built.catalog,
      type: built.envelope.type,
      body: built.body,
      createdAt: now,
    },
    deliveries,
  };
}

/**
 * Webhooks named in `webhookIds` must each receive the event: an unknown id (or one of another
 * workspace) is `not_found`, a disabled or unsubscribed one a `conflict`, all named at once.
 */
function checkNamedWebhooks(ids: string[], found: Webhook[], type: string, workspaceId: string): void {
  const byId = new Map(found.map((w) => [w.id, w]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) {
    throw new HookbenchError(
      'not_found',
      `no webhook ${unknown.join(', ')} in workspace ${workspaceId}`,
      'webhookIds',
      unknown.map((id) => ({ field: `webhookIds.${ids.indexOf(id)}`, message: `no webhook ${id}` })),
    );
  }
  const refused = found.flatMap((w) => {
    const why = !w.enabled
      ? 'is disabled'
      : !isSubscribed(w.subscriptions, type)
        ? `is not subscribed to ${type}`
        : null;
    return why ? [{ field: `webhookIds.${ids.indexOf(w.id)}`, message: `webhook ${w.name} (${w.id}) ${why}` }] : [];
  });
  if (refused.length)
    throw new HookbenchError('conflict', refused.map((r) => r.message).join('; '), 'webhookIds', refused);
}

/** A new delivery, pending: due at `due` (null: sent by hand only, as a test). */
export function newDelivery(
  w: Webhook,
  event: Pick<EventEnvelope, 'id' | 'type'>,
  due: number | null,
  now: number,
): Delivery {
  return {
    id: newId('dlv', now),
    workspaceId: w.workspaceId,
    webhookId: w.id,
    eventId: event.id,
    eventType: event.type,
    status: 'pending',
    attemptCount: 0,
    nextAttemptAt: due,
    lastStatusCode: null,
    lastError: null,
    lastDurationMs: null,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
}
