import { describe, it, expect } from 'vitest';
import { CATALOG, CATEGORIES, findCatalogEntry } from '../../src-main/engine/events/catalog';

/** The product spec's "Built-in event catalog" table, copied verbatim and in order. */
const EXPECTED: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'user',
    [
      'user.created',
      'user.updated',
      'user.deleted',
      'user.login',
      'user.logout',
      'user.password_changed',
      'user.email_verified',
      'user.profile_updated',
    ],
  ],
  ['organization', ['organization.created', 'organization.updated', 'organization.deleted']],
  [
    'subscription',
    [
      'subscription.created',
      'subscription.updated',
      'subscription.cancelled',
      'subscription.renewed',
      'subscription.payment_failed',
    ],
  ],
  ['payment', ['payment.succeeded', 'payment.completed', 'payment.failed', 'payment.refunded']],
  ['invoice', ['invoice.created', 'invoice.paid', 'invoice.overdue']],
  ['order', ['order.created', 'order.updated', 'order.completed', 'order.cancelled']],
  ['sale', ['sale.created', 'sale.updated', 'sale.refunded']],
  ['customer', ['customer.created', 'customer.updated']],
  ['inventory', ['inventory.created', 'inventory.updated', 'inventory.low_stock']],
  ['repair_order', ['repair_order.created', 'repair_order.status_changed']],
  ['purchase_order', ['purchase_order.created', 'purchase_order.received']],
  [
    'device',
    [
      'device.created',
      'device.registered',
      'device.updated',
      'device.deleted',
      'device.status_changed',
      'device.online',
      'device.offline',
      'device.alert',
    ],
  ],
  ['alert', ['alert.triggered', 'alert.resolved']],
  ['job', ['job.created', 'job.started', 'job.completed', 'job.failed']],
  ['config', ['config.backup_created', 'config.changed', 'config.deployed']],
  ['compliance', ['compliance.check_completed', 'compliance.violation_detected']],
  ['project', ['project.created', 'project.updated', 'project.completed']],
  ['document', ['document.created', 'document.updated', 'document.shared']],
  ['meeting', ['meeting.scheduled', 'meeting.started', 'meeting.ended']],
  ['email', ['email.received', 'email.sent']],
  ['task', ['task.created', 'task.completed']],
  ['analytics', ['analytics.report_generated']],
  ['webhook', ['webhook.test']],
];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Every leaf is a JSON primitive; objects are plain; no undefined/functions/Dates/NaN. */
function assertPlainJson(v: unknown, path: string): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    expect(Number.isFinite(v), `${path} is a finite number`).toBe(true);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => assertPlainJson(x, `${path}[${i}]`));
    return;
  }
  expect(isPlainObject(v), `${path} is a plain object`).toBe(true);
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) assertPlainJson(x, `${path}.${k}`);
}

