/** `hookbench diff` as a real child process, on a data directory filled by a real workbench and receiver. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { openDiffFixture, type DiffFixture } from '../engine/diffFixture';
import { CLI_TEST_TIMEOUT_MS, CliProcess, runCli } from './cliHarness';

let f: DiffFixture;
let dataDir: string;
const ids = { compact: '', pretty: '', changed: '', delivery: '', received: '' };

beforeAll(async () => {
  f = await openDiffFixture();
  dataDir = f.wb.dataDir;
  const inbox = await dispatch(f.wb, 'inboxes.create', { name: 'cli diff', scheme: 'none' });
  const json: [string, string][] = [['Content-Type', 'application/json']];
  ids.compact = (await f.send(inbox, json, '{"id":"evt_1","data":{"amount":4900}}')).id;
  ids.pretty = (await f.send(inbox, json, '{\n  "data": {\n    "amount": 4900\n  },\n  "id": "evt_1"\n}')).id;
  ids.changed = (await f.send(inbox, [...json, ['X-Extra', 'yes']], '{"id":"evt_1","data":{"amount":1}}')).id;
  const local = await dispatch(f.wb, 'webhooks.sendToLocalInbox', {
    name: 'cli diff local',
    subscriptions: ['user.*'],
  });
  ids.delivery = (
    await dispatch(f.wb, 'events.trigger', { type: 'user.created', webhookIds: [local.webhook.id] })
  ).deliveries[0]!.id;
  for (let i = 0; i < 200 && (await dispatch(f.wb, 'deliveries.get', { id: ids.delivery })).attempts.length === 0; i++)
    await new Promise((r) => setTimeout(r, 25));
  await f.wb.receiver.idle();
  ids.received = (await dispatch(f.wb, 'requests.list', { inboxId: local.inbox.id, limit: 1 })).items[0]!.id;
  await f.wb.close(); // the CLI takes the data directory's lock
}, 60_000);
afterAll(() => f.close().catch(() => {}));

// Not concurrent: each run takes the data directory's exclusive lock.
describe('hookbench diff', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('a re-serialised body: exit 1, key order and whitespace apart from values, and the explanation', async () => {
    const r = await runCli(['diff', ids.compact, ids.pretty, '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^left : request ${ids.compact} \\(inbox cli diff\\)  POST /in/`));
    expect(r.stdout).toContain('JSON values: equal');
    expect(r.stdout).toContain('key order at $: id, data → data, id');
    expect(r.stdout).toContain('whitespace: compact → 2 spaces');
    expect(r.stdout).toMatch(
      /✗ the body was re-serialised \(key order changed in \$; whitespace changed: compact → 2 spaces\), values equal/,
    );
  });

  it('changed values and an added header, by path and by name', async () => {
    const r = await runCli(['diff', ids.compact, ids.changed, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('headers: 1 added, 0 removed, 1 changed');
    expect(r.stdout).toMatch(/~ content-length +37 → 34 {2}\(transport\)/);
    expect(r.stdout).toMatch(/\+ X-Extra +yes/);
    expect(r.stdout).toContain('$.data.amount  4900 → 1');
  });

  it('--json: the DiffResult; an attempt and the request it became are identical (exit 0)', async () => {
    const r = await runCli(['diff', ids.delivery, ids.received, '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as {
      identical: boolean;
      left: { ref: string };
      body: { bytes: { equal: boolean } };
      explanations: { kind: string }[];
    };
    expect(d).toMatchObject({ identical: true, left: { ref: `${ids.delivery}#1` }, body: { bytes: { equal: true } } });
    expect(d.explanations[0]!.kind).toBe('valid');
  });

  it('a bad or unknown id is a usage error (exit 2) naming the argument', async () => {
    const bad = await runCli(['diff', 'evt_1', ids.compact, '--data-dir', dataDir]);
    const missing = await runCli(['diff', ids.compact, 'req_does_not_exist', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/<left>: must be a request id \(req_…\)/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('<right>: request req_does_not_exist does not exist');
  });
});

describe('hookbench diff on a data directory in use', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('a data directory in use by a running hookbench fails with a clear error', async () => {
    const holder = new CliProcess(['serve', '--data-dir', dataDir, '--port', '0', '--receiver-port', '0']);
    try {
      await holder.waitFor(/http:\/\/127\.0\.0\.1:\d+/);
      const r = await runCli(['diff', ids.compact, ids.pretty, '--data-dir', dataDir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/in use|locked|hookbench serve/i);
    } finally {
      await holder.stop();
    }
  });
});
