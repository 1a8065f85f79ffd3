import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temp directory; call the returned cleanup in afterEach. Removal retries for a moment:
 * a store closed with `close()` lets its write worker's connection finish closing (and drop its
 * -wal / -shm files) on its own thread meanwhile.
 */
export function tempDir(prefix = 'hookbench-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }) };
}
