import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EXPORT_FORMATS } from '../../src-main/api/logSchemas';
import type { ReceivedRequest } from '../../src-main/api/receiverTypes';
import type { DeliveryDetail } from '../../src-main/api/types';
import { ATTEMPT_COLUMNS, REQUEST_COLUMNS } from '../../src-main/engine/export/csv';
import { exportTo, exportToFile, type ExportRequest } from '../../src-main/engine/export/exporter';
import { HAR_CREATOR } from '../../src-main/engine/export/har';
import { Receiver } from '../../src-main/engine/receiver/receiver';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { startTestEngine, type TestEngine } from '../support/engineHarness';
import { httpRequest, quietLog } from '../support/receiverClient';
import { eventually, ScriptedServer } from '../support/scriptedServer';
import { validateHar } from './exportHarValidator';

const WS = DEFAULT_WORKSPACE_ID;
const SECRET = 'whsec_ZXhwb3J0dGVzdHNlY3JldG5ldmVyZXhwb3J0ZWQ=';
const PLANTED = {
  webhookSecret: 'PLANTED-webhook-secret-7f3a',
  previousSecret: 'PLANTED-previous-secret-91bc',
  inboxSecret: 'PLANTED-inbox-secret-d04e',
};
const TRICKY_NOTE = 'comma, "quote" and\nnewline, héllo ✓';

type Format = (typeof EXPORT_FORMATS)[number];

let t: TestEngine;
let receiver: Receiver;
const servers: ScriptedServer[] = [];
let deliveries: DeliveryDetail[];
let requests: ReceivedRequest[];
let ids: { ok: string; retried: string; dropped: string };

/** Exports into memory. */
async function exportText(
  input: Omit<ExportRequest, 'workspaceId'>,
): Promise<{ text: string; rows: number; bytes: number }> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const r = await exportTo(t.sender.store.db, { ...input, workspaceId: WS }, out);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(Buffer.byteLength(text)).toBe(r.bytes);
  return { text, ...r };
}

const attemptsOf = (ds: DeliveryDetail[]) => ds.flatMap((d) => d.attempts.map((a) => ({ d, a })));

beforeAll(async () => {
  t = startTestEngine();
  receiver = new Receiver(t.sender.store, t.sender.bus, { log: quietLog() });
  const { url } = await receiver.listen({ port: 0 });
  receiver.inboxes.create({ name: 'Sink', slug: 'sink', scheme: 'standard', secrets: [SECRET] });
  const failing = await new ScriptedServer([
    { status: 500, headers: { 'x-why': 'boom' }, body: 'oh "no", broken\nline 2' },
    { status: 200, body: 'ok' },
  ]).start();
  const dropping = await new ScriptedServer([{ drop: true }]).start();
  servers.push(failing, dropping);
  t.sender.webhooks.create({
    name: 'to inbox',
    url: `${url}/in/sink?tag=a,b`,
    subscriptions: ['user.created'],
    secret: SECRET,
    headers: { 'X-Env': 'export-test' },
  });
  t.sender.webhooks.create({
    name: 'flaky',
    url: `${failing.url}/flaky`,
    subscriptions: ['order.created'],
    retryPolicy: { delays: [0.05], jitter: false },
  });
  t.sender.webhooks.create({
    name: 'gone',
    url: `${dropping.url}/gone`,
    subscriptions: ['user.deleted'],
    retryPolicy: { delays: [], jitter: false },
  });
  ids = {
    ok: (await t.sender.deliveries.fire({ type: 'user.created', data: { id: 'usr_42', note: TRICKY_NOTE } }))
      .deliveries[0]!.id,
    retried: (await t.sender.deliveries.fire({ type: 'order.created', data: { id: 'ord_7' } })).deliveries[0]!.id,
    dropped: (await t.sender.deliveries.fire({ type: 'user.deleted', data: { id: 'usr_9' } })).deliveries[0]!.id,
  };
  await eventually(() =>
    Object.values(ids).every((id) => ['success', 'failed'].includes(t.sender.deliveries.detail(id).status)),
  );
  await httpRequest(`${url}/in/sink/upload?kind=bin`, {
    method: 'PUT',
    body: Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]),
    headers: { 'content-type': 'application/octet-stream' },
  });
  await httpRequest(`${url}/in/sink/ping`, { method: 'GET' });
  await httpRequest(`${url}/not-an-inbox`, { body: '{"hello":"world"}' });
  await receiver.idle();
  deliveries = Object.values(ids).map((id) => t.sender.deliveries.detail(id));
  requests = receiver.requests.list({ limit: 100 }).map((s) => receiver.requests.get(s.id));
  // Plant plain-text markers straight into every secret column: an export must never read them.
  t.sender.store.db.prepare('UPDATE webhooks SET previous_secret = ?').run(PLANTED.previousSecret);
  t.sender.store.db.prepare('UPDATE webhooks SET secret = ? WHERE url LIKE ?').run(PLANTED.webhookSecret, '%/gone');
  t.sender.store.db.prepare('UPDATE inboxes SET secrets = ?').run(JSON.stringify([PLANTED.inboxSecret, SECRET]));
});
afterAll(async () => {
  await receiver?.close();
  await t?.cleanup();
  for (const s of servers) await s.stop();
});

