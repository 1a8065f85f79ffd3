/**
 * The built-in event catalog: every event type Hookbench knows out of the box, grouped by
 * category, each with a one-line description and a realistic sample `data` payload (the
 * `data` member of the `{ id, type, timestamp, data }` envelope — never the envelope).
 *
 * Isomorphic: no Node-only imports, so the renderer can import it as well.
 *
 * The catalog is deeply frozen. Treat `sample` as a template: copy it
 * (`structuredClone(entry.sample)` or `JSON.parse(JSON.stringify(...))`) before editing.
 */
import type { SampleDef } from './samples/types';
import { ORGANIZATION_EVENTS, USER_EVENTS } from './samples/identity';
import { INVOICE_EVENTS, PAYMENT_EVENTS, SUBSCRIPTION_EVENTS } from './samples/billing';
import {
  CUSTOMER_EVENTS,
  INVENTORY_EVENTS,
  ORDER_EVENTS,
  PURCHASE_ORDER_EVENTS,
  REPAIR_ORDER_EVENTS,
  SALE_EVENTS,
} from './samples/commerce';
import { ALERT_EVENTS, DEVICE_EVENTS } from './samples/devices';
import { COMPLIANCE_EVENTS, CONFIG_EVENTS, JOB_EVENTS } from './samples/operations';
import {
  ANALYTICS_EVENTS,
  DOCUMENT_EVENTS,
  EMAIL_EVENTS,
  MEETING_EVENTS,
  PROJECT_EVENTS,
  TASK_EVENTS,
  WEBHOOK_EVENTS,
} from './samples/collaboration';

export interface CatalogEntry {
  /** Dotted event type, e.g. `user.created`. */
  type: string;
  /** The type's prefix before the first dot, e.g. `user`. */
  category: string;
  /** One-line description of when the event fires. */
  description: string;
  /** Realistic sample `data` payload (plain JSON). */
  sample: Record<string, unknown>;
}

/** Definitions in the order of the product spec's event catalog table (copied verbatim in test/engine/catalog.test.ts). */
const DEFINITIONS: readonly SampleDef[] = [
  ...USER_EVENTS,
  ...ORGANIZATION_EVENTS,
  ...SUBSCRIPTION_EVENTS,
  ...PAYMENT_EVENTS,
  ...INVOICE_EVENTS,
  ...ORDER_EVENTS,
  ...SALE_EVENTS,
  ...CUSTOMER_EVENTS,
  ...INVENTORY_EVENTS,
  ...REPAIR_ORDER_EVENTS,
  ...PURCHASE_ORDER_EVENTS,
  ...DEVICE_EVENTS,
  ...ALERT_EVENTS,
  ...JOB_EVENTS,
  ...CONFIG_EVENTS,
  ...COMPLIANCE_EVENTS,
  ...PROJECT_EVENTS,
  ...DOCUMENT_EVENTS,
  ...MEETING_EVENTS,
  ...EMAIL_EVENTS,
  ...TASK_EVENTS,
  ...ANALYTICS_EVENTS,
  ...WEBHOOK_EVENTS,
];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

function categoryOf(type: string): string {
  const dot = type.indexOf('.');
  if (dot <= 0 || dot === type.length - 1) {
    throw new Error(`catalog: event type "${type}" must look like "<category>.<name>"`);
  }
  return type.slice(0, dot);
}

function build(defs: readonly SampleDef[]): readonly CatalogEntry[] {
  const seen = new Set<string>();
  const entries = defs.map((d): CatalogEntry => {
    if (seen.has(d.type)) throw new Error(`catalog: duplicate event type "${d.type}"`);
    seen.add(d.type);
    return { type: d.type, category: categoryOf(d.type), description: d.description, sample: d.sample };
  });
  return deepFreeze(entries);
}

/** Every built-in event type, in the spec's table order, ending with `webhook.test`. */
export const CATALOG: readonly CatalogEntry[] = build(DEFINITIONS);

/** Categories derived from CATALOG: unique, in first-appearance order. */
export const CATEGORIES: readonly string[] = Object.freeze([...new Set(CATALOG.map((e) => e.category))]);

const BY_TYPE: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [e.type, e]));

/** The built-in entry for an exact event type, or undefined (no wildcard matching). */
export function findCatalogEntry(type: string): CatalogEntry | undefined {
  return BY_TYPE.get(type);
}
