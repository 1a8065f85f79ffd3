import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every byte SQLite keeps for a data directory's database (main file, WAL), as text to search for a value. */
export function rawBytes(dataDir: string): string {
  return ['hookbench.db', 'hookbench.db-wal']
    .map((f) => join(dataDir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n');
}
