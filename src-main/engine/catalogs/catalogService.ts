/**
 * Event catalogs as contracts: every catalog's types with their schemas (a workspace's own
 * schema winning over the catalog's), payload checks for firing and for received requests,
 * and the catalog's schemas read back from traffic (inference, drift).
 */
import {
  CATALOG_IDS,
  type CatalogEventType,
  type CatalogId,
  type CatalogSummary,
  type CatalogTypeSummary,
  type JsonSchema,
  type SchemaIssue,
  type SchemaVerdict,
  type SchemaVerdictStatus,
} from '../../api/catalogTypes';
import { HookbenchError } from '../../api/errors';
import { requestEventType } from '../../api/requestEventType';
import type { SchemeName } from '../../api/schemes';
import { CATALOG, findCatalogEntry } from '../events/catalog';
import { headerValue } from '../signing/headers';
import type { HeaderMap } from '../signing/types';
import type { Store } from '../store/store';
import type { StoredTypeSchema } from '../store/typeSchemasRepo';
import { builtinSchemaOf } from './builtinSchemas';
import { PROVIDERS } from './providers';
import type { RequestContracts } from './requestCheck';
import { loadSchemaValidator, type SchemaValidator } from './schemaValidator';

/** Raw types a request that names no type is tried against (the check costs one validation each). */
export const RAW_SHAPE_LIMIT = 50;

const HOOKBENCH_SOURCE =
  'Hookbench’s own catalog (samples written for the product spec; schemas derived from them) plus this workspace’s custom and imported types';

interface Resolved {
  entry: CatalogEventType;
  /** The stored text of a workspace schema (compiled validators are cached by it). */
  schemaText?: string;
}

export class CatalogService implements RequestContracts {
  /** Per workspace: its schemas, keyed `catalog \0 type`. */
  private readonly overrides = new Map<string, Map<string, StoredTypeSchema>>();
  /** Per workspace: its own types, built (schemas applied). */
  private readonly own = new Map<string, Map<string, CatalogEventType>>();
  /** Per provider: its types by name. */
  private readonly providerTypes = new Map<CatalogId, Map<string, CatalogEventType>>();

  constructor(private readonly store: Store) {}

  /** Forget what is cached for a workspace (its types or schemas changed). */
  invalidate(workspaceId: string): void {
    this.overrides.delete(workspaceId);
    this.own.delete(workspaceId);
  }

  list(workspaceId: string): CatalogSummary[] {
    return CATALOG_IDS.map((id) => {
      const types = this.entries(workspaceId, id);
      const categories = [...new Set(types.map((t) => t.category))];
      return id === 'hookbench'
        ? { id, title: 'Hookbench', scheme: null, source: HOOKBENCH_SOURCE, typeCount: types.length, categories }
        : {
            id,
            title: PROVIDERS[id].title,
            scheme: PROVIDERS[id].scheme,
            source: PROVIDERS[id].source,
            typeCount: types.length,
            categories,
          };
    });
  }

  types(workspaceId: string, catalog: CatalogId): CatalogTypeSummary[] {
    return this.entries(workspaceId, catalog).map(summaryOf);
  }

  /** One type, whole; `not_found` on field `type`. */
  type(workspaceId: string, catalog: CatalogId, type: string): CatalogEventType {
    const found = this.find(workspaceId, catalog, type);
    if (!found) throw new HookbenchError('not_found', `no event type ${type} in the ${catalog} catalog`, 'type');
    return found;
  }

  find(workspaceId: string, catalog: CatalogId, type: string): CatalogEventType | undefined {
    return this.resolve(workspaceId, catalog, type)?.entry;
  }

  /** Every type of a catalog, in catalog order, schemas applied. */
  entries(workspaceId: string, catalog: CatalogId): CatalogEventType[] {
    if (catalog !== 'hookbench')
      return [...this.providerMap(catalog).values()].map((e) => this.applied(workspaceId, e).entry);
    const builtIn = CATALOG.map((e) => this.applied(workspaceId, builtinEntry(e)).entry);
    return [...builtIn, ...this.ownTypes(workspaceId).values()];
  }

  /** Saves (or, with null, removes) the workspace's schema for a type; the schema must compile. */
  async setSchema(
    workspaceId: string,
    catalog: CatalogId,
    type: string,
    schema: JsonSchema | null,
  ): Promise<CatalogEventType> {
    this.requireWorkspace(workspaceId);
    this.type(workspaceId, catalog, type);
    if (schema) (await loadSchemaValidator()).compile(schema);
    if (schema) this.store.typeSchemas.set(workspaceId, catalog, type, schema, Date.now());
    else this.store.typeSchemas.remove(workspaceId, catalog, type);
    this.invalidate(workspaceId);
    return this.type(workspaceId, catalog, type);
  }

