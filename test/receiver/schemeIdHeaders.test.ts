/** The receiver finds a request's message id by the scheme table's id headers (dedupe key), over real HTTP. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SCHEME_NAMES, schemeDescriptor } from '../../src-main/api/schemes';
import { getScheme } from '../../src-main/engine/signing/registry';
import { receiversPerTest } from '../support/receiverClient';

const { harness } = receiversPerTest();

const ID_HEADERS = SCHEME_NAMES.flatMap((scheme) =>
  schemeDescriptor(scheme).idHeaders.map((header) => [header, scheme] as const),
);

describe('dedupe keys from the scheme table', () => {
  it('covers every id header of the table, aliases included', () => {
    expect(ID_HEADERS.map(([h]) => h)).toEqual(expect.arrayContaining(['webhook-id', 'svix-id', 'X-GitHub-Delivery']));
  });

  it.each(ID_HEADERS)(
    'an unsigned request carrying only %s (%s) is keyed by it, even on an inbox with scheme none',
    async (header) => {
      const h = await harness();
      const inbox = h.receiver.inboxes.create({ name: `ids ${header}`, scheme: 'none' });
      const id = randomUUID();
      const first = await h.send(`/in/${inbox.slug}`, { headers: { [header.toLowerCase()]: id }, body: '{}' });
      const second = await h.send(`/in/${inbox.slug}`, { headers: { [header]: id }, body: '{}' });
      expect(first.stored).toMatchObject({ dedupeKey: id, duplicate: false });
      expect(second.stored).toMatchObject({ dedupeKey: id, duplicate: true });
    },
  );

  it('a header the table does not list is no id', async () => {
    const h = await harness();
    const inbox = h.receiver.inboxes.create({ name: 'other ids', scheme: 'none' });
    const { stored } = await h.send(`/in/${inbox.slug}`, { headers: { 'x-request-id': 'req_1' }, body: '{}' });
    expect(stored.dedupeKey).toBeNull();
  });

  it.each(SCHEME_NAMES.filter((s) => s !== 'none'))(
    "%s: the JSON body's id is the key exactly when the table says the id is in the body and the signature verified",
    async (scheme) => {
      const h = await harness();
      const inbox = h.receiver.inboxes.create({ name: `body ids ${scheme}`, scheme });
      const body = '{"id":"evt_body_1"}';
      const { idInBody, idHeaders } = schemeDescriptor(scheme);
      const headers = getScheme(scheme).sign({
        id: 'msg_header_1',
        timestamp: Math.floor(Date.now() / 1000),
        eventType: 't.x',
        body: Buffer.from(body),
        secrets: inbox.secrets,
      });
      const signed = await h.send(`/in/${inbox.slug}`, { headers, body });
      expect(signed.stored).toMatchObject({
        valid: true,
        dedupeKey: idInBody ? 'evt_body_1' : idHeaders.length > 0 ? 'msg_header_1' : null,
        dedupeVia: idInBody ? 'body' : idHeaders.length > 0 ? 'header' : null,
      });
      // Unsigned, the body is anyone's text: its id is kept to compare with, but carried no way (never a duplicate).
      const unsigned = await h.send(`/in/${inbox.slug}`, { body });
      expect(unsigned.stored).toMatchObject({
        valid: false,
        dedupeKey: idInBody ? 'evt_body_1' : null,
        dedupeVia: null,
        duplicate: false,
      });
    },
  );
});
