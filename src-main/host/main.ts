/**
 * `npm run web` (`tsx src-main/host/main.ts [--port P] [--data-dir D] [--receiver-port P]`):
 * the Workbench and the web host in one process, until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { isHookbenchError } from '../api/errors';
import { defaultDataDir } from '../engine/workbench';
import { launchWebHost, lineLog, receiverLine, untilSignal, webHostLine } from './launch';
import { DEFAULT_WEB_PORT } from './webHost';

const USAGE =
  'usage: tsx src-main/host/main.ts [--port P (default 7878, 0 = any free)] [--data-dir D] [--receiver-port P] [--static-dir D]';

function port(value: string | undefined, flag: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new Error(`${flag} must be a port number 0–65535, got "${value}"`);
  return Number(value);
}

async function run(argv: string[]): Promise<number> {
  let opts: { port: number; dataDir: string; receiverPort?: number; staticDir?: string };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'receiver-port': { type: 'string' },
        'static-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    opts = {
      port: port(values.port, '--port', DEFAULT_WEB_PORT)!,
      dataDir: values['data-dir'] ?? defaultDataDir(),
      receiverPort: port(values['receiver-port'], '--receiver-port', undefined),
      staticDir: values['static-dir'],
    };
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const { signal, release } = untilSignal();
  try {
    const log = lineLog((line) => process.stderr.write(`${line}\n`));
    const launched = await launchWebHost({ ...opts, lockOwner: 'the Hookbench web host (npm run web)', log });
    process.stdout.write(`${webHostLine(launched.host)}\n${receiverLine(launched.workbench['receiver.status']())}\n`);
    process.stdout.write(`data: ${opts.dataDir}  (Ctrl+C to stop)\n`);
    await signal;
    await launched.close();
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${isHookbenchError(e) || e instanceof Error ? e.message : String(e)}\n`);
    // The data directory given cannot be used (in use, a file, damaged): the command line must change.
    return isHookbenchError(e) && (e.code === 'validation' || e.field === 'dataDir') ? 2 : 1;
  } finally {
    release();
  }
}

process.exitCode = await run(process.argv.slice(2));
