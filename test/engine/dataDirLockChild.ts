/**
 * A process that opens a data directory: run by dataDirLock.test.ts (fork, with tsx's loader).
 * argv[2]: JSON { dir, owner, startAt? } — waits until `startAt` (epoch ms, so that several
 * children race for the lock at the same instant), opens the store, and sends
 * { type: 'opened', pid } or { type: 'refused', code, message }; an opened store stays open until
 * the parent sends 'close' (or kills it).
 */
import { join } from 'node:path';
import { isHookbenchError } from '../../src-main/api/errors';
import { openStore } from '../../src-main/engine/store/store';

export interface LockChildConfig {
  dir: string;
  owner: string;
  startAt?: number;
}
export type LockChildMessage =
  { type: 'opened'; pid: number } | { type: 'refused'; code: string; message: string } | { type: 'closed' };

const config = JSON.parse(process.argv[2]!) as LockChildConfig;
const send = (m: LockChildMessage) => process.send?.(m);

const wait = Math.max(0, (config.startAt ?? 0) - Date.now());
setTimeout(() => {
  try {
    const store = openStore(join(config.dir, 'hookbench.db'), { lockOwner: config.owner });
    send({ type: 'opened', pid: process.pid });
    process.on('message', (m) => {
      if (m !== 'close') return;
      store.close();
      send({ type: 'closed' });
      process.disconnect();
    });
  } catch (e) {
    send({
      type: 'refused',
      code: isHookbenchError(e) ? e.code : 'thrown',
      message: e instanceof Error ? e.message : String(e),
    });
    process.disconnect();
  }
}, wait);
