/**
 * The workbench a `hookbench catalog` subcommand works on. `import` writes to the data directory
 * (made if it is not there yet, as `serve` does); the readers use the one given or the default,
 * and with neither holding data they read the built-in and provider catalogs from an empty
 * temporary one, so `catalog validate --catalog stripe` works on a machine that never ran Hookbench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { defaultDataDir, Workbench } from '../../engine/workbench';
import { UsageError } from '../context';
import { existingDataDir } from '../dataDirOption';

export interface CatalogDataOptions {
  dataDir?: string;
  workspace?: string;
}

export interface OpenCatalogs {
  wb: Workbench;
  workspaceId: string;
}

/** Runs `fn` with the workbench open, and closes it (and removes a temporary directory) afterwards. */
export async function withCatalogs<T>(
  opts: CatalogDataOptions,
  use: { writes: boolean; owner: string },
  fn: (open: OpenCatalogs) => Promise<T>,
): Promise<T> {
  let dataDir: string;
  let temp: string | undefined;
  if (use.writes) dataDir = opts.dataDir ?? defaultDataDir();
  else if (opts.dataDir !== undefined) dataDir = existingDataDir(opts.dataDir);
  else if (Workbench.hasData(defaultDataDir())) dataDir = defaultDataDir();
  else dataDir = temp = mkdtempSync(join(tmpdir(), 'hookbench-catalog-'));

  try {
    const wb = await Workbench.open({ dataDir, receiver: false, deliver: false, lockOwner: use.owner });
    try {
      const workspaceId = opts.workspace ?? DEFAULT_WORKSPACE_ID;
      if (!wb['workspaces.list']().some((w) => w.id === workspaceId))
        throw new UsageError(`--workspace: no workspace ${workspaceId}`);
      return await fn({ wb, workspaceId });
    } finally {
      await wb.close();
    }
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}
