/** Replay with edits, end to end: a real workbench (SQLite in a temp dir), its receiver, and real HTTP targets. */
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationInput } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { ReceivedRequest } from '../../src-main/api/receiverTypes';
import { getScheme } from '../../src-main/engine/signing/registry';
import { Workbench } from '../../src-main/engine/workbench';
import { httpRequest, pairsOf, TargetServer } from '../support/receiverClient';
import { tempDir } from '../support/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function workbench(): Promise<Workbench> {
  const tmp = tempDir();
  const wb = await Workbench.open({ dataDir: tmp.dir, receiver: { port: 0 } });
  cleanups.push(
    () => tmp.cleanup(),
    () => wb.close(),
  );
  return wb;
}

async function target(): Promise<TargetServer> {
  const t = await new TargetServer({ status: 204 }).start();
  cleanups.push(() => t.stop());
  return t;
}

/** The newest request an inbox stored. */
async function latestIn(wb: Workbench, inboxId: string): Promise<ReceivedRequest> {
  await wb.receiver.idle();
  const page = await dispatch(wb, 'requests.list', { inboxId, limit: 1 });
  return dispatch(wb, 'requests.get', { id: page.items[0]!.id });
}

const replay = (wb: Workbench, input: OperationInput<'requests.replayEdited'>) =>
  dispatch(wb, 'requests.replayEdited', input);

/**
 * Inbox A (secret s1) and inbox B (secret s2, both Standard Webhooks); a webhook signed with s1
 * has delivered one test event to A, so there is both a received request and an attempt.
 */
async function twoInboxes(webhookExtra: Partial<OperationInput<'webhooks.create'>> = {}) {
  const wb = await workbench();
  const a = await dispatch(wb, 'inboxes.create', { name: 'A', scheme: 'standard' });
  const b = await dispatch(wb, 'inboxes.create', { name: 'B', scheme: 'standard' });
  const webhook = await dispatch(wb, 'webhooks.create', {
    name: 'to A',
    url: a.url!,
    subscriptions: ['*'],
    scheme: 'standard',
    secret: a.secrets[0],
    ...webhookExtra,
  });
  const delivery = await dispatch(wb, 'webhooks.test', { id: webhook.id });
  expect(delivery.status).toBe('success');
  const original = await latestIn(wb, a.id);
  expect(original.verdict?.valid).toBe(true);
  return { wb, a, b, webhook, delivery, original };
}