describe('the recorded exchanges', () => {
  it('include a success, a failure retried into a success, a network error and received requests', () => {
    expect(deliveries.map((d) => [d.status, d.attempts.length])).toEqual([
      ['success', 1],
      ['success', 2],
      ['failed', 1],
    ]);
    expect(deliveries[2]!.attempts[0]!.response).toBeNull();
    expect(requests.length).toBe(4); // the delivery, the PUT, the GET, the unrouted POST
  });
});

describe('NDJSON', () => {
  it('has one object per attempt with the request sent, the response and the error', async () => {
    const { text, rows } = await exportText({ kind: 'deliveries', format: 'ndjson' });
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(rows).toBe(lines.length);
    const objects = lines.map((l) => JSON.parse(l));
    expect(objects).toHaveLength(attemptsOf(deliveries).length);
    for (const { d, a } of attemptsOf(deliveries)) {
      const o = objects.find((x) => x.deliveryId === d.id && x.attempt === a.number);
      expect(o).toEqual({
        kind: 'attempt',
        deliveryId: d.id,
        deliveryStatus: d.status,
        workspaceId: WS,
        webhookId: d.webhookId,
        eventType: d.eventType,
        eventId: d.eventId,
        attempt: a.number,
        trigger: a.trigger,
        scheduledAt: a.scheduledAt,
        startedAt: a.startedAt,
        finishedAt: a.finishedAt,
        durationMs: a.durationMs,
        request: { method: 'POST', url: a.request.url, headers: a.request.headers, body: d.body },
        response: a.response,
        error:
          a.errorClass === null && a.errorMessage === null ? null : { class: a.errorClass, message: a.errorMessage },
      });
    }
    const ok = objects.find((o) => o.deliveryId === ids.ok);
    expect(JSON.parse(ok.request.body).data.note).toBe(TRICKY_NOTE);
    expect(
      Object.entries(ok.request.headers as Record<string, string>).find(([k]) => k.toLowerCase() === 'x-env')?.[1],
    ).toBe('export-test');
    expect(ok.request.headers['webhook-signature']).toMatch(/^v1,/); // signatures are sent, so they are exported
    expect(objects.find((o) => o.deliveryId === ids.dropped)).toMatchObject({
      response: null,
      error: { class: expect.any(String), message: expect.any(String) },
    });
  });

  it('lists the newest delivery first, its attempts in order', async () => {
    const { text } = await exportText({ kind: 'deliveries', format: 'ndjson' });
    const order = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .map((o) => `${o.deliveryId}#${o.attempt}`);
    const newestFirst = [...deliveries].sort((x, y) => y.createdAt - x.createdAt || (x.id < y.id ? 1 : -1));
    expect(order).toEqual(newestFirst.flatMap((d) => d.attempts.map((a) => `${d.id}#${a.number}`)));
  });

  it('has one object per received request: headers in arrival order, the body as text or base64, the verdict', async () => {
    const { text } = await exportText({ kind: 'requests', format: 'ndjson' });
    const objects = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objects.map((o) => o.id)).toEqual(requests.map((r) => r.id));
    for (const r of requests) {
      const o = objects.find((x) => x.id === r.id);
      expect(o).toMatchObject({
        kind: 'request',
        inboxId: r.inboxId,
        inboxSlug: r.slug,
        method: r.method,
        path: r.path,
        query: r.query,
        receivedAt: r.receivedAt,
        headers: r.headers,
        response: { status: r.responseStatus, headers: r.responseHeaders, body: r.responseBody },
        valid: r.valid,
        reason: r.reason,
        verdict: r.verdict,
        duplicate: r.duplicate,
      });
      if (r.bodyText !== null)
        expect(o.body).toEqual({ encoding: 'utf8', text: r.bodyText, size: r.bodySize, truncated: false });
      else expect(o.body).toEqual({ encoding: 'base64', text: r.bodyBase64, size: r.bodySize, truncated: false });
    }
    const binary = objects.find((o) => o.method === 'PUT');
    expect(Buffer.from(binary.body.text, 'base64')).toEqual(Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]));
    expect(objects.find((o) => o.path === '/not-an-inbox')).toMatchObject({
      inboxId: null,
      inboxSlug: null,
      verdict: null,
    });
    expect(objects.find((o) => o.method === 'POST' && o.inboxSlug === 'sink')).toMatchObject({ valid: true });
  });
});

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold anything with quotes doubled. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`a bare line break outside quotes at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += c;
    }
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe('CSV', () => {
  it('is RFC 4180 with a header row and one row per attempt', async () => {
    const { text, rows } = await exportText({ kind: 'deliveries', format: 'csv' });
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...ATTEMPT_COLUMNS]);
    expect(records).toHaveLength(rows);
    expect(records.every((r) => r.length === ATTEMPT_COLUMNS.length)).toBe(true);
    const get = (r: string[], col: (typeof ATTEMPT_COLUMNS)[number]) => r[ATTEMPT_COLUMNS.indexOf(col)]!;
    for (const { d, a } of attemptsOf(deliveries)) {
      const r = records.find((x) => get(x, 'delivery_id') === d.id && get(x, 'attempt') === String(a.number))!;
      expect(Object.fromEntries(ATTEMPT_COLUMNS.map((c) => [c, get(r, c)]))).toEqual({
        started_at: new Date(a.startedAt).toISOString(),
        delivery_id: d.id,
        delivery_status: d.status,
        webhook_id: d.webhookId,
        event_type: d.eventType,
        event_id: d.eventId,
        attempt: String(a.number),
        trigger: a.trigger,
        scheduled_at: new Date(a.scheduledAt).toISOString(),
        finished_at: new Date(a.finishedAt!).toISOString(),
        duration_ms: String(a.durationMs),
        request_method: 'POST',
        request_url: a.request.url,
        request_headers: JSON.stringify(a.request.headers),
        request_body: d.body,
        response_status: a.response ? String(a.response.status) : '',
        response_headers: a.response ? JSON.stringify(a.response.headers) : '',
        response_body: a.response?.body ?? '',
        response_truncated: a.response ? String(a.response.truncated) : '',
        error_class: a.errorClass ?? '',
        error_message: a.errorMessage ?? '',
      });
    }
    // The failed attempt's response body holds a quote, a comma and a line break: quoted, quotes doubled.
    expect(text).toContain('"oh ""no"", broken\nline 2"');
  });

  it('has one row per received request, binary bodies in base64', async () => {
    const { text } = await exportText({ kind: 'requests', format: 'csv' });
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...REQUEST_COLUMNS]);
    const get = (r: string[], col: (typeof REQUEST_COLUMNS)[number]) => r[REQUEST_COLUMNS.indexOf(col)]!;
    expect(records.map((r) => get(r, 'id'))).toEqual(requests.map((r) => r.id));
    for (const req of requests) {
      const r = records.find((x) => get(x, 'id') === req.id)!;
      expect(get(r, 'received_at')).toBe(new Date(req.receivedAt).toISOString());
      expect(get(r, 'method')).toBe(req.method);
      expect(get(r, 'path')).toBe(req.path);
      expect(get(r, 'query')).toBe(req.query);
      expect(JSON.parse(get(r, 'headers'))).toEqual(req.headers);
      expect(get(r, 'body')).toBe(req.bodyText ?? req.bodyBase64);
      expect(get(r, 'body_encoding')).toBe(req.bodyText === null ? 'base64' : 'utf8');
      expect(get(r, 'response_status')).toBe(req.responseStatus === null ? '' : String(req.responseStatus));
      expect(get(r, 'valid')).toBe(req.valid === null ? '' : String(req.valid));
      expect(get(r, 'inbox_slug')).toBe(req.slug ?? '');
    }
  });
});

describe('HAR 1.2', () => {
  it.each(['deliveries', 'requests'] as const)('is a valid HAR 1.2 document for %s', async (kind) => {
    const { text, rows } = await exportText({ kind, format: 'har' });
    const har = JSON.parse(text);
    expect(validateHar(har)).toEqual([]);
    expect(har.log.creator).toEqual(HAR_CREATOR);
    expect(har.log.entries).toHaveLength(rows);
  });

  it('has an entry per attempt: request sent, response, timings and the delivery in _ fields', async () => {
    const har = JSON.parse((await exportText({ kind: 'deliveries', format: 'har' })).text);
    for (const { d, a } of attemptsOf(deliveries)) {
      const e = har.log.entries.find(
        (x: { _deliveryId: string; _attempt: number }) => x._deliveryId === d.id && x._attempt === a.number,
      );
      expect(e.startedDateTime).toBe(new Date(a.startedAt).toISOString());
      expect(e.time).toBe(a.durationMs);
      expect(e.timings).toEqual({ send: 0, wait: a.durationMs, receive: 0 });
      expect(e.request).toMatchObject({
        method: 'POST',
        url: a.request.url,
        httpVersion: 'HTTP/1.1',
        postData: { mimeType: 'application/json', text: d.body },
        bodySize: Buffer.byteLength(d.body),
      });
      expect(e.request.headers).toEqual(Object.entries(a.request.headers).map(([name, value]) => ({ name, value })));
      expect(e).toMatchObject({
        _deliveryStatus: d.status,
        _webhookId: d.webhookId,
        _eventType: d.eventType,
        _eventId: d.eventId,
        _errorClass: a.errorClass,
      });
      if (a.response) {
        expect(e.response).toMatchObject({
          status: a.response.status,
          content: { text: a.response.body, size: Buffer.byteLength(a.response.body) },
        });
      }
    }
    const ok = har.log.entries.find((e: { _deliveryId: string }) => e._deliveryId === ids.ok);
    expect(ok.request.queryString).toEqual([{ name: 'tag', value: 'a,b' }]);
    const failed = har.log.entries.find(
      (e: { _deliveryId: string; _attempt: number }) => e._deliveryId === ids.retried && e._attempt === 1,
    );
    expect(failed.response).toMatchObject({
      status: 500,
      statusText: 'Internal Server Error',
      httpVersion: 'HTTP/1.1',
    });
    expect(failed.response.headers).toContainEqual({ name: 'x-why', value: 'boom' });
    const dropped = har.log.entries.find((e: { _deliveryId: string }) => e._deliveryId === ids.dropped);
    const cause = deliveries[2]!.attempts[0]!;
    expect(dropped.response).toMatchObject({ status: 0, statusText: cause.errorMessage, content: { size: 0 } });
    expect(dropped._errorClass).toBe(cause.errorClass);
  });

  it('has an entry per received request, with the verdict; binary bodies in base64', async () => {
    const har = JSON.parse((await exportText({ kind: 'requests', format: 'har' })).text);
    for (const r of requests) {
      const e = har.log.entries.find((x: { _requestId: string }) => x._requestId === r.id);
      expect(e.startedDateTime).toBe(new Date(r.receivedAt).toISOString());
      expect(e.request.method).toBe(r.method);
      expect(new URL(e.request.url).pathname).toBe(r.path);
      expect(e.request.headers).toEqual(r.headers.map(([name, value]) => ({ name, value })));
      expect(e.response.status).toBe(r.responseStatus ?? 0);
      expect(e).toMatchObject({
        _inboxId: r.inboxId,
        _inboxSlug: r.slug,
        _valid: r.valid,
        _reason: r.reason,
        _verdict: r.verdict,
      });
    }
    const put = har.log.entries.find((e: { request: { method: string } }) => e.request.method === 'PUT');
    expect(put.request.postData).toMatchObject({ mimeType: 'application/octet-stream', _encoding: 'base64' });
    expect(Buffer.from(put.request.postData.text, 'base64')).toEqual(Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]));
    expect(put.request.queryString).toEqual([{ name: 'kind', value: 'bin' }]);
    const get = har.log.entries.find((e: { request: { method: string } }) => e.request.method === 'GET');
    expect(get.request.postData).toBeUndefined();
  });
});

describe('secrets', () => {
  it('are in no export of any kind or format', async () => {
    const forbidden = [SECRET, SECRET.slice('whsec_'.length), ...Object.values(PLANTED)];
    for (const kind of ['deliveries', 'requests'] as const) {
      for (const format of ['ndjson', 'csv', 'har'] as const) {
        const { text, rows } = await exportText({ kind, format });
        expect(rows).toBeGreaterThan(0);
        for (const secret of forbidden) expect(text.includes(secret), `${kind} ${format} holds ${secret}`).toBe(false);
      }
    }
  });
});

describe('filters', () => {
  it('export what the list shows', async () => {
    const failed = (await exportText({ kind: 'deliveries', format: 'ndjson', filters: { status: ['failed'] } })).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(failed.map((o) => o.deliveryId)).toEqual([ids.dropped]);
    const byText = (await exportText({ kind: 'deliveries', format: 'ndjson', filters: { q: 'ord_7' } })).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(byText.map((o) => `${o.deliveryId}#${o.attempt}`)).toEqual([`${ids.retried}#1`, `${ids.retried}#2`]);
    const unrouted = (await exportText({ kind: 'requests', format: 'ndjson', filters: { inboxId: 'unrouted' } })).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(unrouted.map((o) => o.path)).toEqual(['/not-an-inbox']);
    const none = await exportText({ kind: 'deliveries', format: 'har', filters: { q: 'nothing-like-this' } });
    expect(none.rows).toBe(0);
    expect(validateHar(JSON.parse(none.text))).toEqual([]);
    expect(JSON.parse(none.text).log.entries).toEqual([]);
  });
});

