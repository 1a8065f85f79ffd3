import { customEventTypeSchema, MAX_PAYLOAD_BYTES, parseInput, type FireEventInput } from '../../api/schemas';
import { HookbenchError, validationError } from '../../api/errors';
import type { CatalogId } from '../../api/catalogTypes';
import type { EventEnvelope, EventTypeInfo } from '../../api/types';
import { newId } from '../ids';
import type { Store } from '../store/store';
import type { CustomEventType } from '../store/eventsRepo';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import type { CatalogService } from '../catalogs/catalogService';
import { PROVIDERS } from '../catalogs/providers';
import { issueText, type SchemaValidator } from '../catalogs/schemaValidator';
import { CATALOG, findCatalogEntry } from './catalog';

export interface BuiltEvent {
  envelope: EventEnvelope;
  /** The exact bytes that are stored, signed and sent. */
  body: string;
  catalog: CatalogId;
}

/** The catalog plus each workspace's custom types, and the envelope every delivery carries. */
export class EventService {
  constructor(
    private readonly store: Store,
    private readonly catalogs: CatalogService,
  ) {}

  listTypes(workspaceId: string = DEFAULT_WORKSPACE_ID): EventTypeInfo[] {
    const builtIn = CATALOG.map((e) => ({ ...e, custom: false }));
    const custom = this.store.events.listCustomTypes(workspaceId).map(toInfo);
    return [...builtIn, ...custom];
  }

  findType(workspaceId: string, type: string): EventTypeInfo | undefined {
    const entry = findCatalogEntry(type);
    if (entry) return { ...entry, custom: false };
    const custom = this.catalogs.find(workspaceId, 'hookbench', type);
    return (
      custom && {
        type: custom.type,
        category: custom.category,
        description: custom.description,
        sample: custom.sample,
        custom: true,
      }
    );
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
      form: 'envelope',
      origin: 'custom',
      createdAt: Date.now(),
    };
    this.store.events.upsertCustomType(t);
    this.catalogs.invalidate(workspaceId);
    return toInfo(t);
  }

  removeCustomType(workspaceId: string, type: string): void {
    const removed = this.store.tx(() => {
      this.store.typeSchemas.remove(workspaceId, 'hookbench', type);
      return this.store.events.deleteCustomType(workspaceId, type);
    });
    this.catalogs.invalidate(workspaceId);
    if (!removed) throw new HookbenchError('not_found', `custom event type ${type} does not exist`, 'type');
  }

  /**
   * Checks the type and payload and builds the body; writes nothing. A Hookbench type is sent
   * in the envelope `{ id, type, timestamp, data }`; a provider's or an imported type as its
   * payload alone (a provider's with the ids and times it sets filled in). With `validator`, a
   * payload that breaks the type's schema is refused (unless `sendAnyway`), each issue at its
   * JSON path under `data`.
   */
  build(
    workspaceId: string,
    input: Pick<FireEventInput, 'catalog' | 'type' | 'data' | 'sendAnyway'>,
    now = Date.now(),
    validator: SchemaValidator | null = null,
  ): BuiltEvent {
    const catalog = input.catalog ?? 'hookbench';
    const entry = this.catalogs.find(workspaceId, catalog, input.type);
    if (!entry) {
      throw validationError(
        'type',
        catalog === 'hookbench'
          ? `unknown event type "${input.type}": pick one from the catalog or add it as a custom type`
          : `unknown event type "${input.type}": the ${catalog} catalog has no such type`,
      );
    }
    const data = input.data ?? entry.sample;
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw validationError('data', 'data must be a JSON object');
    const id = newId('msg', now);
    const payload =
      entry.form === 'envelope' || catalog === 'hookbench'
        ? data
        : PROVIDERS[catalog].materialize(data, { type: entry.type, eventId: id, now });
    if (validator && !input.sendAnyway) refuseIssues(entry.type, validator, entry.schema, payload);
    const envelope: EventEnvelope = { id, type: entry.type, timestamp: new Date(now).toISOString(), data: payload };
    const body = JSON.stringify(entry.form === 'envelope' ? envelope : payload);
    if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) {
      throw new HookbenchError(
        'validation',
        `payload is ${Buffer.byteLength(body)} bytes; the limit is ${MAX_PAYLOAD_BYTES} (1 MiB)`,
        'data',
      );
    }
    return { envelope, body, catalog };
  }
}

/** A payload that breaks its schema: one validation error naming every issue's JSON path. */
function refuseIssues(
  type: string,
  validator: SchemaValidator,
  schema: Record<string, unknown> | null,
  payload: unknown,
): void {
  const issues = schema ? validator.check(schema, payload) : [];
  if (issues.length === 0) return;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new HookbenchError(
    'validation',
    `data does not match the schema of ${type}: ${issueText(issues[0]!)}${more}; send anyway to fire it as it is`,
    'data',
    issues.map((i) => ({ field: `data${i.path}`, message: issueText(i) })),
  );
}

const toInfo = (t: CustomEventType): EventTypeInfo => ({
  type: t.type,
  category: t.type.split('.')[0]!,
  description: t.description,
  sample: t.sample,
  custom: true,
});
