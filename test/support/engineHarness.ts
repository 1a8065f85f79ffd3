import { join } from 'node:path';
import { openSender, type Sender, type SenderOptions } from '../../src-main/engine/sender';
import { tempDir } from './tmp';

export interface TestEngine {
  sender: Sender;
  dir: string;
  dbFile: string;
  /** Close the engine (if open) and remove the temp dir. */
  cleanup: () => Promise<void>;
  /** Close and open again on the same file (a restart). */
  reopen: (opts?: SenderOptions) => Promise<Sender>;
}

/** A started engine on a real SQLite file in a fresh temp dir. */
export function startTestEngine(opts: SenderOptions = {}): TestEngine {
  const { dir, cleanup } = tempDir();
  const dbFile = join(dir, 'hookbench.db');
  const t: TestEngine = {
    sender: openSender({ ...opts, dbFile }).start(),
    dir,
    dbFile,
    cleanup: async () => {
      await t.sender.close().catch(() => {});
      cleanup();
    },
    reopen: async (more = {}) => {
      await t.sender.close().catch(() => {});
      t.sender = openSender({ ...opts, ...more, dbFile }).start();
      return t.sender;
    },
  };
  return t;
}
