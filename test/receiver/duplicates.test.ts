/**
 * The "duplicate" flag means the provider resent a message: the request carries an id (an id
 * header, or the body id of a Stripe-like request whose signature verified) that an earlier
 * request of the same inbox carried the same way. Real receiver over HTTP, real SQLite.
 */
import { describe, expect, it } from 'vitest';
import type { InboxScheme } from '../../src-main/api/receiverTypes';
import { getScheme } from '../../src-main/engine/signing/registry';
import { openDatabase } from '../../src-main/engine/store/database';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';
import { receiverTempDb } from '../support/receiverTmp';
import { receiversPerTest, type ReceiverHarness } from '../support/receiverClient';

const { harness, cleanups } = receiversPerTest();

const now = () => Math.floor(Date.now() / 1000);
const event = (id: string, amount = 100) => JSON.stringify({ id, object: 'event', data: { amount } });

async function inboxOf(h: ReceiverHarness, scheme: InboxScheme) {
  return h.receiver.inboxes.create({ name: `dupes ${scheme}`, scheme });
}

function stripeHeaders(secrets: string[], body: string): Record<string, string> {
  return getScheme('stripe').sign({
    id: 'x',
    timestamp: now(),
    eventType: 'charge.succeeded',
    body: Buffer.from(body),
    secrets,
  });
}

describe('duplicates on a Stripe inbox (the id is in the body)', () => {
  it('does not mark tampered or unsigned posts of a seen event as duplicates', async () => {
    const h = await harness();
    const inbox = await inboxOf(h, 'stripe');
    const signed = event('evt_1');
    const headers = stripeHeaders(inbox.secrets, signed);
    const first = await h.send(`/in/${inbox.slug}`, { headers, body: signed });
    expect(first.stored).toMatchObject({ valid: true, dedupeKey: 'evt_1', duplicate: false });

    const tampered = await h.send(`/in/${inbox.slug}`, { headers, body: event('evt_1', 999) });
    expect(tampered.stored).toMatchObject({
      valid: false,
      reason: 'bad_signature',
      dedupeKey: 'evt_1',
      dedupeVia: null,
      duplicate: false,
    });

    const unsigned = await h.send(`/in/${inbox.slug}`, { body: signed });
    expect(unsigned.stored).toMatchObject({
      valid: false,
      reason: 'missing_header',
      dedupeKey: 'evt_1',
      dedupeVia: null,
      duplicate: false,
    });
  });

  it('does not mark two different unsigned requests as duplicates of each other', async () => {
    const h = await harness();
    const inbox = await inboxOf(h, 'stripe');
    const a = await h.send(`/in/${inbox.slug}`, { body: event('evt_same', 1) });
    const b = await h.send(`/in/${inbox.slug}`, { body: event('evt_same', 2) });
    expect([a.stored.duplicate, b.stored.duplicate]).toEqual([false, false]);
  });

  it('lets no unverified post mark the signed event that follows it', async () => {
    const h = await harness();
    const inbox = await inboxOf(h, 'stripe');
    await h.send(`/in/${inbox.slug}`, { body: event('evt_2') });
    const signed = event('evt_2');
    const { stored } = await h.send(`/in/${inbox.slug}`, {
      headers: stripeHeaders(inbox.secrets, signed),
      body: signed,
    });
    expect(stored).toMatchObject({ valid: true, dedupeKey: 'evt_2', duplicate: false });
  });

  it('still marks the same signed event posted twice (a resend)', async () => {
    const h = await harness();
    const inbox = await inboxOf(h, 'stripe');
    const body = event('evt_3');
    await h.send(`/in/${inbox.slug}`, { headers: stripeHeaders(inbox.secrets, body), body });
    const { stored } = await h.send(`/in/${inbox.slug}`, { headers: stripeHeaders(inbox.secrets, body), body });
    expect(stored).toMatchObject({ valid: true, dedupeKey: 'evt_3', duplicate: true });
  });
});

describe('duplicates by id header', () => {
  it('marks a standard-webhooks resend with the same webhook-id even when its signature fails', async () => {
    const h = await harness();
    const inbox = await inboxOf(h, 'standard');
    const body = Buffer.from('{"type":"user.created"}');
    const headers = getScheme('standard').sign({
      id: 'msg_1',
      timestamp: now(),
      eventType: 'x',
      body,
      secrets: inbox.secrets,
    });
    await h.send(`/in/${inbox.slug}`, { headers, body });
    const { stored } = await h.send(`/in/${inbox.slug}`, { headers, body: Buffer.from('{"type":"changed"}') });
    expect(stored).toMatchObject({ valid: false, reason: 'bad_signature', dedupeKey: 'msg_1', duplicate: true });
  });

  it('marks a header id only against earlier header ids, not a verified body id with the same value', async () => {
    const h = await harness();
    const inbox = await inboxOf(h, 'auto');
    h.receiver.inboxes.update({ id: inbox.id, secrets: ['whsec_c2VjcmV0'] });
    const body = event('evt_4');
    const viaBody = await h.send(`/in/${inbox.slug}`, { headers: stripeHeaders(['whsec_c2VjcmV0'], body), body });
    expect(viaBody.stored).toMatchObject({ valid: true, dedupeKey: 'evt_4', duplicate: false });
    const headers = getScheme('standard').sign({
      id: 'evt_4',
      timestamp: now(),
      eventType: 'x',
      body: Buffer.from(body),
      secrets: ['whsec_c2VjcmV0'],
    });
    const viaHeader = await h.send(`/in/${inbox.slug}`, { headers, body });
    expect(viaHeader.stored).toMatchObject({ valid: true, dedupeKey: 'evt_4', duplicate: false });
    const again = await h.send(`/in/${inbox.slug}`, { headers, body });
    expect(again.stored.duplicate).toBe(true);
  });
});

