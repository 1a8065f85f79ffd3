/** `hookbench serve`: the Workbench and the web host (UI, WebSocket, REST) until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import { DEFAULT_RECEIVER_PORT } from '../../api/receiverAddress';
import { defaultDataDir } from '../../engine/defaultDataDir';
import { launchWebHost, lineLog, receiverLine, untilSignal, webHostLine } from '../../host/launch';
import { DEFAULT_WEB_PORT } from '../../host/webHost';
import { action, EXIT_OK, type CliContext, type RegisterCommand } from '../context';
import { integer } from '../options';

interface ServeOptions {
  port: number;
  dataDir?: string;
  receiverPort?: number;
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
    );
  cmd.action(action<ServeOptions>(ctx, (opts) => serve(opts, ctx)));
};

async function serve(opts: ServeOptions, ctx: CliContext): Promise<number> {
  const { signal, release } = untilSignal();
  try {
    const dataDir = opts.dataDir ?? defaultDataDir();
    const log = lineLog((line) => ctx.io.stderr.write(`${line}\n`));
    const launched = await launchWebHost({
      dataDir,
      port: opts.port,
      receiverPort: opts.receiverPort,
      lockOwner: 'hookbench serve',
      log,
    });
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