  /** A payload (what the type's schema describes) against the type's schema. */
  async check(
    workspaceId: string,
    catalog: CatalogId,
    type: string,
    payload: unknown,
  ): Promise<{ status: SchemaVerdictStatus; issues: SchemaIssue[] }> {
    const resolved = this.resolve(workspaceId, catalog, type);
    if (!resolved) throw new HookbenchError('not_found', `no event type ${type} in the ${catalog} catalog`, 'type');
    if (!resolved.entry.schema) return { status: 'no_schema', issues: [] };
    const issues = (await loadSchemaValidator()).check(resolved.entry.schema, payload, resolved.schemaText);
    return { status: issues.length ? 'invalid' : 'valid', issues };
  }

  /** The issues of a payload for a resolved type, with a loaded validator (the fire path: synchronous). */
  payloadIssues(validator: SchemaValidator, workspaceId: string, catalog: CatalogId, type: string, payload: unknown) {
    const resolved = this.resolve(workspaceId, catalog, type);
    if (!resolved?.entry.schema) return [];
    return validator.check(resolved.entry.schema, payload, resolved.schemaText);
  }

  async verdictOf(
    workspaceId: string,
    catalog: CatalogId | null,
    scheme: SchemeName | null,
    headers: HeaderMap,
    body: Buffer,
  ): Promise<SchemaVerdict | null> {
    if (!catalog) return null;
    return this.verdictWith(await loadSchemaValidator(), workspaceId, catalog, scheme, headers, body);
  }