describe('migration 008 on requests stored before it', () => {
  it('records how each id was carried (none for an unverified body) and clears the duplicate flags unverified ids caused', () => {
    const tmp = receiverTempDb();
    cleanups.push(tmp.cleanup);
    const old = openDatabase(tmp.dbFile, { migrations: MIGRATIONS.filter((m) => m.version <= 7) });
    old.prepare("INSERT INTO workspaces (id, name, created_at) VALUES ('ws_1', 'w', 0)").run();
    old
      .prepare(
        "INSERT INTO inboxes (id, workspace_id, slug, name, scheme, tolerance_sec, response_rule, created_at, updated_at) VALUES ('inb_1', 'ws_1', 's', 's', 'auto', 300, '{}', 0, 0)",
      )
      .run();
    const insert =
      old.prepare(`INSERT INTO requests (id, workspace_id, inbox_id, method, path, headers, body, body_size,
      received_at, duration_ms, verdict, valid, dedupe_key, duplicate) VALUES (?, 'ws_1', 'inb_1', 'POST', '/in/s', ?, x'', 0, 0, 0, ?, ?, ?, ?)`);
    // As the receiver before 008 stored them: every Stripe body id keyed, whatever the verdict.
    const rows: [id: string, headers: [string, string][], verdict: object, key: string, duplicate: number][] = [
      ['r1_signed', [], { valid: true, scheme: 'stripe' }, 'evt_1', 0],
      ['r2_tampered', [], { valid: false, scheme: 'stripe' }, 'evt_1', 1],
      ['r3_unsigned', [], { valid: false, scheme: 'stripe' }, 'evt_2', 0],
      ['r4_signed_after_unsigned', [], { valid: true, scheme: 'stripe' }, 'evt_2', 1],
      ['r5_resent', [], { valid: true, scheme: 'stripe' }, 'evt_1', 1],
      ['r6_std', [], { valid: false, scheme: 'standard', id: 'msg_1' }, 'msg_1', 0],
      ['r7_std_resent', [], { valid: false, scheme: 'standard', id: 'msg_1' }, 'msg_1', 1],
      ['r8_none_header', [['Webhook-Id', 'h_1']], { valid: true, scheme: 'none' }, 'h_1', 0],
      ['r9_original_removed', [], { valid: true, scheme: 'stripe' }, 'evt_9', 1],
    ];
    for (const [id, headers, verdict, key, duplicate] of rows)
      insert.run(
        id,
        JSON.stringify(headers),
        JSON.stringify(verdict),
        (verdict as { valid: boolean }).valid ? 1 : 0,
        key,
        duplicate,
      );
    old.close();

    const db = openDatabase(tmp.dbFile);
    try {
      const after = db.prepare('SELECT id, dedupe_key, dedupe_via, duplicate FROM requests ORDER BY rowid').all();
      expect(after).toEqual([
        { id: 'r1_signed', dedupe_key: 'evt_1', dedupe_via: 'body', duplicate: 0 },
        { id: 'r2_tampered', dedupe_key: 'evt_1', dedupe_via: null, duplicate: 0 },
        { id: 'r3_unsigned', dedupe_key: 'evt_2', dedupe_via: null, duplicate: 0 },
        { id: 'r4_signed_after_unsigned', dedupe_key: 'evt_2', dedupe_via: 'body', duplicate: 0 },
        { id: 'r5_resent', dedupe_key: 'evt_1', dedupe_via: 'body', duplicate: 1 },
        { id: 'r6_std', dedupe_key: 'msg_1', dedupe_via: 'header', duplicate: 0 },
        { id: 'r7_std_resent', dedupe_key: 'msg_1', dedupe_via: 'header', duplicate: 1 },
        { id: 'r8_none_header', dedupe_key: 'h_1', dedupe_via: 'header', duplicate: 0 },
        { id: 'r9_original_removed', dedupe_key: 'evt_9', dedupe_via: 'body', duplicate: 1 },
      ]);
      expect(db.prepare("SELECT reject_invalid_status FROM inboxes WHERE id = 'inb_1'").pluck().get()).toBeNull();
    } finally {
      db.close();
    }
  });
});
