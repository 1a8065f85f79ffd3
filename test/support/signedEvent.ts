/** A JSON event request signed by the project's signers, and posting it over real HTTP. */
import { request } from 'undici';
import type { SchemeName } from '../../src-main/api/schemes';
import { getScheme } from '../../src-main/engine/signing/registry';

export interface SignedEvent {
  body: string;
  headers: Record<string, string>;
}

let seq = 0;

/** `{ id, type, data }` as the body, with the scheme's signature headers for `secret` and a fresh message id. */
export function signedEvent(scheme: SchemeName, secret: string, type: string, data: unknown = {}): SignedEvent {
  const body = JSON.stringify({ id: `evt_${++seq}`, type, data });
  const headers = getScheme(scheme).sign({
    id: `msg_${seq}_${Math.random().toString(36).slice(2)}`,
    timestamp: Math.floor(Date.now() / 1000),
    eventType: type,
    body: Buffer.from(body),
    secrets: [secret],
  });
  return { body, headers: { 'content-type': 'application/json', ...headers } };
}

/** POSTs the event; resolves with the status once the answer has been read. */
export async function postEvent(url: string, e: SignedEvent): Promise<number> {
  const res = await request(url, { method: 'POST', body: e.body, headers: e.headers });
  await res.body.text();
  return res.statusCode;
}
