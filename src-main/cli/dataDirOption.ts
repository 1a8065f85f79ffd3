/** `--data-dir` for commands that read existing data (diff, verify --explain-against, export, recover). */
import { DB_FILE_NAME, defaultDataDir, Workbench } from '../engine/workbench';
import { UsageError } from './context';

/** The data directory given (or the default), which must hold Hookbench's data; else a usage error naming `--data-dir`. */
export function existingDataDir(dataDir: string | undefined): string {
  const dir = dataDir ?? defaultDataDir();
  if (!Workbench.hasData(dir))
    throw new UsageError(`--data-dir: no Hookbench data in ${dir} (${DB_FILE_NAME} not found)`);
  return dir;
}
