/**
 * Databases from before secrets were sealed: opening one seals every plain webhook and inbox
 * secret in one transaction, the file no longer holds them, and delivery and verification work
 * exactly as before.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { rawBytes } from '../support/rawBytes';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { openSender, type Sender } from '../../src-main/engine/sender';
import { KEY_FILE_NAME, keyFileBox } from '../../src-main/engine/secrets/keyFileBox';
import { readingAlso, type SecretBox } from '../../src-main/engine/secrets/secretBox';
import { getScheme } from '../../src-main/engine/signing/registry';
import { Workbench } from '../../src-main/engine/workbench';
import { eventually } from '../support/scriptedServer';
import { tempDir } from '../support/tmp';

const OLD = 'whsec_b2xkc2VjcmV0b2xkc2VjcmV0b2xkc2VjcmV0';
const CURRENT = 'whsec_cGxhaW5zZWNyZXRwbGFpbnNlY3JldHBsYWlu';
const INBOX_SECRET = 'whsec_aW5ib3hzZWNyZXRpbmJveHNlY3JldGluYm94';

let tmp: ReturnType<typeof tempDir>;
const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close().catch(() => {});
  tmp?.cleanup();
});

/** Rewrites the secret columns as an older Hookbench stored them (plain text, no key file). */
function makeLegacy(
  dataDir: string,
  rows: { webhookId: string; secret: string; previous?: string; inboxId?: string; inboxSecrets?: string[] }[],
): void {
  const db = new Database(join(dataDir, 'hookbench.db'));
  for (const r of rows) {
    db.prepare('UPDATE webhooks SET secret = ?, previous_secret = ? WHERE id = ?').run(
      r.secret,
      r.previous ?? null,
      r.webhookId,
    );
    if (r.inboxId)
      db.prepare('UPDATE inboxes SET secrets = ? WHERE id = ?').run(JSON.stringify(r.inboxSecrets), r.inboxId);
  }
  db.close();
  rmSync(join(dataDir, KEY_FILE_NAME));
}

const base64Part = (secret: string) => secret.slice('whsec_'.length);

