import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox, ReceivedRequest } from '../../src-main/api/receiverTypes';
import { searchRequests, UNROUTED, type RequestSearch } from '../../src-main/engine/logs/requestSearch';
import { getScheme } from '../../src-main/engine/signing/registry';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { openReceiver, type ReceiverHarness } from '../support/receiverClient';
import { textMatches } from './logsFixture';

const WS = DEFAULT_WORKSPACE_ID;
const SECRET = 'whsec_bG9nc3JlcXVlc3RzdGVzdHNlY3JldDEyMzQ1Ng==';

let h: ReceiverHarness;
let signed: Inbox;
let open: Inbox;
let stored: ReceivedRequest[];

const search = (q: Omit<RequestSearch, 'workspaceId'>) => searchRequests(h.store.db, { ...q, workspaceId: WS });
const ids = (q: Omit<RequestSearch, 'workspaceId'>) => search({ limit: 500, ...q }).items.map((r) => r.id);

function sign(body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...getScheme('standard').sign({
      id: `msg_${body.length}_${Math.random()}`,
      timestamp: Math.floor(Date.now() / 1000),
      eventType: 'x.y',
      body: Buffer.from(body),
      secrets: [SECRET],
    }),
  };
}

/** Text the index holds for a request: its path and query, and its body when it is text. */
function texts(r: ReceivedRequest): string[] {
  const body = r.bodyText !== null && !r.bodyText.includes('\u0000') ? r.bodyText : '';
  return [r.path + (r.query ? `?${r.query}` : ''), body];
}

/** What a query should return, newest first, the slow obvious way. */
function expected(q: Omit<RequestSearch, 'workspaceId' | 'limit'>): string[] {
  return (
    stored
      .filter((r) => q.inboxId === undefined || (q.inboxId === UNROUTED ? r.inboxId === null : r.inboxId === q.inboxId))
      .filter((r) => q.valid === undefined || r.valid === q.valid)
      .filter((r) => q.method === undefined || r.method === q.method.toUpperCase())
      .filter((r) => {
        const h = q.httpStatus;
        if (h === undefined) return true;
        if (h === 0) return r.responseStatus === null;
        if (typeof h === 'number') return r.responseStatus === h;
        return r.responseStatus !== null && Math.floor(r.responseStatus / 100) === Number(h[0]);
      })
      .filter((r) => q.from === undefined || r.receivedAt >= q.from)
      .filter((r) => q.to === undefined || r.receivedAt < q.to)
      // (One word per query here: it may match in the path or in the body.)
      .filter((r) => q.q === undefined || texts(r).some((t) => textMatches(t, q.q!)))
      .sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : -1))
      .map((r) => r.id)
  );
}

async function refresh(): Promise<void> {
  await h.receiver.idle();
  stored = h.receiver.requests.list({ limit: 1000 }).map((s) => h.receiver.requests.get(s.id));
}

beforeAll(async () => {
  h = await openReceiver();
  signed = h.receiver.inboxes.create({ name: 'Signed', slug: 'signed', scheme: 'standard', secrets: [SECRET] });
  open = h.receiver.inboxes.create({
    name: 'Open',
    slug: 'open',
    scheme: 'none',
    responseRule: { status: 500, body: 'nope' },
  });
  const words = ['kiwi', 'mango', 'papaya', 'lychee'];
  for (let i = 0; i < 24; i++) {
    const body = JSON.stringify({
      id: `evt_${i}`,
      type: 'order.created',
      data: { order: `ord_${i}`, fruit: words[i % 4], email: `buyer${i % 3}@shop.example` },
    });
    await h.send('/in/signed', {
      body,
      headers:
        i % 5 === 0
          ? {
              'content-type': 'application/json',
              'webhook-id': 'x',
              'webhook-timestamp': '1',
              'webhook-signature': 'v1,bad',
            }
          : sign(body),
    });
  }
  await h.send('/in/open/hooks?source=papaya&attempt=2', { method: 'GET' });
  await h.send('/in/open/upload', {
    method: 'PUT',
    body: Buffer.from([0, 1, 2, 0xff, 0xfe, 0x6b, 0x69, 0x77, 0x69]),
    headers: { 'content-type': 'application/octet-stream' },
  });
  await h.send('/in/open', { body: 'plain text about durian' });
  await h.send('/elsewhere/banana', { body: '{"fruit":"grape"}' });
  await h.send('/in/nobody-here', { body: '{"fruit":"grape"}' });
  await refresh();
});
afterAll(async () => {
  await h?.close();
});

describe('searching received requests', () => {
  it('lists the workspace newest first', () => {
    expect(ids({})).toEqual(expected({}));
    expect(stored).toHaveLength(29);
  });

  it.each<
    [string, Omit<RequestSearch, 'workspaceId' | 'limit' | 'inboxId'> & { inbox?: 'signed' | 'open' | typeof UNROUTED }]
  >([
    ['an inbox', { inbox: 'signed' }],
    ['unrouted requests', { inbox: UNROUTED }],
    ['valid signatures', { valid: true }],
    ['invalid signatures', { valid: false }],
    ['a method', { method: 'put' }],
    ['an exact HTTP status', { httpStatus: 500 }],
    ['an HTTP status class', { httpStatus: '4xx' }],
    ['a word in the body', { q: 'mango' }],
    ['an id in the body', { q: 'ord_7' }],
    ['an e-mail address', { q: 'buyer2@shop.example' }],
    ['a word in the query string', { q: 'papaya' }],
    ['a word in the path', { q: 'banana' }],
    ['a prefix of the last word', { q: 'lyc' }],
    ['plain text', { q: 'durian' }],
    ['inbox + validity + text', { inbox: 'signed', valid: true, q: 'kiwi' }],
    ['status + method', { httpStatus: '5xx', method: 'GET' }],
  ])('filters by %s', (_name, { inbox, ...rest }) => {
    const q = {
      ...rest,
      inboxId:
        inbox === undefined ? undefined : inbox === UNROUTED ? UNROUTED : inbox === 'signed' ? signed.id : open.id,
    };
    const want = expected(q);
    expect(want.length).toBeGreaterThan(0);
    expect(ids(q)).toEqual(want);
  });

  it('filters by a time range (from inclusive, to exclusive)', () => {
    const from = stored[20]!.receivedAt;
    const to = stored[5]!.receivedAt;
    expect(ids({ from, to })).toEqual(expected({ from, to }));
  });

  it('does not index binary bodies, and does not find what is not there', () => {
    expect(ids({ q: 'kiwi' }).some((id) => stored.find((r) => r.id === id)!.method === 'PUT')).toBe(false);
    expect(ids({ q: 'rambutan' })).toEqual([]);
    expect(ids({ httpStatus: 0 })).toEqual([]);
  });

  it('returns the summary shape the receiver lists', () => {
    const [first] = search({ limit: 1 }).items;
    expect(first).toEqual(h.receiver.requests.list({ limit: 1 })[0]);
    expect(first!.slug === null || typeof first!.slug === 'string').toBe(true);
  });

  it('pages through every request exactly once, stable while new ones arrive', async () => {
    const before = expected({});
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const p = search({ limit: 4, cursor });
      seen.push(...p.items.map((r) => r.id));
      if (p.nextCursor === null) break;
      cursor = p.nextCursor;
      if (page < 3) await h.send('/in/open', { body: `late arrival ${page}` });
    }
    expect(seen).toEqual(before);
    await refresh();
    expect(ids({ q: 'arrival' })).toHaveLength(3);
  });
});
