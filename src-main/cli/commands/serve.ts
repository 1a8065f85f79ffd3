/** `hookbench serve`: the Workbench and the web host (UI, WebSocket, REST) until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import { redactUrl } from '../../api/credentials';
import { DEFAULT_RECEIVER_PORT } from '../../api/receiverAddress';
import { defaultDataDir } from '../../engine/defaultDataDir';
import type { Workbench } from '../../engine/workbench';
import { launchWebHost, lineLog, receiverLine, untilSignal, webHostLine } from '../../host/launch';
import { DEFAULT_WEB_PORT } from '../../host/webHost';
import { CONFIG_FILE_NAME, type HookbenchConfig } from '../../api/configFile';
import { isHookbenchError } from '../../api/errors';
import { action, EXIT_OK, UsageError, type CliContext, type RegisterCommand } from '../context';
import { applyConfig } from '../config/apply';
import { loadConfigFile } from '../config/load';
import { integer } from '../options';

interface ServeOptions {
  port: number;
  dataDir?: string;
  receiverPort?: number;
  config?: string;
}

export const registerServe: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Open the data directory and serve it: the Hookbench UI in a browser, the WebSocket the UI uses, and a REST API ' +
        'under /api/v1 for scripts (OpenAPI at /api/v1/openapi.json). Bound to 127.0.0.1 and guarded by a token that is ' +
        'new on every launch: the printed URL carries it; scripts send "Authorization: Bearer <token>".',
    )
    .option('--port <port>', `web host port (0 = any free port)`, integer('--port', 0, 65535), DEFAULT_WEB_PORT)
    .option('--data-dir <dir>', `data directory (default: ${defaultDataDir()})`)
    .option(
      '--receiver-port <port>',
      `local receiver port (default: from settings, ${DEFAULT_RECEIVER_PORT}; 0 = any free port)`,
      integer('--receiver-port', 0, 65535),
    )
    .option(
      '--config <file>',
      `apply this ${CONFIG_FILE_NAME} at start: its inboxes and webhooks are created or changed to match ` +
        '(secrets from environment variables); a config with any problem stops the start and changes nothing',
    );
  cmd.action(action<ServeOptions>(ctx, (opts) => serve(opts, ctx)));
};

async function serve(opts: ServeOptions, ctx: CliContext): Promise<number> {
  const { signal, release } = untilSignal();
  try {
    const dataDir = opts.dataDir ?? defaultDataDir();
    // Read and checked before anything opens: a bad file costs no port and writes nothing.
    const config = opts.config !== undefined ? await loadConfigFile(opts.config, process.env) : undefined;
    const log = lineLog((line) => ctx.io.stderr.write(`${line}\n`));
    let applied: Applied | undefined;
    const launched = await launchWebHost({
      dataDir,
      port: opts.port,
      receiverPort: opts.receiverPort,
      lockOwner: 'hookbench serve',
      log,
      // Applied before the UI and REST API answer: nobody sees or edits the workspace half-applied.
      prepare: config ? async (wb) => void (applied = await applyAtStart(wb, config, opts.config!)) : undefined,
    });
    if (applied) ctx.io.stdout.write(appliedLines(applied, launched.workbench, opts.config!));
    ctx.io.stdout.write(
      `${webHostLine(launched.host)}\n${receiverLine(launched.workbench['receiver.status'](), '--receiver-port')}\n`,
    );
    ctx.io.stderr.write(`data: ${dataDir}  (Ctrl+C to stop)\n`);
    const sig = await signal;
    ctx.io.stderr.write(`${sig}: shutting down\n`);
    await launched.close();
    return EXIT_OK;
  } finally {
    release();
  }
}

type Applied = Awaited<ReturnType<typeof applyConfig>>;

/** Applies the config to the opened workbench, or stops the start (nothing was written: applyConfig checks first). */
async function applyAtStart(wb: Workbench, config: HookbenchConfig, file: string): Promise<Applied> {
  try {
    return await applyConfig(wb, config);
  } catch (e) {
    throw isHookbenchError(e) && e.code === 'validation' ? new UsageError(`${file}: ${e.message}`) : e;
  }
}

function appliedLines(applied: Applied, wb: Workbench, file: string): string {
  const status = wb['receiver.status']();
  const inboxes = applied.inboxes.map(
    (i) => `  inbox ${i.slug}: ${status.url ? `${status.url}/in/${i.slug}` : `/in/${i.slug}`}\n`,
  );
  const webhooks = applied.webhooks.map((w) => `  webhook ${w.name}: ${redactUrl(w.url)}\n`);
  return `Config ${file} applied:\n${inboxes.join('')}${webhooks.join('')}`;
}
