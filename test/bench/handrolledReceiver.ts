/**
 * The receiver a Node developer would write by hand, run in a child process as a baseline for
 * the `receiver` bench section: node:http, the Standard Webhooks signature checked with
 * node:crypto, and one prepared better-sqlite3 INSERT per request, committed before the answer
 * (WAL, synchronous = NORMAL — the same durability as Hookbench's store: it survives the process
 * being killed). Only ever listens on 127.0.0.1.
 *
 * argv[2]: JSON { dbFile, secret }. Speaks bareReceiver.ts's IPC ({ type: 'ready', port } once
 * listening; { type: 'stats', id } answered { type: 'ack', id, stats }); exits on disconnect.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import type { ReceiverMessage, ReceiverReply } from './bareReceiver';

const { dbFile, secret } = JSON.parse(process.argv[2] ?? '{}') as { dbFile: string; secret: string };
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS webhook_requests (
  id INTEGER PRIMARY KEY, message_id TEXT, received_at INTEGER NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL, valid INTEGER NOT NULL)`);
const insert = db.prepare(
  'INSERT INTO webhook_requests (message_id, received_at, headers, body, valid) VALUES (?, ?, ?, ?, ?)',
);
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');

function verify(headers: Record<string, string | string[] | undefined>, body: Buffer): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64'));
  return signatures.split(' ').some((s) => {
    const sig = Buffer.from(s.slice(s.indexOf(',') + 1));
    return sig.length === expected.length && timingSafeEqual(sig, expected);
  });
}

let requests = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const valid = verify(req.headers, body);
    insert.run(req.headers['webhook-id'] ?? null, Date.now(), JSON.stringify(req.headers), body, valid ? 1 : 0);
    requests++;
    res.writeHead(valid ? 200 : 401, { 'content-type': 'application/json' });
    res.end(valid ? '{"ok":true}' : '{"error":"invalid signature"}');
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;

const reply = (m: ReceiverReply) => process.send?.(m);
process.on('message', (m: ReceiverMessage) => {
  if (m.type === 'stats')
    reply({
      type: 'ack',
      id: m.id,
      stats: { requests, failed: 0, bytes: 0, maxRssMb: process.resourceUsage().maxRSS / 1024 },
    });
});
process.on('disconnect', () => {
  db.close();
  process.exit(0);
});
server.listen(0, '127.0.0.1', () => reply({ type: 'ready', port: (server.address() as AddressInfo).port }));