describe('replay with edits', () => {
  it('re-signs an edited request with another secret, and the inbox holding that secret verifies it valid', async () => {
    const { wb, b, original } = await twoInboxes();
    const editedBody = JSON.stringify({ ...JSON.parse(original.bodyText!), edited: true });
    const headers = original.headers.filter(
      ([n]) => !['host', 'content-length', 'connection'].includes(n.toLowerCase()),
    );
    const result = await replay(wb, {
      source: { kind: 'request', id: original.id },
      url: b.url!,
      headers: [...headers, ['X-Replayed', 'yes']],
      body: editedBody,
      signing: { mode: 'resign', scheme: 'standard', secret: b.secrets[0]! },
    });
    expect(result.response).toMatchObject({ status: 200, error: null });
    expect(result.signing).toMatchObject({
      mode: 'resign',
      scheme: 'standard',
      headers: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
    });

    const arrived = await latestIn(wb, b.id);
    expect(arrived.verdict).toMatchObject({ valid: true, scheme: 'standard', secretIndex: 0 });
    expect(arrived.bodyText).toBe(editedBody);
    expect(arrived.duplicate).toBe(false);
    expect(result.arrivedRequestId).toBe(arrived.id);
    // The old signature headers were replaced in place, once each, with a fresh id and timestamp.
    const hop = (n: string) => ['host', 'content-length', 'connection'].includes(n.toLowerCase());
    const kept = arrived.headers.filter(([n]) => !hop(n));
    const names = kept.map(([n]) => n.toLowerCase());
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      expect(names.filter((n) => n === name)).toHaveLength(1);
      expect(names.indexOf(name)).toBe(headers.findIndex(([n]) => n.toLowerCase() === name));
    }
    const idOf = (r: { headers: [string, string][] }) => r.headers.find(([n]) => n.toLowerCase() === 'webhook-id')![1];
    expect(idOf(arrived)).toBe(result.signing.mode === 'resign' ? result.signing.id : '');
    expect(idOf(arrived)).not.toBe(idOf(original));
    expect(kept.at(-1)).toEqual(['X-Replayed', 'yes']);
    // The result shows the request exactly as it went out.
    expect(result.request.bodyText).toBe(editedBody);
    expect(result.request.headers).toEqual(kept);
  });

  it('two identical replays at once each get their own arrived request; a value with edge spaces still matches', async () => {
    const { wb, a, original } = await twoInboxes();
    const same = {
      source: { kind: 'request' as const, id: original.id },
      url: a.url!,
      signing: { mode: 'keep' as const },
    };
    const [one, two] = await Promise.all([replay(wb, same), replay(wb, same)]);
    expect(one.arrivedRequestId).not.toBeNull();
    expect(two.arrivedRequestId).not.toBeNull();
    expect(one.arrivedRequestId).not.toBe(two.arrivedRequestId);
    const headers = original.headers.filter(
      ([n]) => !['host', 'content-length', 'connection'].includes(n.toLowerCase()),
    );
    const spaced = await replay(wb, { ...same, headers: [...headers, ['X-Note', 'padded ']] });
    expect(spaced.arrivedRequestId).not.toBeNull();
  });

  it("re-signing a request that came with Svix's header names replaces them: no stale svix-id or svix-timestamp", async () => {
    const { wb, a, b } = await twoInboxes();
    const body = '{"type":"user.created"}';
    const signedHeaders = getScheme('standard').sign({
      id: 'msg_svix',
      timestamp: Math.floor(Date.now() / 1000),
      eventType: 'user.created',
      body: Buffer.from(body),
      secrets: [a.secrets[0]!],
    });
    const svixNamed = Object.entries(signedHeaders).map(
      ([n, v]) => [n.replace(/^webhook-/, 'svix-'), v] as [string, string],
    );
    await httpRequest(a.url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...Object.fromEntries(svixNamed) },
      body,
    });
    const original = await latestIn(wb, a.id);
    expect(original.verdict?.valid).toBe(true);
    const result = await replay(wb, {
      source: { kind: 'request', id: original.id },
      url: b.url!,
      signing: { mode: 'resign', scheme: 'standard', secret: b.secrets[0]! },
    });
    const names = result.request.headers.map(([n]) => n.toLowerCase());
    expect(names.filter((n) => n.startsWith('svix-'))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']));
    expect((await latestIn(wb, b.id)).verdict?.valid).toBe(true);
  });

  it('keeps the original signature when asked, so an edited body arrives invalid (bad_signature)', async () => {
    const { wb, a, original } = await twoInboxes();
    const result = await replay(wb, {
      source: { kind: 'request', id: original.id },
      url: a.url!,
      body: original.bodyText!.replace('{', '{ '),
      signing: { mode: 'keep' },
    });
    expect(result.response.status).toBe(200);
    const arrived = await latestIn(wb, a.id);
    expect(arrived.id).not.toBe(original.id);
    expect(arrived.verdict).toMatchObject({ valid: false, reason: 'bad_signature' });
    const sig = (r: ReceivedRequest) => r.headers.find(([n]) => n === 'webhook-signature')?.[1];
    expect(sig(arrived)).toBe(sig(original));
  });

  it('sends the edited method, headers (order and repeats kept, removed ones gone) and body bytes', async () => {
    const { wb, original } = await twoInboxes();
    const t = await target();
    const bytes = Buffer.from([0, 255, 1, 254, 10, 13]);
    const result = await replay(wb, {
      source: { kind: 'request', id: original.id },
      url: `${t.url}/hook?x=1`,
      method: 'PURGE',
      headers: [
        ['X-B', '2'],
        ['x-a', '1'],
        ['X-A', '3'],
        ['Content-Type', 'application/octet-stream'],
      ],
      body: bytes.toString('base64'),
      bodyEncoding: 'base64',
    });
    expect(result.response).toMatchObject({ status: 204, error: null });
    expect(t.calls).toHaveLength(1);
    const call = t.calls[0]!;
    expect(call.method).toBe('PURGE');
    expect(call.url).toBe('/hook?x=1');
    expect(call.body.equals(bytes)).toBe(true);
    const sent = pairsOf(call.rawHeaders).filter(
      ([n]) => !['host', 'connection', 'content-length'].includes(n.toLowerCase()),
    );
    expect(sent).toEqual([
      ['X-B', '2'],
      ['x-a', '1'],
      ['X-A', '3'],
      ['Content-Type', 'application/octet-stream'],
    ]);
    expect(result.request).toMatchObject({
      method: 'PURGE',
      url: `${t.url}/hook?x=1`,
      bodyBase64: bytes.toString('base64'),
      bodyText: null,
    });
    expect(result.arrivedRequestId).toBeNull(); // not one of this receiver's inboxes
  });

  it('refuses bad edits with the field named, and sends nothing', async () => {
    const { wb, original } = await twoInboxes();
    const t = await target();
    const source = { kind: 'request', id: original.id } as const;
    const cases: [OperationInput<'requests.replayEdited'>, string][] = [
      [{ source, url: t.url, method: 'PO ST' }, 'method'],
      [{ source, url: t.url, method: 'CONNECT' }, 'method'],
      [{ source, url: 'ftp://example.com/hook' }, 'url'],
      [
        {
          source,
          url: t.url,
          headers: [
            ['X-Ok', '1'],
            ['Host', 'elsewhere'],
          ],
        },
        'headers.1',
      ],
      [{ source, url: t.url, headers: [['X-Bad', 'line\r\nInjected: 1']] }, 'headers.0'],
      [{ source, url: t.url, headers: [['Bad Name', 'x']] }, 'headers.0'],
      [{ source, url: t.url, body: 'not base64!', bodyEncoding: 'base64' }, 'body'],
      [
        { source, url: t.url, signing: { mode: 'resign', scheme: 'standard', secret: 'not-a-whsec-secret' } },
        'signing.secret',
      ],
      [
        { source, url: t.url, signing: { mode: 'resign', scheme: 'rot13' as 'standard', secret: 'x' } },
        'signing.scheme',
      ],
    ];
    for (const [input, field] of cases) {
      await expect(replay(wb, input), field).rejects.toMatchObject({ code: 'validation', field });
    }
    await expect(replay(wb, { source: { kind: 'request', id: 'req_missing' }, url: t.url })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(t.calls).toHaveLength(0);
  });

  it('replays a delivery attempt: a credential recorded as [redacted] must be typed again, then arrives as typed', async () => {
    const { wb, b, delivery } = await twoInboxes({ headers: { Authorization: 'Bearer real-token', 'X-Team': 'blue' } });
    const attempt = delivery.attempts[0]!;
    expect(attempt.request.headers.authorization ?? attempt.request.headers.Authorization).toBe('[redacted]');
    const source = { kind: 'attempt', deliveryId: delivery.id, attempt: attempt.number } as const;

    // As recorded, the attempt carries the mask, not the token: refused, nothing sent.
    const t = await target();
    const refused = await replay(wb, { source, url: t.url }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'validation', message: expect.stringMatching(/\[redacted\]/) });
    expect((refused as { field: string }).field).toMatch(/^headers\.\d+$/);
    expect(t.calls).toHaveLength(0);
    await expect(replay(wb, { source: { ...source, attempt: 9 }, url: t.url })).rejects.toMatchObject({
      code: 'not_found',
      field: 'source.attempt',
    });

    // With the token typed in and re-signed for inbox B: valid there, token as typed, body = the event.
    const headers = Object.entries(attempt.request.headers).map(([n, v]): [string, string] => [
      n,
      n.toLowerCase() === 'authorization' ? 'Bearer typed-again' : v,
    ]);
    const result = await replay(wb, {
      source,
      url: b.url!,
      headers,
      signing: { mode: 'resign', scheme: 'standard', secret: b.secrets[0]! },
    });
    expect(result.source).toEqual(source);
    expect(result.response.status).toBe(200);
    const arrived = await latestIn(wb, b.id);
    expect(arrived.verdict?.valid).toBe(true);
    expect(arrived.bodyText).toBe(delivery.body);
    expect(arrived.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]).toBe('Bearer typed-again');
    expect(arrived.headers.find(([n]) => n.toLowerCase() === 'x-team')?.[1]).toBe('blue');
  });

  it('re-signs with a scheme that names the event in a header, keeping the edited event header', async () => {
    const { wb, original } = await twoInboxes();
    const github = await dispatch(wb, 'inboxes.create', { name: 'gh', scheme: 'github', secrets: ['gh-secret'] });
    const result = await replay(wb, {
      source: { kind: 'request', id: original.id },
      url: github.url!,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-GitHub-Event', 'push'],
      ],
      signing: { mode: 'resign', scheme: 'github', secret: 'gh-secret' },
    });
    expect(result.signing).toMatchObject({ mode: 'resign', eventType: 'push' });
    const arrived = await latestIn(wb, github.id);
    expect(arrived.verdict).toMatchObject({ valid: true, scheme: 'github' });
    expect(arrived.headers.filter(([n]) => n.toLowerCase() === 'x-github-event')).toEqual([['X-GitHub-Event', 'push']]);
    expect(
      getScheme('github').verify({
        headers: Object.fromEntries(result.request.headers),
        body: Buffer.from(result.request.bodyBase64, 'base64'),
        secrets: ['gh-secret'],
      }).valid,
    ).toBe(true);
  });
});
