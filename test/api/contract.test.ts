/**
 * One suite of scenarios, run through each face: in-process (`dispatch`), the WebSocket and
 * REST. It walks OPERATION_NAMES and calls every operation through each transport; the
 * scenario table is typed by the contract, so an operation without a scenario does not compile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERATIONS,
  OPERATION_NAMES,
  type OperationInput,
  type OperationName,
  type OperationResult,
} from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import { HTTP_STATUS_BY_CODE } from '../../src-main/api/errors';
import { restSuccessStatus } from '../../src-main/api/openapi';
import type { Delivery } from '../../src-main/api/types';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { Workbench } from '../../src-main/engine/workbench';
import { startWebHost, type WebHost } from '../../src-main/host/webHost';
import { tempDir } from '../support/tmp';
import {
  connectWs,
  inProcessCaller,
  restCaller,
  TransportError,
  type Caller,
  type TransportName,
} from './transportClients';

// ── fixtures ────────────────────────────────────────────────────────────────

interface Ctx {
  wb: Workbench;
  transport: TransportName;
  dir: string;
  /** A name no other call used. */
  unique(prefix: string): string;
  /** Created once, read by the read-only scenarios of every transport. */
  shared: { webhookId: string; inboxId: string; inboxUrl: string; deliveryId: string; requestId: string };
  /** Fresh objects for scenarios that change or destroy what they are given. */
  freshWebhook(extra?: Partial<OperationInput<'webhooks.create'>>): Promise<string>;
  freshInbox(): Promise<string>;
  failingWebhook(): Promise<string>;
  waitForDelivery(id: string, statuses: Delivery['status'][]): Promise<Delivery>;
}

let counter = 0;

/** A fixture call: validated and defaulted like any face's call. */
function call<N extends OperationName>(wb: Workbench, name: N, input: OperationInput<N>): Promise<OperationResult<N>> {
  return dispatch(wb, name, input);
}