  /** The verdict with a loaded validator. */
  verdictWith(
    validator: SchemaValidator,
    workspaceId: string,
    catalog: CatalogId,
    scheme: SchemeName | null,
    headers: HeaderMap,
    body: Buffer,
  ): SchemaVerdict {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return { catalog, type: null, status: 'not_json', issues: [] };
    }
    const type = this.requestType(catalog, scheme, headers, parsed);
    const resolved = type === null ? undefined : this.resolve(workspaceId, catalog, type);
    if (!resolved) {
      // A payload sent as it is names no type: it is the workspace's imported type whose schema alone it meets.
      const shaped =
        catalog === 'hookbench' && type === null ? this.rawTypeOfShape(validator, workspaceId, parsed) : undefined;
      return shaped
        ? { catalog, type: shaped, status: 'valid', issues: [] }
        : { catalog, type, status: 'unknown_type', issues: [] };
    }
    const { entry, schemaText } = resolved;
    if (!entry.schema) return { catalog, type, status: 'no_schema', issues: [] };
    const envelope = entry.form === 'envelope';
    const payload = envelope ? (parsed as { data?: unknown } | null)?.data : parsed;
    const issues = validator
      .check(entry.schema, payload, schemaText)
      .map((i) => (envelope ? { ...i, path: `/data${i.path}` } : i));
    return { catalog, type, status: issues.length ? 'invalid' : 'valid', issues };
  }

  /**
   * The one raw type of the workspace (imported, sent as it is) whose schema `parsed` meets, if
   * exactly one does; the first RAW_SHAPE_LIMIT such types are tried. A schema that requires no
   * member would take any object, so it names nothing.
   */
  private rawTypeOfShape(validator: SchemaValidator, workspaceId: string, parsed: unknown): string | undefined {
    let found: string | undefined;
    let tried = 0;
    for (const t of this.ownTypes(workspaceId).values()) {
      if (t.form !== 'raw' || !t.schema || !requiresSomething(t.schema)) continue;
      if (++tried > RAW_SHAPE_LIMIT) break;
      const text = this.schemasOf(workspaceId).get(key('hookbench', t.type))?.text;
      if (!validator.matches(t.schema, parsed, text)) continue;
      if (found) return undefined; // two fit: it names neither
      found = t.type;
    }
    return found;
  }

  /** The catalog type a request is: the provider's rule, or for Hookbench the receiver's (api/requestEventType.ts). */
  requestType(catalog: CatalogId, scheme: SchemeName | null, headers: HeaderMap, parsed: unknown): string | null {
    if (catalog !== 'hookbench') return PROVIDERS[catalog].typeOfRequest(headers, parsed);
    return requestEventType(
      scheme,
      (name) => headerValue(headers, name),
      () => (parsed && typeof parsed === 'object' ? (parsed as { type?: unknown }).type : undefined),
    );
  }

  requireWorkspace(workspaceId: string): void {
    if (!this.store.workspaces.get(workspaceId))
      throw new HookbenchError('not_found', `workspace ${workspaceId} does not exist`, 'workspaceId');
  }

  private resolve(workspaceId: string, catalog: CatalogId, type: string): Resolved | undefined {
    if (catalog === 'hookbench') {
      const builtIn = findCatalogEntry(type);
      if (builtIn) return this.applied(workspaceId, builtinEntry(builtIn));
      const own = this.ownTypes(workspaceId).get(type);
      return own && { entry: own, schemaText: this.schemasOf(workspaceId).get(key(catalog, type))?.text };
    }
    const entry = this.providerMap(catalog).get(type);
    return entry && this.applied(workspaceId, entry);
  }

  /** The entry with the workspace's schema for it, if it has one. */
  private applied(workspaceId: string, entry: CatalogEventType): Resolved {
    const own = this.schemasOf(workspaceId).get(key(entry.catalog, entry.type));
    if (!own) return { entry };
    return { entry: { ...entry, schema: own.schema, schemaOrigin: 'workspace' }, schemaText: own.text };
  }

  private schemasOf(workspaceId: string): Map<string, StoredTypeSchema> {
    let m = this.overrides.get(workspaceId);
    if (!m) {
      m = new Map(this.store.typeSchemas.list(workspaceId).map((s) => [key(s.catalog, s.type), s]));
      this.overrides.set(workspaceId, m);
    }
    return m;
  }

  private ownTypes(workspaceId: string): Map<string, CatalogEventType> {
    let m = this.own.get(workspaceId);
    if (!m) {
      const schemas = this.schemasOf(workspaceId);
      m = new Map(
        this.store.events.listCustomTypes(workspaceId).map((t) => {
          const schema = schemas.get(key('hookbench', t.type));
          const entry: CatalogEventType = {
            catalog: 'hookbench',
            type: t.type,
            category: categoryOf(t.type),
            description: t.description,
            sample: t.sample,
            schema: schema?.schema ?? null,
            schemaOrigin: schema ? 'workspace' : null,
            form: t.form,
            origin: t.origin,
          };
          return [t.type, entry];
        }),
      );
      this.own.set(workspaceId, m);
    }
    return m;
  }

  private providerMap(catalog: Exclude<CatalogId, 'hookbench'>): Map<string, CatalogEventType> {
    let m = this.providerTypes.get(catalog);
    if (!m) {
      m = new Map(
        PROVIDERS[catalog].types().map((t): [string, CatalogEventType] => [
          t.type,
          {
            catalog,
            type: t.type,
            category: categoryOf(t.type),
            description: t.description,
            sample: t.sample,
            schema: t.schema,
            schemaOrigin: t.schema ? 'catalog' : null,
            form: 'raw',
            origin: 'provider',
          },
        ]),
      );
      this.providerTypes.set(catalog, m);
    }
    return m;
  }
}

const key = (catalog: string, type: string) => `${catalog}\u0000${type}`;

const requiresSomething = (schema: JsonSchema) => Array.isArray(schema.required) && schema.required.length > 0;

/** `pull_request` of `pull_request.opened`, `orders` of `orders/create`, `push` of `push`. */
export function categoryOf(type: string): string {
  return type.split(/[./]/, 1)[0]!;
}

const BUILTIN_ENTRIES = new Map<string, CatalogEventType>();

/** A built-in type as a catalog entry, made once (the fire and receive paths look it up per event). */
function builtinEntry(e: (typeof CATALOG)[number]): CatalogEventType {
  let entry = BUILTIN_ENTRIES.get(e.type);
  if (!entry) BUILTIN_ENTRIES.set(e.type, (entry = makeBuiltinEntry(e)));
  return entry;
}

function makeBuiltinEntry(e: (typeof CATALOG)[number]): CatalogEventType {
  return {
    catalog: 'hookbench',
    type: e.type,
    category: e.category,
    description: e.description,
    sample: e.sample,
    schema: builtinSchemaOf(e),
    schemaOrigin: 'catalog',
    form: 'envelope',
    origin: 'builtin',
  };
}

function summaryOf(e: CatalogEventType): CatalogTypeSummary {
  const { sample: _sample, schema: _schema, ...summary } = e;
  return summary;
}
