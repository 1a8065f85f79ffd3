import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp directory holding a database file path; call cleanup in afterEach. */
export function receiverTempDb(): { dir: string; dbFile: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hookbench-receiver-'));
  return { dir, dbFile: join(dir, 'hookbench.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
