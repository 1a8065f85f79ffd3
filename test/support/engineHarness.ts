import { join } from 'node:path';
import { openEngine, type Engine, type EngineOptions } from '../../src-main/engine/engine';
import { tempDir } from './tmp';

export interface TestEngine {
  engine: Engine;
  dir: string;
  dbFile: string;
  /** Close the engine (if open) and remove the temp dir. */
  cleanup: () => Promise<void>;
  /** Close and open again on the same file (a restart). */
  reopen: (opts?: EngineOptions) => Promise<Engine>;
}

/** A started engine on a real SQLite file in a fresh temp dir. */
export function startTestEngine(opts: EngineOptions = {}): TestEngine {
  const { dir, cleanup } = tempDir();
  const dbFile = join(dir, 'hookbench.db');
  const t: TestEngine = {
    engine: openEngine({ ...opts, dbFile }).start(),
    dir,
    dbFile,
    cleanup: async () => {
      await t.engine.close().catch(() => {});
      cleanup();
    },
    reopen: async (more = {}) => {
      await t.engine.close().catch(() => {});
      t.engine = openEngine({ ...opts, ...more, dbFile }).start();
      return t.engine;
    },
  };
  return t;
}
