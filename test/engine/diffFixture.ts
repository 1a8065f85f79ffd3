/** A real workbench (SQLite in a temp dir, receiver on 127.0.0.1:0) and a sender that posts raw headers and bytes to an inbox. */
import { request } from 'undici';
import { expect } from 'vitest';
import type { InboxWithUrl } from '../../src-main/api/contract';
import { dispatch } from '../../src-main/api/dispatch';
import type { ReceivedRequest } from '../../src-main/api/receiverTypes';
import { Workbench } from '../../src-main/engine/workbench';
import { quietLog } from '../support/receiverClient';
import { tempDir } from '../support/tmp';

export interface DiffFixture {
  wb: Workbench;
  /** Posts to the inbox with headers in this order; resolves with the request as stored. */
  send(inbox: InboxWithUrl, headers: [string, string][], body: string | Buffer): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

export async function openDiffFixture(): Promise<DiffFixture> {
  const tmp = tempDir('hookbench-diff-');
  const wb = await Workbench.open({ dataDir: tmp.dir, receiver: { port: 0, host: '127.0.0.1' }, log: quietLog() });
  return {
    wb,
    async send(inbox, headers, body) {
      const before = new Set(
        (await dispatch(wb, 'requests.list', { inboxId: inbox.id, limit: 100 })).items.map((r) => r.id),
      );
      const res = await request(inbox.url!, { method: 'POST', headers: headers.flat(), body });
      await res.body.dump();
      await wb.receiver.idle();
      const latest = (await dispatch(wb, 'requests.list', { inboxId: inbox.id, limit: 100 })).items.find(
        (r) => !before.has(r.id),
      );
      expect(latest, 'the request was stored').toBeDefined();
      return dispatch(wb, 'requests.get', { id: latest!.id });
    },
    /** Safe after the workbench was closed already (a test handing the directory to the CLI). */
    async close() {
      await wb.close().catch(() => {});
      tmp.cleanup();
    },
  };
}