describe('event catalog', () => {
  it('lists exactly the types of the spec table, in table order', () => {
    expect(CATALOG.map((e) => e.type)).toEqual(EXPECTED.flatMap(([, types]) => types));
  });

  it('assigns each category exactly its table types', () => {
    for (const [category, types] of EXPECTED) {
      expect(
        CATALOG.filter((e) => e.category === category).map((e) => e.type),
        category,
      ).toEqual(types);
    }
  });

  it('ends with webhook.test in category webhook', () => {
    const last = CATALOG[CATALOG.length - 1];
    expect(last.type).toBe('webhook.test');
    expect(last.category).toBe('webhook');
  });

  it('uses the type prefix as the category', () => {
    for (const e of CATALOG) {
      expect(e.type.startsWith(`${e.category}.`), e.type).toBe(true);
      expect(e.type.slice(e.category.length + 1)).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(e.category).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('has unique types', () => {
    expect(new Set(CATALOG.map((e) => e.type)).size).toBe(CATALOG.length);
  });

  it('derives CATEGORIES from CATALOG, unique and in order', () => {
    expect(CATEGORIES).toEqual(EXPECTED.map(([c]) => c));
    const derived: string[] = [];
    for (const e of CATALOG) if (!derived.includes(e.category)) derived.push(e.category);
    expect(CATEGORIES).toEqual(derived);
  });

  it('has a non-empty one-line description for every entry', () => {
    for (const e of CATALOG) {
      expect(e.description.trim().length, e.type).toBeGreaterThan(0);
      expect(e.description, e.type).not.toMatch(/\n/);
    }
  });

  it('has plain-JSON object samples under 4 KB with 5–20 top-level fields', () => {
    for (const e of CATALOG) {
      expect(isPlainObject(e.sample), e.type).toBe(true);
      assertPlainJson(e.sample, e.type);
      expect(JSON.parse(JSON.stringify(e.sample)), e.type).toEqual(e.sample);
      expect(new TextEncoder().encode(JSON.stringify(e.sample)).length, e.type).toBeLessThan(4096);
      const n = Object.keys(e.sample).length;
      expect(n, e.type).toBeGreaterThanOrEqual(5);
      expect(n, e.type).toBeLessThanOrEqual(20);
    }
  });

  it('gives each type its own sample', () => {
    const serialized = CATALOG.map((e) => JSON.stringify(e.sample));
    expect(new Set(serialized).size).toBe(CATALOG.length);
  });

  it('shapes samples by event kind', () => {
    for (const e of CATALOG) {
      if (e.type.endsWith('.updated')) expect(e.sample, e.type).toHaveProperty('changes');
      if (e.type.endsWith('.deleted')) expect(e.sample, e.type).toHaveProperty('deleted_at');
    }
    expect(findCatalogEntry('webhook.test')!.sample.message).toBe('This is a test event from Hookbench');
    const pay = findCatalogEntry('payment.succeeded')!.sample as {
      amount: unknown;
      currency: unknown;
      customer: { email: string };
      payment_method: { brand: string; last4: string };
    };
    expect(Number.isInteger(pay.amount)).toBe(true);
    expect(pay.currency).toMatch(/^[a-z]{3}$/);
    expect(pay.customer.email).toMatch(/@example\.com$/);
    expect(pay.payment_method.last4).toMatch(/^\d{4}$/);
    expect(Array.isArray(findCatalogEntry('order.created')!.sample.line_items)).toBe(true);
    expect(Array.isArray(findCatalogEntry('meeting.scheduled')!.sample.participants)).toBe(true);
  });

  it('uses only example.com email addresses and valid ISO timestamps', () => {
    const json = JSON.stringify(CATALOG.map((e) => e.sample));
    for (const m of json.matchAll(/[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g)) {
      // message-ids like <...@mail.example.com> are fine too
      expect(m[1], m[0]).toMatch(/(^|\.)example\.com$/);
    }
    for (const m of json.matchAll(/"(\d{4}-\d{2}-\d{2}T[^"]+)"/g)) {
      expect(m[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(Number.isNaN(Date.parse(m[1])), m[1]).toBe(false);
    }
  });

  it('findCatalogEntry finds exact types and misses others', () => {
    for (const e of CATALOG) expect(findCatalogEntry(e.type)).toBe(e);
    expect(findCatalogEntry('user.created')?.category).toBe('user');
    expect(findCatalogEntry('repair_order.status_changed')?.category).toBe('repair_order');
    expect(findCatalogEntry('user.nope')).toBeUndefined();
    expect(findCatalogEntry('user')).toBeUndefined();
    expect(findCatalogEntry('user.*')).toBeUndefined();
    expect(findCatalogEntry('USER.CREATED')).toBeUndefined();
    expect(findCatalogEntry('')).toBeUndefined();
  });

  it('is immutable', () => {
    expect(Object.isFrozen(CATALOG)).toBe(true);
    expect(Object.isFrozen(CATEGORIES)).toBe(true);
    const entry = findCatalogEntry('order.created')!;
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(entry.sample)).toBe(true);
    expect(() => {
      (entry.sample as Record<string, unknown>).status = 'tampered';
    }).toThrow(TypeError);
    expect(structuredClone(entry.sample)).toEqual(entry.sample);
  });
});
