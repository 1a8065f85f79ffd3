/** diff.compare on real requests through the real receiver, and on a real delivery sent by the engine to a local inbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxWithUrl } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import { openDiffFixture, type DiffFixture } from './diffFixture';

let f: DiffFixture;
let inbox: InboxWithUrl;
const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
const compare = (left: string, right: string) => dispatch(f.wb, 'diff.compare', { left, right });

beforeAll(async () => {
  f = await openDiffFixture();
  inbox = await dispatch(f.wb, 'inboxes.create', { name: 'diff plain', scheme: 'none' });
});
afterAll(() => f.close());

describe('diff.compare', () => {
  it('reordered keys only: values equal, key order reported per object, no value changes', async () => {
    const a = await f.send(inbox, [JSON_TYPE], '{"a":1,"b":{"x":1,"y":[1,{"p":1,"q":2}]}}');
    const b = await f.send(inbox, [JSON_TYPE], '{"b":{"x":1,"y":[1,{"q":2,"p":1}]},"a":1}');
    const d = await compare(a.id, b.id);
    expect(d.body.bytes.equal).toBe(false);
    expect(d.body.json).toMatchObject({
      valuesEqual: true,
      changes: [],
      whitespaceChanged: false,
      spellingChanged: false,
    });
    expect(d.body.json!.keyOrderChanges).toEqual([
      { path: '$', left: ['a', 'b'], right: ['b', 'a'] },
      { path: '$.b.y[1]', left: ['p', 'q'], right: ['q', 'p'] },
    ]);
    expect(d.explanations[0]).toMatchObject({ kind: 'body_reserialised', level: 'cause' });
    expect(d.explanations[0]!.message).toContain('key order changed in 2 objects');
  });

  it('whitespace only: layout of each side, values equal', async () => {
    const value = { id: 'evt_1', data: { amount: 4900, tags: ['a', 'b'] } };
    const a = await f.send(inbox, [JSON_TYPE], JSON.stringify(value));
    const b = await f.send(inbox, [JSON_TYPE], `${JSON.stringify(value, null, 2)}\n`);
    const d = await compare(a.id, b.id);
    expect(d.body.json).toMatchObject({
      valuesEqual: true,
      changes: [],
      keyOrderChanges: [],
      whitespaceChanged: true,
      spellingChanged: false,
    });
    expect(d.body.json!.formatting.left).toMatchObject({
      indent: 'compact',
      spaceAfterColon: false,
      trailingNewline: false,
      whitespaceBytes: 0,
    });
    expect(d.body.json!.formatting.right).toMatchObject({
      indent: '2 spaces',
      spaceAfterColon: true,
      trailingNewline: true,
    });
    expect(d.body.bytes.firstDifferenceAt).toBe(1);
    expect(d.explanations[0]!.message).toMatch(
      /re-serialised \(whitespace changed: compact → 2 spaces\), values equal/,
    );
  });

  it('equal values spelled differently (escapes, 1.0) are not value changes', async () => {
    const a = await f.send(inbox, [JSON_TYPE], '{"name":"café","n":1}');
    const b = await f.send(inbox, [JSON_TYPE], '{"name":"caf\\u00e9","n":1.0}');
    const d = await compare(a.id, b.id);
    expect(d.body.json).toMatchObject({
      valuesEqual: true,
      spellingChanged: true,
      whitespaceChanged: false,
      keyOrderChanges: [],
    });
  });

  it('one value changed: its path, both values; a type change and an added key are told apart', async () => {
    const a = await f.send(
      inbox,
      [JSON_TYPE],
      '{"id":"evt_1","data":{"amount":4900,"currency":"EUR","items":[{"sku":"A"}]}}',
    );
    const b = await f.send(
      inbox,
      [JSON_TYPE],
      '{"id":"evt_1","data":{"amount":4901,"currency":"EUR","items":[{"sku":"A"}]}}',
    );
    const one = await compare(a.id, b.id);
    expect(one.body.json).toMatchObject({ valuesEqual: false, keyOrderChanges: [], whitespaceChanged: false });
    expect(one.body.json!.changes).toEqual([
      {
        path: '$.data.amount',
        segments: ['data', 'amount'],
        kind: 'changed',
        left: 4900,
        right: 4901,
        leftType: 'number',
        rightType: 'number',
      },
    ]);
    expect(one.explanations[0]).toMatchObject({
      kind: 'body_values_changed',
      message: "the body's values changed (1): $.data.amount 4900 → 4901",
    });

    const c = await f.send(
      inbox,
      [JSON_TYPE],
      '{"id":"evt_1","data":{"amount":"4900","currency":"EUR","items":[{"sku":"A","qty":2}]}}',
    );
    const many = await compare(a.id, c.id);
    expect(many.body.json!.changes).toEqual([
      {
        path: '$.data.amount',
        segments: ['data', 'amount'],
        kind: 'type_changed',
        left: 4900,
        right: '4900',
        leftType: 'number',
        rightType: 'string',
      },
      {
        path: '$.data.items[0].qty',
        segments: ['data', 'items', 0, 'qty'],
        kind: 'added',
        right: 2,
        rightType: 'number',
      },
    ]);
  });

  it('binary bodies: first differing offset and the same hex window of both sides', async () => {
    const left = Buffer.alloc(200, 0xff);
    for (let i = 0; i < left.length; i++) left[i] = i % 251;
    left[0] = 0xc3; // not UTF-8 (a lead byte followed by a non-continuation byte)
    const right = Buffer.from(left);
    right[100] = 0x00;
    const a = await f.send(inbox, [['Content-Type', 'application/octet-stream']], left);
    const b = await f.send(inbox, [['Content-Type', 'application/octet-stream']], right);
    const d = await compare(a.id, b.id);
    expect(d.body).toMatchObject({ leftKind: 'binary', rightKind: 'binary', json: null, text: null });
    expect(d.body.bytes).toMatchObject({ equal: false, leftSize: 200, rightSize: 200, firstDifferenceAt: 100 });
    expect(d.body.bytes.context!.left.offset).toBe(84);
    expect(d.body.bytes.context!.left.hex.split(' ')[16]).toBe((100).toString(16));
    expect(d.body.bytes.context!.right.hex.split(' ')[16]).toBe('00');
    expect(d.body.bytes.context!.left.hex.split(' ')).toHaveLength(48);
    expect(d.explanations[0]).toMatchObject({
      kind: 'body_bytes_changed',
      message: "the body's bytes differ from offset 100 (200 → 200 bytes)",
    });
  });

  it('header order only: nothing added, removed or changed, the order flagged', async () => {
    const a = await f.send(inbox, [JSON_TYPE, ['X-One', '1'], ['X-Two', '2']], '{}');
    const b = await f.send(inbox, [['X-Two', '2'], JSON_TYPE, ['X-One', '1']], '{}');
    const d = await compare(a.id, b.id);
    expect(d.headers).toMatchObject({
      orderChanged: true,
      onlyOrderDiffers: true,
      counts: { added: 0, removed: 0, changed: 0 },
    });
    expect(d.identical).toBe(true);
    expect(d.explanations.map((e) => e.kind)).toEqual(['identical', 'headers_changed']);
  });

  it('a header added, one changed, one renamed in case: each reported with its raw names', async () => {
    const a = await f.send(inbox, [JSON_TYPE, ['X-Trace', 't1'], ['X-Env', 'dev']], '{}');
    const b = await f.send(inbox, [JSON_TYPE, ['x-trace', 't1'], ['X-Env', 'prod'], ['X-Extra', 'yes']], '{}');
    const d = await compare(a.id, b.id);
    const by = (name: string) => d.headers.changes.find((c) => c.name === name)!;
    expect(by('x-extra')).toMatchObject({
      kind: 'added',
      leftName: null,
      rightName: 'X-Extra',
      left: [],
      right: ['yes'],
      transport: false,
    });
    expect(by('x-env')).toMatchObject({ kind: 'changed', left: ['dev'], right: ['prod'] });
    expect(by('x-trace')).toMatchObject({
      kind: 'same',
      leftName: 'X-Trace',
      rightName: 'x-trace',
      nameCaseChanged: true,
    });
    expect(by('host')).toMatchObject({ transport: true });
    expect(d.headers.onlyOrderDiffers).toBe(false);
    expect(d.identical).toBe(false);
    expect(d.explanations.find((e) => e.kind === 'headers_changed')!.message).toBe(
      'other headers differ: added X-Extra; changed X-Env',
    );
  });

  it('text bodies that are not JSON get a unified patch', async () => {
    const a = await f.send(inbox, [['Content-Type', 'text/plain']], 'line 1\nline 2\nline 3\n');
    const b = await f.send(inbox, [['Content-Type', 'text/plain']], 'line 1\nline two\nline 3\n');
    const d = await compare(a.id, b.id);
    expect(d.body).toMatchObject({
      leftKind: 'text',
      rightKind: 'text',
      json: null,
      text: { addedLines: 1, removedLines: 1 },
    });
    expect(d.body.text!.patch).toContain(`--- ${a.id}`);
    expect(d.body.text!.patch).toContain('-line 2\n+line two');
  });

  it('a request compared with itself is identical; timing is both times and the gap', async () => {
    const a = await f.send(inbox, [JSON_TYPE], '{"x":1}');
    const b = await f.send(inbox, [JSON_TYPE], '{"x":1}');
    const self = await compare(a.id, a.id);
    expect(self.identical).toBe(true);
    expect(self.explanations).toEqual([
      { kind: 'identical', level: 'note', message: 'nothing a signature covers differs between the two' },
    ]);
    const d = await compare(a.id, b.id);
    expect(d.timing).toEqual({
      leftAt: a.receivedAt,
      rightAt: b.receivedAt,
      gapMs: b.receivedAt - a.receivedAt,
      leftDurationMs: a.durationMs,
      rightDurationMs: b.durationMs,
    });
  });

  it('text bodies over 4 MiB are compared as bytes only (a line diff would be as large as they are)', async () => {
    const big = 'a'.repeat(4.5 * 1024 * 1024);
    const a = await f.send(inbox, [['Content-Type', 'text/plain']], `${big}1`);
    const b = await f.send(inbox, [['Content-Type', 'text/plain']], `${big}2`);
    const d = await compare(a.id, b.id);
    expect(d.body.text).toBeNull();
    expect(d.body.note).toMatch(/over 4 MiB: compared as bytes only/);
    expect(d.body.bytes.firstDifferenceAt).toBe(big.length);
  });

  it("keys named like Object's own (toString, constructor) are keys like any other", async () => {
    const empty = await f.send(inbox, [JSON_TYPE], '{}');
    const named = await f.send(inbox, [JSON_TYPE], '{"toString":"x","constructor":"y"}');
    const d = await compare(empty.id, named.id);
    expect(d.body.json).toMatchObject({ valuesEqual: false });
    expect(d.body.json!.changes.map((c) => [c.kind, c.path, c.right])).toEqual([
      ['added', '$.toString', 'x'],
      ['added', '$.constructor', 'y'],
    ]);
    const back = await compare(named.id, empty.id);
    expect(back.body.json!.changes.map((c) => [c.kind, c.path, c.left])).toEqual([
      ['removed', '$.toString', 'x'],
      ['removed', '$.constructor', 'y'],
    ]);
    expect(() => structuredClone(back)).not.toThrow(); // what IPC does with a result
  });

  it('two attempts of the sender: their fresh ids and timestamps are notes (each was signed), not causes', async () => {
    const local = await dispatch(f.wb, 'webhooks.sendToLocalInbox', {
      name: 'diff two attempts',
      subscriptions: ['order.*'],
    });
    const ids: string[] = [];
    for (const amount of [4900, 1]) {
      const fired = await dispatch(f.wb, 'events.trigger', {
        type: 'order.created',
        data: { amount },
        webhookIds: [local.webhook.id],
      });
      ids.push(fired.deliveries[0]!.id);
    }
    for (const id of ids)
      for (let i = 0; i < 200 && (await dispatch(f.wb, 'deliveries.get', { id })).attempts.length === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
    const d = await compare(ids[0]!, ids[1]!);
    expect(d.explanations.filter((e) => e.level === 'cause')).toEqual([]);
    expect(
      d.explanations.find((e) => e.kind === 'timestamp_changed' || e.kind === 'id_changed')?.message ?? '',
    ).not.toMatch(/no longer matches/);
    expect(d.body.json!.changes.map((c) => c.path)).toContain('$.data.amount');
  });

  it('a delivery attempt (as sent by the engine) against the request it became at a local inbox', async () => {
    const local = await dispatch(f.wb, 'webhooks.sendToLocalInbox', { name: 'diff local', subscriptions: ['user.*'] });
    const fired = await dispatch(f.wb, 'events.trigger', { type: 'user.created', webhookIds: [local.webhook.id] });
    const deliveryId = fired.deliveries[0]!.id;
    for (let i = 0; i < 200 && (await dispatch(f.wb, 'deliveries.get', { id: deliveryId })).attempts.length === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    await f.wb.receiver.idle();
    const received = (await dispatch(f.wb, 'requests.list', { inboxId: local.inbox.id, limit: 1 })).items[0]!;
    const d = await compare(deliveryId, received.id);
    expect(d.left).toMatchObject({
      kind: 'attempt',
      ref: `${deliveryId}#1`,
      attempt: 1,
      eventType: 'user.created',
      scheme: 'standard',
      method: 'POST',
    });
    expect(d.right).toMatchObject({ kind: 'request', scheme: 'standard', verdict: { valid: true } });
    expect(d.left.path).toBe(d.right.path);
    expect(d.body.bytes.equal).toBe(true);
    expect(d.identical).toBe(true);
    // What the HTTP client adds on the way is shown, and marked as transport.
    expect(d.headers.changes.filter((c) => c.kind === 'added').every((c) => c.transport)).toBe(true);
    expect(d.explanations[0]).toMatchObject({ kind: 'valid' });
    // `dlv_…#1` names the same attempt as `dlv_…`; an attempt that does not exist is a not_found on its side.
    expect((await compare(`${deliveryId}#1`, received.id)).left.ref).toBe(`${deliveryId}#1`);
    await expect(compare(received.id, `${deliveryId}#9`)).rejects.toMatchObject({ code: 'not_found', field: 'right' });
  });

  it('bad refs are validation errors naming the side', async () => {
    await expect(compare('evt_1', 'req_1')).rejects.toMatchObject({ code: 'validation', field: 'left' });
    await expect(compare('req_1', 'dlv_1#0')).rejects.toMatchObject({ code: 'validation', field: 'right' });
  });
});