async function makeCtx(wb: Workbench, dir: string): Promise<Ctx> {
  const unique = (prefix: string) => `${prefix}-${++counter}`;
  const inbox = await call(wb, 'inboxes.create', { name: 'contract shared inbox', scheme: 'standard' });
  expect(inbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/in\//);
  const webhook = await call(wb, 'webhooks.create', {
    name: 'contract shared',
    url: inbox.url!,
    subscriptions: ['user.*', 'webhook.test'],
    scheme: 'standard',
    secret: inbox.secrets[0],
    timeoutSec: 10,
  });
  const tested = await call(wb, 'webhooks.test', { id: webhook.id });
  expect(tested.status).toBe('success');
  await wb.receiver.idle(); // the inbox stores each request after answering it
  const requests = await call(wb, 'requests.list', { inboxId: inbox.id, limit: 10 });
  expect(requests.items.length).toBeGreaterThan(0);
  const failingInbox = await call(wb, 'inboxes.create', {
    name: 'contract failing inbox',
    responseRule: { status: 500 },
  });

  return {
    wb,
    transport: 'in-process',
    dir,
    unique,
    shared: {
      webhookId: webhook.id,
      inboxId: inbox.id,
      inboxUrl: inbox.url!,
      deliveryId: tested.id,
      requestId: requests.items[0]!.id,
    },
    async freshWebhook(extra = {}) {
      return (
        await call(wb, 'webhooks.create', {
          name: unique('fresh'),
          url: inbox.url!,
          subscriptions: ['user.*'],
          timeoutSec: 10,
          ...extra,
        })
      ).id;
    },
    async freshInbox() {
      return (await call(wb, 'inboxes.create', { name: unique('fresh inbox') })).id;
    },
    async failingWebhook() {
      const w = await call(wb, 'webhooks.create', {
        name: unique('failing'),
        url: failingInbox.url!,
        subscriptions: ['order.*'],
        timeoutSec: 10,
        retryPolicy: { delays: [3600], jitter: false },
      });
      return w.id;
    },
    async waitForDelivery(id, statuses) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const d = await call(wb, 'deliveries.get', { id });
        if (statuses.includes(d.status)) return d;
        if (Date.now() > deadline) throw new Error(`delivery ${id} stayed ${d.status}, wanted ${statuses.join('/')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

/** A delivery of a failing webhook that is waiting for its next retry. */
async function retryingDelivery(ctx: Ctx): Promise<string> {
  const webhookId = await ctx.failingWebhook();
  const fired = await call(ctx.wb, 'events.trigger', { type: 'order.created', webhookIds: [webhookId] });
  const id = fired.deliveries[0]!.id;
  await ctx.waitForDelivery(id, ['retrying']);
  return id;
}

// ── the scenario table: one entry per operation ─────────────────────────────

type Scenario<N extends OperationName> = {
  input: (ctx: Ctx) => OperationInput<N> | Promise<OperationInput<N>>;
  check?: (result: OperationResult<N>, ctx: Ctx) => void;
};
type Scenarios = { [N in OperationName]: Scenario<N> };

const SCENARIOS: Scenarios = {
  'workspaces.list': { input: () => ({}), check: (r) => expect(r.map((w) => w.id)).toContain(DEFAULT_WORKSPACE_ID) },
  'workspaces.create': { input: (c) => ({ name: c.unique('ws') }), check: (r) => expect(r.id).toBeTruthy() },
  'workspaces.rename': {
    input: async (c) => ({
      id: (await call(c.wb, 'workspaces.create', { name: c.unique('ws') })).id,
      name: c.unique('renamed'),
    }),
    check: (r) => expect(r.name).toMatch(/^renamed-/),
  },
  'workspaces.delete': {
    input: async (c) => ({ id: (await call(c.wb, 'workspaces.create', { name: c.unique('ws') })).id }),
    check: (r) => expect(r).toEqual({ deleted: true }),
  },

  'webhooks.list': { input: () => ({}), check: (r, c) => expect(r.map((w) => w.id)).toContain(c.shared.webhookId) },
  'webhooks.get': {
    input: (c) => ({ id: c.shared.webhookId }),
    check: (r, c) => expect(r.id).toBe(c.shared.webhookId),
  },
  'webhooks.create': {
    input: (c) => ({
      name: c.unique('created'),
      url: c.shared.inboxUrl,
      subscriptions: ['user.created', 'order.*'],
      timeoutSec: 5,
    }),
    check: (r) =>
      expect(r).toMatchObject({
        subscriptions: ['user.created', 'order.*'],
        timeoutSec: 5,
        enabled: true,
        scheme: 'standard',
      }),
  },
  'webhooks.update': {
    input: async (c) => ({ id: await c.freshWebhook(), description: 'changed', timeoutSec: 7 }),
    check: (r) => expect(r).toMatchObject({ description: 'changed', timeoutSec: 7 }),
  },
  'webhooks.delete': {
    input: async (c) => ({ id: await c.freshWebhook() }),
    check: (r) => expect(r).toEqual({ deleted: true }),
  },
  'webhooks.enable': {
    input: async (c) => ({ id: await c.freshWebhook({ enabled: false }) }),
    check: (r) => expect(r.enabled).toBe(true),
  },
  'webhooks.disable': {
    input: async (c) => ({ id: await c.freshWebhook() }),
    check: (r) => expect(r.enabled).toBe(false),
  },
  'webhooks.test': {
    input: (c) => ({ id: c.shared.webhookId }),
    check: (r) => expect(r).toMatchObject({ status: 'success', eventType: 'webhook.test' }),
  },
  'webhooks.rotateSecret': {
    input: async (c) => ({ id: await c.freshWebhook(), graceHours: 2 }),
    check: (r) => {
      expect(r.previousSecret).toBeTruthy();
      expect(r.secret).not.toBe(r.previousSecret);
    },
  },
  'webhooks.stats': {
    input: (c) => ({ id: c.shared.webhookId, bucket: 'day' }),
    check: (r) => expect(r.totals.total).toBeGreaterThan(0),
  },
  'webhooks.deliveries': {
    input: (c) => ({ id: c.shared.webhookId, limit: 3 }),
    check: (r) => expect(r.items.length).toBeGreaterThan(0),
  },
  'webhooks.sendToLocalInbox': {
    input: (c) => ({ name: c.unique('local'), subscriptions: ['user.*'] }),
    check: (r) => expect(r.webhook.url).toContain(`/in/${r.inbox.slug}`),
  },

  'events.available': { input: () => ({}), check: (r) => expect(r.map((e) => e.type)).toContain('user.created') },
  'events.addCustomType': {
    input: (c) => ({
      type: `custom.t${c.unique('x').replace('-', '')}`,
      description: 'a custom type',
      sample: { a: 1 },
    }),
    check: (r) => expect(r.custom).toBe(true),
  },
  'events.removeCustomType': {
    input: async (c) => ({
      type: (await call(c.wb, 'events.addCustomType', { type: `gone.t${c.unique('x').replace('-', '')}` })).type,
    }),
    check: (r) => expect(r).toEqual({ deleted: true }),
  },
  'events.recipients': {
    input: () => ({ type: 'user.created' }),
    check: (r, c) => expect(r.map((w) => w.id)).toContain(c.shared.webhookId),
  },
  'events.triggerMany': {
    input: (c) => ({
      events: [
        { type: 'user.created', webhookIds: [c.shared.webhookId] },
        { type: 'user.deleted', webhookIds: [c.shared.webhookId] },
      ],
    }),
    check: (r) => expect(r).toMatchObject({ events: 2, deliveries: 2 }),
  },
  'catalogs.list': {
    input: () => ({}),
    check: (r) => expect(r.map((c) => c.id)).toEqual(['hookbench', 'github', 'stripe', 'shopify', 'slack']),
  },
  'catalogs.types': {
    input: () => ({ catalog: 'hookbench' }),
    check: (r) =>
      expect(r.find((t) => t.type === 'user.created')).toMatchObject({ form: 'envelope', origin: 'builtin' }),
  },
  'catalogs.type': {
    input: () => ({ catalog: 'hookbench', type: 'user.created' }),
    check: (r) => expect(r.schema).toMatchObject({ type: 'object' }),
  },
  'catalogs.setSchema': {
    input: () => ({ catalog: 'hookbench', type: 'user.deleted', schema: { type: 'object' } }),
    check: (r) => expect(r).toMatchObject({ schemaOrigin: 'workspace', schema: { type: 'object' } }),
  },
  'catalogs.check': {
    input: () => ({ catalog: 'hookbench', type: 'user.created', payload: { email: 42 } }),
    check: (r) => expect(r.issues.map((i) => i.path)).toContain('/email'),
  },
  'catalogs.import': {
    input: () => ({
      document: JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'contract', version: '1' },
        webhooks: {
          'contract.imported': {
            post: {
              requestBody: { content: { 'application/json': { schema: { type: 'object' }, example: { a: 1 } } } },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      }),
      dryRun: true,
    }),
    check: (r) => expect(r).toMatchObject({ applied: false, changes: [{ type: 'contract.imported', change: 'add' }] }),
  },
  // A provider's catalog and one payload: the same document and schema whatever the other scenarios added meanwhile.
  'catalogs.export': {
    input: () => ({ catalog: 'slack' }),
    check: (r) => expect(Object.keys(r.document.webhooks as object)).toContain('app_mention'),
  },
  'catalogs.infer': {
    input: (c) => ({ inboxId: c.shared.inboxId, eventType: 'webhook.test', limit: 1 }),
    check: (r) => expect(r).toMatchObject({ type: 'webhook.test', sampleCount: 1 }),
  },
  'catalogs.drift': { input: () => ({ catalog: 'hookbench' }), check: (r) => expect(Array.isArray(r)).toBe(true) },
  'events.trigger': {
    input: (c) => ({ type: 'user.created', data: { id: c.unique('user') }, webhookIds: [c.shared.webhookId] }),
    check: (r) => expect(r.deliveries).toHaveLength(1),
  },

  'deliveries.list': {
    input: () => ({ status: ['success', 'failed'], limit: 5 }),
    check: (r) => expect(r.items.every((d) => ['success', 'failed'].includes(d.status))).toBe(true),
  },
  'deliveries.get': {
    input: (c) => ({ id: c.shared.deliveryId }),
    check: (r) => expect(r.attempts.length).toBeGreaterThan(0),
  },
  'deliveries.retry': {
    input: async (c) => ({ id: await retryingDelivery(c) }),
    check: (r) => expect(r.attempts.length).toBe(2),
  },
  'deliveries.redeliver': {
    input: (c) => ({ id: c.shared.deliveryId }),
    check: (r, c) => expect(r.id).not.toBe(c.shared.deliveryId),
  },
  'deliveries.recover': {
    input: async (c) => {
      const webhookId = (
        await call(c.wb, 'webhooks.create', {
          name: c.unique('recover'),
          url: c.shared.inboxUrl.replace(/\/in\/.*/, '/in/nowhere-at-all'),
          subscriptions: ['order.*'],
          retryPolicy: { delays: [], jitter: false },
        })
      ).id;
      const fired = await call(c.wb, 'events.trigger', { type: 'order.created', webhookIds: [webhookId] });
      await c.waitForDelivery(fired.deliveries[0]!.id, ['failed']);
      return { webhookId, since: Date.now() - 60_000 };
    },
    check: (r) => expect(r).toMatchObject({ queued: 1, skipped: 0, recoverId: expect.stringMatching(/^rcv_/) }),
  },
  'deliveries.cancel': {
    input: async (c) => ({ id: await retryingDelivery(c) }),
    check: (r) => expect(r.status).toBe('cancelled'),
  },

  'inboxes.list': { input: () => ({}), check: (r, c) => expect(r.map((i) => i.id)).toContain(c.shared.inboxId) },
  'inboxes.get': { input: (c) => ({ id: c.shared.inboxId }), check: (r) => expect(r.url).toMatch(/\/in\//) },
  'inboxes.create': {
    input: (c) => ({ name: c.unique('inbox'), scheme: 'github', secrets: ['s3cret'] }),
    check: (r) => expect(r).toMatchObject({ scheme: 'github', secrets: ['s3cret'] }),
  },
  'inboxes.update': {
    input: async (c) => ({ id: await c.freshInbox(), responseRule: { status: 202 } }),
    check: (r) => expect(r.responseRule.status).toBe(202),
  },
  'inboxes.delete': {
    input: async (c) => ({ id: await c.freshInbox() }),
    check: (r) => expect(r).toEqual({ deleted: true }),
  },
  'inboxes.requests': {
    input: (c) => ({ id: c.shared.inboxId, limit: 5 }),
    check: (r) => expect(r.items.length).toBeGreaterThan(0),
  },
  'requests.list': {
    input: () => ({ valid: true, limit: 5 }),
    check: (r) => expect(r.items.every((i) => i.valid === true)).toBe(true),
  },
  'requests.get': { input: (c) => ({ id: c.shared.requestId }), check: (r) => expect(r.verdict?.valid).toBe(true) },
  'requests.replay': {
    input: (c) => ({ id: c.shared.requestId, url: c.shared.inboxUrl, timeoutSec: 5 }),
    check: (r) => expect(r.status).toBe(200),
  },
  'requests.replayEdited': {
    input: (c) => ({
      source: { kind: 'request', id: c.shared.requestId },
      url: c.shared.inboxUrl,
      method: 'PUT',
      headers: [['x-edited', 'yes']],
      body: '{"edited":true}',
      timeoutSec: 5,
    }),
    check: (r) =>
      expect(r).toMatchObject({
        request: { method: 'PUT', headers: [['x-edited', 'yes']], bodyText: '{"edited":true}' },
        response: { status: 200 },
      }),
  },
  'receiver.status': { input: () => ({}), check: (r) => expect(r.listening).toBe(true) },

  'diff.compare': {
    input: (c) => ({ left: c.shared.deliveryId, right: c.shared.requestId }),
    check: (r, c) => {
      expect(r.left).toMatchObject({ kind: 'attempt', ref: `${c.shared.deliveryId}#1` });
      expect(r.right).toMatchObject({ kind: 'request', ref: c.shared.requestId });
      expect(r.body.bytes.equal).toBe(true);
      expect(r.explanations.map((e) => e.kind)).toContain('valid');
    },
  },
  'diff.explain': {
    input: (c) => ({ requestId: c.shared.requestId }),
    check: (r, c) =>
      expect(r).toMatchObject({
        source: 'delivery_attempt',
        diff: { left: { id: c.shared.deliveryId }, right: { id: c.shared.requestId } },
      }),
  },

  'alerts.list': {
    input: () => ({ unreadOnly: false, limit: 10 }),
    check: (r) => expect(Array.isArray(r.alerts)).toBe(true),
  },
  'alerts.markRead': { input: () => ({ all: true }), check: (r) => expect(r.unread).toBe(0) },
  'stats.overview': { input: () => ({ bucket: 'hour' }), check: (r) => expect(r.totals.total).toBeGreaterThan(0) },
  'settings.get': { input: () => ({}), check: (r) => expect(r.retention.successDays).toBeGreaterThan(0) },
  'settings.update': { input: () => ({ theme: 'dark' }), check: (r) => expect(r.theme).toBe('dark') },
};

// ── the three faces ─────────────────────────────────────────────────────────

let tmp: ReturnType<typeof tempDir>;
let wb: Workbench;
let host: WebHost;
let ctx: Ctx;
const callers = {} as Record<TransportName, Caller>;
const TRANSPORTS: TransportName[] = ['in-process', 'websocket', 'rest'];
/** Result of each operation through each transport, as it crossed the wire (JSON). */
const results: Record<TransportName, Partial<Record<OperationName, unknown>>> = {
  'in-process': {},
  websocket: {},
  rest: {},
};

beforeAll(async () => {
  tmp = tempDir('hookbench-contract-');
  wb = await Workbench.open({ dataDir: tmp.dir, receiver: { port: 0 } });
  host = await startWebHost({ workbench: wb, port: 0 });
  ctx = await makeCtx(wb, tmp.dir);
  callers['in-process'] = inProcessCaller(wb);
  callers.websocket = await connectWs(host.origin, host.token);
  callers.rest = restCaller(host.origin, host.token);
});

afterAll(async () => {
  for (const c of Object.values(callers)) await c?.close();
  await host?.close();
  await wb?.close();
  tmp?.cleanup();
});

const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

describe.each(TRANSPORTS)('every operation through %s', (transport) => {
  it.each(OPERATION_NAMES)('%s', async (name) => {
    const caller = callers[transport];
    const c = { ...ctx, transport };
    const scenario = SCENARIOS[name] as Scenario<OperationName>;
    const input = await scenario.input(c);
    const result = await caller.call(name, input);
    scenario.check?.(result as never, c);
    results[transport][name] = json(result);
    if (transport === 'rest') {
      expect((caller as ReturnType<typeof restCaller>).lastStatus).toBe(restSuccessStatus(name));
    }
  });
});

/** The structure of a value: key sets and value types, with null matching anything. */
function shapeOf(v: unknown): unknown {
  if (v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? [] : [shapeOf(v[0])];
  if (typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as object)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, shapeOf(x)]),
    );
  return typeof v;
}

