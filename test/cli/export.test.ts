import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { Workbench } from '../../src-main/engine/workbench';
import { tempDir } from '../support/tmp';

const BIN = fileURLToPath(new URL('../../bin/hookbench.mjs', import.meta.url));

function hookbench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('hookbench export', () => {
  let data: ReturnType<typeof tempDir>;
  let okWebhook: string;
  const okIds: string[] = [];
  const failedIds: string[] = [];
  let inboxId: string;
  let beforeSecond = 0;

  beforeAll(async () => {
    data = tempDir('hookbench-cli-export-');
    const wb = await Workbench.open({ dataDir: data.dir, receiver: { port: 0 } });
    try {
      const ok = await dispatch(wb, 'webhooks.sendToLocalInbox', { name: 'cli export ok', subscriptions: ['user.*'] });
      okWebhook = ok.webhook.id;
      inboxId = ok.inbox.id;
      // Its requests get a schema verdict (the samples fired below match their schemas).
      await dispatch(wb, 'inboxes.update', { id: inboxId, catalog: 'hookbench' });
      const bad = await dispatch(wb, 'webhooks.sendToLocalInbox', {
        name: 'cli export failing',
        subscriptions: ['order.*'],
        retryPolicy: { delays: [] },
        responseRule: { status: 500 },
      });
      for (let i = 0; i < 4; i++)
        okIds.push(
          ...(await dispatch(wb, 'events.trigger', { type: 'user.created', webhookIds: [okWebhook] })).deliveries.map(
            (d) => d.id,
          ),
        );
      await new Promise((r) => setTimeout(r, 20));
      beforeSecond = Date.now();
      for (let i = 0; i < 2; i++)
        failedIds.push(
          ...(
            await dispatch(wb, 'events.trigger', { type: 'order.created', webhookIds: [bad.webhook.id] })
          ).deliveries.map((d) => d.id),
        );
      const deadline = Date.now() + 10_000;
      while (
        [...okIds, ...failedIds].some((id) => !['success', 'failed'].includes(wb['deliveries.get']({ id }).status))
      ) {
        if (Date.now() > deadline) throw new Error('deliveries did not finish');
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await wb.close();
    }
  });
  afterAll(() => data?.cleanup());

  it('writes NDJSON to a file with filters and prints a summary to stderr', async () => {
    const out = join(data.dir, 'ok.ndjson');
    const r = await hookbench([
      'export',
      '--format',
      'ndjson',
      '--status',
      'success',
      '--webhook',
      okWebhook,
      '--event',
      'user.created',
      '--out',
      out,
      '--data-dir',
      data.dir,
    ]);
    expect(r.stderr).toMatch(/exported 4 delivery attempts as NDJSON \(\d+ bytes\) to /);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { deliveryId: string });
    expect(lines.map((l) => l.deliveryId).sort()).toEqual([...okIds].sort());
  });

  it('filters by time and by HTTP status class', async () => {
    const since = await hookbench([
      'export',
      '--format',
      'ndjson',
      '--since',
      new Date(beforeSecond).toISOString(),
      '--data-dir',
      data.dir,
    ]);
    expect(since.code).toBe(0);
    expect(
      since.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { deliveryId: string }).deliveryId)
        .sort(),
    ).toEqual([...failedIds].sort());
    const fivexx = await hookbench([
      'export',
      '--format',
      'ndjson',
      '--http-status',
      '5xx',
      '--status',
      'failed,cancelled',
      '--data-dir',
      data.dir,
    ]);
    expect(fivexx.code).toBe(0);
    expect(fivexx.stdout.trim().split('\n')).toHaveLength(failedIds.length);
    const until = await hookbench([
      'export',
      '--format',
      'ndjson',
      '--until',
      String(beforeSecond),
      '--data-dir',
      data.dir,
    ]);
    expect(until.stdout.trim().split('\n')).toHaveLength(okIds.length);
  });

  it('streams received requests as HAR to stdout', async () => {
    const r = await hookbench([
      'export',
      '--kind',
      'requests',
      '--format',
      'har',
      '--inbox',
      inboxId,
      '--data-dir',
      data.dir,
    ]);
    expect(r.code).toBe(0);
    const har = JSON.parse(r.stdout) as { log: { version: string; entries: unknown[] } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(okIds.length);
    expect(r.stderr).toMatch(/exported 4 requests as HAR/);
  });

  it('filters received requests by their schema verdict', async () => {
    const args = ['export', '--kind', 'requests', '--format', 'ndjson', '--inbox', inboxId, '--data-dir', data.dir];
    const valid = await hookbench([...args, '--schema', 'valid']);
    expect(valid.code).toBe(0);
    const rows = valid.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { schemaVerdict: { status: string } });
    expect(rows).toHaveLength(okIds.length);
    expect(rows.every((r) => r.schemaVerdict.status === 'valid')).toBe(true);
    const invalid = await hookbench([...args, '--schema', 'invalid']);
    expect(invalid.stdout.trim()).toBe('');
    const bogus = await hookbench([...args, '--schema', 'bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/--schema/);
    const wrongKind = await hookbench(['export', '--format', 'ndjson', '--schema', 'valid', '--data-dir', data.dir]);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toMatch(/--schema applies to --kind requests only/);
  });

  it('writes CSV with a header row', async () => {
    const out = join(data.dir, 'all.csv');
    const r = await hookbench(['export', '--format', 'csv', '--out', out, '--data-dir', data.dir]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split(/\r?\n/)).toHaveLength(okIds.length + failedIds.length + 1);
  });

  it.each([
    ['an unknown format', ['--format', 'xml'], /--format/],
    ['a missing format', [], /--format/],
    ['an unknown status', ['--format', 'ndjson', '--status', 'exploded'], /--status/],
    ['a time that is no time', ['--format', 'ndjson', '--since', 'yesterday-ish'], /--since/],
    ['an inbox filter on deliveries', ['--format', 'ndjson', '--inbox', 'inb_1'], /--inbox/],
    ['a webhook filter on requests', ['--format', 'ndjson', '--kind', 'requests', '--webhook', 'wh_1'], /--webhook/],
    ['a bad HTTP status', ['--format', 'ndjson', '--http-status', '9xx'], /--http-status/],
    ['an unknown workspace', ['--format', 'ndjson', '--workspace', 'ws_nope'], /--workspace/],
  ] as [string, string[], RegExp][])(
    'exits 2 on %s, naming the option, and writes nothing',
    async (_label, args, option) => {
      const out = join(data.dir, 'never.ndjson');
      const r = await hookbench(['export', ...args, '--out', out, '--data-dir', data.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error/i);
      expect(r.stderr).toMatch(option);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('exits 2 when the data directory holds no Hookbench data', async () => {
    const empty = tempDir('hookbench-cli-empty-');
    try {
      const r = await hookbench(['export', '--format', 'ndjson', '--data-dir', empty.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('hookbench.db');
    } finally {
      empty.cleanup();
    }
  });
});
