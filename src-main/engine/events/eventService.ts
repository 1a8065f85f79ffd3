import { customEventTypeSchema, MAX_PAYLOAD_BYTES, parseInput, type FireEventInput } from '../../api/schemas';
import { HookbenchError, validationError } from '../../api/errors';
import type { EventEnvelope, EventTypeInfo } from '../../api/types';
import { newId } from '../ids';
import type { Store } from '../store/store';
import type { CustomEventType } from '../store/eventsRepo';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { CATALOG, findCatalogEntry } from './catalog';

export interface BuiltEvent {
  envelope: EventEnvelope;
  /** The exact bytes that are stored, signed and sent. */
  body: string;
}

/** The catalog plus each workspace's custom types, and the envelope every delivery carries. */
export class EventService {
  constructor(private readonly store: Store) {}

  listTypes(workspaceId: string = DEFAULT_WORKSPACE_ID): EventTypeInfo[] {
    const builtIn = CATALOG.map((e) => ({ ...e, custom: false }));
    const custom = this.store.events.listCustomTypes(workspaceId).map(toInfo);
    return [...builtIn, ...custom];
  }

  findType(workspaceId: string, type: string): EventTypeInfo | undefined {
    const entry = findCatalogEntry(type);
    if (entry) return { ...entry, custom: false };
    const custom = this.store.events.getCustomType(workspaceId, type);
    return custom && toInfo(custom);
  }

  addCustomType(input: unknown): EventTypeInfo {
    const p = parseInput(customEventTypeSchema, input);
    const workspaceId = p.workspaceId ?? DEFAULT_WORKSPACE_ID;
    if (!this.store.workspaces.get(workspaceId))
      throw new HookbenchError('not_found', `workspace ${workspaceId} does not exist`, 'workspaceId');
    if (findCatalogEntry(p.type)) throw new HookbenchError('conflict', `${p.type} is a built-in event type`, 'type');
    const t: CustomEventType = {
      workspaceId,
      type: p.type,
      description: p.description,
      sample: p.sample,
      createdAt: Date.now(),
    };
    this.store.events.upsertCustomType(t);
    return toInfo(t);
  }

  removeCustomType(workspaceId: string, type: string): void {
    if (!this.store.events.deleteCustomType(workspaceId, type)) {
      throw new HookbenchError('not_found', `custom event type ${type} does not exist`, 'type');
    }
  }

  /** Checks the type and payload and builds the envelope; writes nothing. */
  build(workspaceId: string, input: Pick<FireEventInput, 'type' | 'data'>, now = Date.now()): BuiltEvent {
    const info = this.findType(workspaceId, input.type);
    if (!info) {
      throw validationError(
        'type',
        `unknown event type "${input.type}": pick one from the catalog or add it as a custom type`,
      );
    }
    const data = input.data ?? info.sample;
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw validationError('data', 'data must be a JSON object');
    const envelope: EventEnvelope = {
      id: newId('msg', now),
      type: info.type,
      timestamp: new Date(now).toISOString(),
      data,
    };
    const body = JSON.stringify(envelope);
    if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) {
      throw new HookbenchError(
        'validation',
        `payload is ${Buffer.byteLength(body)} bytes; the limit is ${MAX_PAYLOAD_BYTES} (1 MiB)`,
        'data',
      );
    }
    return { envelope, body };
  }
}

const toInfo = (t: CustomEventType): EventTypeInfo => ({
  type: t.type,
  category: t.type.split('.')[0]!,
  description: t.description,
  sample: t.sample,
  custom: true,
});