function legacyEngine(): { engine: Sender; webhookId: string } {
  tmp = tempDir();
  const engine = openSender({ dataDir: tmp.dir });
  const w = engine.webhooks.create({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'], secret: CURRENT });
  return { engine, webhookId: w.id };
}

describe('sealing plain secrets at open', () => {
  it('seals plain webhook secrets (current and previous) and inbox secrets, and reads them back unchanged', async () => {
    tmp = tempDir();
    const wb = await Workbench.open({ dataDir: tmp.dir, receiver: false });
    const inbox = wb.receiver.inboxes.create({ name: 'legacy', secrets: [INBOX_SECRET] });
    const w = wb.sender.webhooks.create({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'], secret: CURRENT });
    await wb.close();
    makeLegacy(tmp.dir, [
      { webhookId: w.id, secret: CURRENT, previous: OLD, inboxId: inbox.id, inboxSecrets: [INBOX_SECRET] },
    ]);
    expect(rawBytes(tmp.dir)).toContain(base64Part(CURRENT)); // the legacy file really holds them

    const reopened = await Workbench.open({ dataDir: tmp.dir, receiver: false });
    closing.push(() => reopened.close());
    expect(existsSync(join(tmp.dir, KEY_FILE_NAME))).toBe(true); // no sealed secret yet: a new key is made
    expect(reopened.sender.webhooks.get(w.id)).toMatchObject({ secret: CURRENT, previousSecret: OLD });
    expect(reopened.receiver.inboxes.get(inbox.id).secrets).toEqual([INBOX_SECRET]);
    const row = reopened.sender.store.db
      .prepare('SELECT secret, previous_secret FROM webhooks WHERE id = ?')
      .get(w.id) as Record<string, string>;
    expect(row.secret).toMatch(/^enc:v1:file:/);
    expect(row.previous_secret).toMatch(/^enc:v1:file:/);
    expect(reopened.sender.store.db.prepare('SELECT secrets FROM inboxes WHERE id = ?').pluck().get(inbox.id)).toMatch(
      /^enc:v1:file:/,
    );
    await reopened.close();
    closing.length = 0;

    const raw = rawBytes(tmp.dir);
    for (const secret of [CURRENT, OLD, INBOX_SECRET]) expect(raw).not.toContain(base64Part(secret));
  });

  it('seals in one transaction: when sealing fails part-way, every row stays as it was', async () => {
    const { engine, webhookId } = legacyEngine();
    const second = engine.webhooks.create({ url: 'http://127.0.0.1:9/other', subscriptions: ['*'], secret: OLD });
    await engine.close();
    makeLegacy(tmp.dir, [
      { webhookId, secret: CURRENT },
      { webhookId: second.id, secret: OLD },
    ]);
    const real = keyFileBox(tmp.dir);
    let seals = 0;
    const failing: SecretBox = {
      kind: 'file',
      open: real.open,
      seal: (plain) => {
        if (++seals === 2) throw new Error('disk full');
        return real.seal(plain);
      },
    };
    expect(() => openSender({ dataDir: tmp.dir, secretBox: failing })).toThrow(/disk full/);
    const db = new Database(join(tmp.dir, 'hookbench.db'), { readonly: true });
    expect(db.prepare('SELECT secret FROM webhooks ORDER BY created_at').pluck().all()).toEqual([CURRENT, OLD]);
    db.close();
  });

  it('leaves sealed secrets alone and seals only the plain rows beside them', async () => {
    const { engine, webhookId } = legacyEngine();
    const sealedOne = engine.webhooks.create({ url: 'http://127.0.0.1:9/other', subscriptions: ['*'], secret: OLD });
    const sealedValue = engine.store.db.prepare('SELECT secret FROM webhooks WHERE id = ?').pluck().get(sealedOne.id);
    await engine.close();
    const db = new Database(join(tmp.dir, 'hookbench.db'));
    db.prepare('UPDATE webhooks SET secret = ? WHERE id = ?').run(CURRENT, webhookId);
    db.close();
    const reopened = openSender({ dataDir: tmp.dir });
    closing.push(() => reopened.close());
    expect(reopened.store.db.prepare('SELECT secret FROM webhooks WHERE id = ?').pluck().get(sealedOne.id)).toBe(
      sealedValue,
    );
    expect(reopened.store.db.prepare('SELECT secret FROM webhooks WHERE id = ?').pluck().get(webhookId)).toMatch(
      /^enc:v1:file:/,
    );
    expect(reopened.webhooks.get(webhookId).secret).toBe(CURRENT);
  });
});

describe('moving a database from one backend to another', () => {
  /** Stands in for the desktop's OS keychain (safeStorage cannot run in Node). */
  const fakeKeychain: SecretBox = {
    kind: 'keychain',
    seal: (p) => `enc:v1:keychain:${Buffer.from(p).reverse().toString('base64')}`,
    open: (s) => Buffer.from(s.slice('enc:v1:keychain:'.length), 'base64').reverse().toString(),
  };

  it('re-seals keychain secrets with the key file when the box can read both, so the CLI can open it after', async () => {
    tmp = tempDir();
    const desktop = openSender({ dataDir: tmp.dir, secretBox: fakeKeychain });
    const w = desktop.webhooks.create({ url: 'http://127.0.0.1:9/hook', subscriptions: ['*'], secret: CURRENT });
    await desktop.close();
    expect(() => openSender({ dataDir: tmp.dir })).toThrow(/OS keychain/);
    expect(existsSync(join(tmp.dir, KEY_FILE_NAME))).toBe(false);

    const moving = openSender({ dataDir: tmp.dir, secretBox: readingAlso(keyFileBox(tmp.dir), [fakeKeychain]) });
    expect(moving.store.db.prepare('SELECT secret FROM webhooks').pluck().get()).toMatch(/^enc:v1:file:/);
    await moving.close();

    const cli = openSender({ dataDir: tmp.dir });
    closing.push(() => cli.close());
    expect(cli.webhooks.get(w.id).secret).toBe(CURRENT);
  });
});

describe('after sealing, deliveries sign exactly as before', () => {
  let server: Server;
  const calls: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function startServer(): Promise<string> {
    calls.length = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  }

  it('signs with the plain secret after migration (the receiver side verifies with it)', async () => {
    const url = await startServer();
    tmp = tempDir();
    const first = openSender({ dataDir: tmp.dir });
    const w = first.webhooks.create({
      url,
      subscriptions: ['*'],
      secret: CURRENT,
      retryPolicy: { delays: [], jitter: false },
    });
    await first.close();
    makeLegacy(tmp.dir, [{ webhookId: w.id, secret: CURRENT }]);

    const engine = openSender({ dataDir: tmp.dir }).start();
    closing.push(() => engine.close());
    await engine.deliveries.fire({ type: 'user.created', data: { id: 'usr_1' } });
    const call = await eventually(() => calls[0]);
    expect(getScheme('standard').verify({ headers: call.headers, body: call.body, secrets: [CURRENT] }).valid).toBe(
      true,
    );
    expect(getScheme('standard').verify({ headers: call.headers, body: call.body, secrets: [OLD] }).valid).toBe(false);
  });

  it('a local inbox and its webhook, both sealed, still deliver verified requests', async () => {
    tmp = tempDir();
    const wb = await Workbench.open({ dataDir: tmp.dir, receiver: { port: 0 } });
    closing.push(() => wb.close());
    const { inbox, webhook } = await dispatch(wb, 'webhooks.sendToLocalInbox', { name: 'sealed' });
    const db = wb.sender.store.db;
    expect(db.prepare('SELECT secret FROM webhooks WHERE id = ?').pluck().get(webhook.id)).toMatch(/^enc:v1:file:/);
    expect(db.prepare('SELECT secrets FROM inboxes WHERE id = ?').pluck().get(inbox.id)).toMatch(/^enc:v1:file:/);
    await dispatch(wb, 'events.trigger', { type: 'user.created', data: { id: 'usr_1' } });
    const received = await eventually(() => wb['inboxes.requests']({ id: inbox.id, limit: 1 }).items[0]);
    expect(received.valid).toBe(true);
  });
});
