/**
 * A bare webhook receiver, run in a child process by receiverProcess.ts: node:http on
 * 127.0.0.1 (ephemeral port), keep-alive, reads each POST body and answers 200 `ok`.
 *
 * IPC from the parent:
 *   { type: 'mode', id, failOnce }  failOnce: the first request per `webhook-id` gets 500, later ones 200
 *                                   (also resets the seen ids and the counters); answered { type: 'ack', id, stats }
 *   { type: 'stats', id }           answered { type: 'ack', id, stats }
 * Sends { type: 'ready', port } once listening. Exits when the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceiverStats {
  requests: number;
  failed: number;
  bytes: number;
  maxRssMb: number;
}
export type ReceiverMessage = { type: 'mode'; id: number; failOnce: boolean } | { type: 'stats'; id: number };
export type ReceiverReply = { type: 'ready'; port: number } | { type: 'ack'; id: number; stats: ReceiverStats };

const OK = Buffer.from('ok');
const FAIL = Buffer.from('try again');

let failOnce = false;
let seen = new Set<string>();
const stats = { requests: 0, failed: 0, bytes: 0 };

const server = createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  req.on('end', () => {
    stats.requests++;
    stats.bytes += bytes;
    let fail = req.method !== 'POST';
    if (!fail && failOnce) {
      const id = req.headers['webhook-id'];
      if (typeof id === 'string' && !seen.has(id)) {
        seen.add(id);
        fail = true;
      }
    }
    if (fail) stats.failed++;
    const body = fail ? FAIL : OK;
    res.writeHead(fail ? 500 : 200, { 'content-type': 'text/plain', 'content-length': body.length });
    res.end(body);
  });
});
// Keep idle connections open across the bench's phases (the default is 5 s).
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;

const reply = (m: ReceiverReply) => process.send?.(m);
const snapshot = (): ReceiverStats => ({ ...stats, maxRssMb: process.resourceUsage().maxRSS / 1024 });

process.on('message', (m: ReceiverMessage) => {
  if (m.type === 'mode') {
    failOnce = m.failOnce;
    seen = new Set();
    const before = snapshot();
    stats.requests = 0;
    stats.failed = 0;
    stats.bytes = 0;
    reply({ type: 'ack', id: m.id, stats: before });
  } else if (m.type === 'stats') {
    reply({ type: 'ack', id: m.id, stats: snapshot() });
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  reply({ type: 'ready', port: (server.address() as AddressInfo).port });
});