function sameShape(a: unknown, b: unknown, path = '$'): void {
  if (a === null || b === null) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length && b.length) sameShape(a[0], b[0], `${path}[0]`);
    return;
  }
  if (typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a as object).sort(), path).toEqual(Object.keys(b as object).sort());
    for (const k of Object.keys(a as object))
      sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}

describe('results are equivalent across transports', () => {
  it.each(OPERATION_NAMES)('%s has the same shape through every face', (name) => {
    const base = results['in-process'][name];
    for (const t of ['websocket', 'rest'] as const) {
      expect(t in results && name in results[t], `${name} was called through ${t}`).toBe(true);
      sameShape(shapeOf(results[t][name]), shapeOf(base));
    }
  });

  it('read-only operations give identical results through every face', async () => {
    const reads: [OperationName, unknown][] = [
      ['webhooks.get', { id: ctx.shared.webhookId }],
      ['deliveries.get', { id: ctx.shared.deliveryId }],
      ['requests.get', { id: ctx.shared.requestId }],
      ['inboxes.get', { id: ctx.shared.inboxId }],
      ['events.available', {}],
      ['events.recipients', { type: 'user.created' }],
      ['settings.get', {}],
      ['receiver.status', {}],
      ['workspaces.list', {}],
    ];
    for (const [name, input] of reads) {
      const [a, b, c] = await Promise.all(TRANSPORTS.map((t) => callers[t].call(name, input)));
      expect(json(b), `${name} websocket`).toEqual(json(a));
      expect(json(c), `${name} rest`).toEqual(json(a));
    }
  });

  it('covers every operation (a new one needs a scenario)', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) expect(OPERATIONS[name].rest, `${name} has a REST route`).toBeTruthy();
  });
});

