import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch';
import { Workbench } from '../../src-main/engine/workbench';
import { tempDir } from '../support/tmp';
import { eventually } from '../support/scriptedServer';
import { CLI_TEST_TIMEOUT_MS, runCli } from './cliHarness';

describe('hookbench recover', () => {
  let data: ReturnType<typeof tempDir>;
  let server: Server;
  let status = 500;
  let webhookId = '';
  const failed: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(status).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    data = tempDir('hookbench-cli-recover-');
    const wb = await Workbench.open({ dataDir: data.dir, receiver: false });
    try {
      webhookId = (
        await dispatch(wb, 'webhooks.create', { url, subscriptions: ['*'], retryPolicy: { delays: [], jitter: false } })
      ).id;
      const fired = await dispatch(wb, 'events.triggerMany', {
        events: Array.from({ length: 5 }, () => ({ type: 'user.created' })),
      });
      expect(fired.deliveries).toBe(5);
      await eventually(() => {
        const page = wb['deliveries.list']({ webhookId, status: ['failed'], limit: 100 } as never);
        failed.splice(0, failed.length, ...page.items.map((d) => d.id));
        return failed.length === 5;
      });
    } finally {
      await wb.close();
    }
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    data.cleanup();
  });

  it(
    'refuses a bad time or an unknown webhook with exit 2, naming the option',
    async () => {
      const bad = await runCli(['recover', '--data-dir', data.dir, '--since', 'last tuesday']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--since: "last tuesday" is not a time/);
      const none = await runCli(['recover', '--data-dir', data.dir, '--since', '1h', '--webhook', 'wh_nope']);
      expect(none.code).not.toBe(0);
      expect(none.stderr).toMatch(/webhook wh_nope does not exist/);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'sends every failed delivery since a time again and reports the outcomes (exit 1 while they still fail, 0 once they succeed)',
    async () => {
      status = 500;
      const again = await runCli(['recover', '--data-dir', data.dir, '--since', '1h', '--json']);
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout)).toMatchObject({
        queued: 5,
        skipped: 0,
        waited: true,
        success: 0,
        failed: 5,
        pending: 0,
      });

      status = 200;
      const ok = await runCli(['recover', '--data-dir', data.dir, '--since', '1h', '--webhook', webhookId]);
      expect(ok.code).toBe(0);
      expect(ok.stderr).toMatch(/queued 5 failed deliveries to send again/);
      expect(ok.stdout).toMatch(/recovered 5: 5 succeeded, 0 failed again/);

      const wb = await Workbench.open({ dataDir: data.dir, receiver: false });
      try {
        for (const id of failed)
          expect(wb['deliveries.get']({ id }).attempts.map((a) => a.response?.status)).toEqual([500, 500, 200]);
      } finally {
        await wb.close();
      }
      // Nothing failed any more: nothing to do, exit 0.
      const nothing = await runCli(['recover', '--data-dir', data.dir, '--since', '1h']);
      expect(nothing.code).toBe(0);
      expect(nothing.stdout).toMatch(/recovered 0/);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
