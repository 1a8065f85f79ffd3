import { join } from 'node:path';
import { tempDir } from './tmp';

/** A fresh temp directory holding a database file path; call cleanup in afterEach. */
export function receiverTempDb(): { dir: string; dbFile: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir('hookbench-receiver-');
  return { dir, dbFile: join(dir, 'hookbench.db'), cleanup };
}