// ── typed errors through each face ──────────────────────────────────────────

async function failure(caller: Caller, op: string, input: unknown): Promise<TransportError> {
  try {
    await caller.call(op, input);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return e as TransportError;
  }
  throw new Error(`${op} through ${caller.name} did not fail`);
}

describe.each(TRANSPORTS)('typed errors through %s', (transport) => {
  const cases: [string, string, unknown, { code: string; field: string }][] = [
    [
      'invalid url',
      'webhooks.create',
      { url: 'ftp://example.com/hook', subscriptions: ['*'] },
      { code: 'validation', field: 'url' },
    ],
    [
      'empty subscriptions',
      'webhooks.create',
      { url: 'http://127.0.0.1:9/hook', subscriptions: [] },
      { code: 'validation', field: 'subscriptions' },
    ],
    ['out-of-range number', 'deliveries.list', { limit: 100000 }, { code: 'validation', field: 'limit' }],
    ['missing webhook', 'webhooks.get', { id: 'wh_does_not_exist' }, { code: 'not_found', field: 'id' }],
    ['missing delivery', 'deliveries.get', { id: 'dlv_does_not_exist' }, { code: 'not_found', field: 'id' }],
    ['not a diff subject', 'diff.compare', { left: 'wh_1', right: 'req_1' }, { code: 'validation', field: 'left' }],
    [
      'missing diff subject',
      'diff.compare',
      { left: 'req_does_not_exist', right: 'dlv_does_not_exist#2' },
      { code: 'not_found', field: 'left' },
    ],
    ['default workspace', 'workspaces.delete', { id: DEFAULT_WORKSPACE_ID }, { code: 'conflict', field: 'id' }],
  ];

  it.each(cases)('%s → %s', async (_label, op, input, expected) => {
    const before = (await call(wb, 'webhooks.list', {})).length;
    const e = await failure(callers[transport], op, input);
    expect(e).toMatchObject(expected);
    expect(e.message).toBeTruthy();
    if (expected.code === 'validation') expect(e.issues?.[0]?.field).toBe(expected.field);
    if (transport === 'rest')
      expect(e.status).toBe(HTTP_STATUS_BY_CODE[expected.code as keyof typeof HTTP_STATUS_BY_CODE]);
    expect((await call(wb, 'webhooks.list', {})).length).toBe(before);
  });

  it('the same error (code, field, message) as in-process', async () => {
    for (const [, op, input] of cases) {
      const here = await failure(callers[transport], op, input);
      const there = await failure(callers['in-process'], op, input);
      expect({ code: here.code, field: here.field, message: here.message }).toEqual({
        code: there.code,
        field: there.field,
        message: there.message,
      });
    }
  });
});