describe('to a file', () => {
  it('writes the whole export, reports rows and bytes, and leaves no partial file', async () => {
    const path = join(t.dir, 'out.har');
    const progress: number[] = [];
    const r = await exportToFile(
      t.sender.store.db,
      { kind: 'deliveries', format: 'har', path, workspaceId: WS },
      (rows) => progress.push(rows),
    );
    expect(r).toEqual({ path, rows: attemptsOf(deliveries).length, bytes: readFileSync(path).length });
    expect(validateHar(JSON.parse(readFileSync(path, 'utf8')))).toEqual([]);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(progress.at(-1)).toBe(r.rows);
  });

  it.each<[string, unknown, string]>([
    ['an unknown format', { kind: 'deliveries', format: 'xml' }, 'format'],
    ['an unknown kind', { kind: 'webhooks', format: 'csv' }, 'kind'],
    ['a bad filter', { kind: 'deliveries', format: 'csv', filters: { status: ['lost'] } }, 'filters.status.0'],
  ])('refuses %s with a validation error and writes no file', async (_name, input, field) => {
    const path = join(t.dir, `bad-${field}.out`);
    await expect(
      exportToFile(t.sender.store.db, { ...(input as object), path, workspaceId: WS } as never),
    ).rejects.toMatchObject({ code: 'validation' });
    await expect(
      exportToFile(t.sender.store.db, { ...(input as object), path, workspaceId: WS } as never),
    ).rejects.toSatisfy(
      (e: { field?: string; issues?: { field: string }[] }) =>
        e.field === field || (e.issues ?? []).some((i) => i.field === field),
    );
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('refuses a folder that does not exist', async () => {
    const path = join(t.dir, 'no-such-folder', 'out.csv');
    await expect(
      exportToFile(t.sender.store.db, { kind: 'deliveries', format: 'csv', path, workspaceId: WS }),
    ).rejects.toMatchObject({ code: 'validation', field: 'path' });
    expect(existsSync(path)).toBe(false);
  });

  it('leaves the file already under that name untouched when an export fails midway', async () => {
    const path = join(t.dir, 'keep.ndjson');
    writeFileSync(path, 'the previous export\n');
    const boom = new Error('stopped by the user');
    await expect(
      exportToFile(t.sender.store.db, { kind: 'deliveries', format: 'ndjson', path, workspaceId: WS }, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(readFileSync(path, 'utf8')).toBe('the previous export\n');
    expect(existsSync(`${path}.partial`)).toBe(false);
  });
});

describe('streaming', () => {
  it('waits for drain whenever the output asks, and fails when the output fails', async () => {
    let pending = 0;
    let overran = false;
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk, _enc, done) {
        chunks.push(chunk);
        pending++;
        setTimeout(() => {
          pending--;
          done();
        }, 1);
      },
    });
    const write = slow.write.bind(slow);
    slow.write = ((chunk: Buffer, ...rest: never[]) => {
      if (slow.writableNeedDrain) overran = true;
      return write(chunk, ...rest);
    }) as typeof slow.write;
    const r = await exportTo(t.sender.store.db, { kind: 'requests', format: 'har', workspaceId: WS }, slow);
    expect(overran).toBe(false);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(pending).toBe(0);
    expect(validateHar(JSON.parse(Buffer.concat(chunks).toString('utf8')))).toEqual([]);
    expect(r.bytes).toBe(Buffer.concat(chunks).length);

    const broken = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk full'));
      },
    });
    await expect(
      exportTo(t.sender.store.db, { kind: 'deliveries', format: 'ndjson', workspaceId: WS }, broken),
    ).rejects.toThrow('disk full');
  });
});

describe.each<[Format]>([['ndjson'], ['har']])('memory at volume (%s)', (format) => {
  it('exports ~190 MiB through a process limited to a 64 MiB heap', async () => {
    const { tempDir } = await import('../support/tmp');
    const tmp = tempDir();
    try {
      const child = spawnSync(
        process.execPath,
        [
          '--max-old-space-size=64',
          '--import',
          'tsx',
          fileURLToPath(new URL('./exportVolumeChild.ts', import.meta.url)),
          join(tmp.dir, 'volume.db'),
          format,
          '20000',
          '8192',
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(child.status, child.stderr).toBe(0);
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!);
      expect(r.heapLimitMb).toBeLessThan(128); // old space 64 MiB + young generation: still far below what it writes
      expect(r.rows).toBe(r.attempts);
      expect(r.rows).toBeGreaterThan(19_000);
      expect(r.written).toBe(r.bytes);
      expect(r.bytes).toBeGreaterThan(150 * 2 ** 20);
    } finally {
      tmp.cleanup();
    }
  }, 150_000);
});
