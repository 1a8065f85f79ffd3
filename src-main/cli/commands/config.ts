/** `hookbench config export | check`: the workspace as `hookbench.config.json`, and checking such a file. */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE_NAME } from '../../api/configFile';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { defaultDataDir } from '../../engine/defaultDataDir';
import { action, EXIT_OK, withOptionErrors, type CliContext, type RegisterCommand } from '../context';

interface ExportOptions {
  dataDir?: string;
  out?: string;
}

export const registerConfig: RegisterCommand = (command, ctx) => {
  command.description(
    `Config as code: ${CONFIG_FILE_NAME} lists inboxes (scheme, secrets, response rule, forwarding per event type) ` +
      'and webhooks; `hookbench serve --config <file>` and `hookbench listen --config <file>` apply it. ' +
      'Secrets are written as { "env": "VARIABLE" } and read from the environment.',
  );
  const exportCmd: Command = command
    .command('export')
    .description(
      'Write the inboxes and webhooks of a data directory as a config file. No secret is written: each becomes an ' +
        'environment variable reference, and the variables to set are listed on stderr.',
    )
    .option('--data-dir <dir>', `data directory (default: ${defaultDataDir()})`)
    .option('--out <file>', 'write the config here (default: stdout)');
  exportCmd.action(action<ExportOptions>(ctx, (opts) => exportConfig(opts, ctx)));

  const checkCmd: Command = command
    .command('check')
    .description(
      'Read a config file as serve and listen would (JSON, fields, environment variables) and say what it holds; ' +
        'nothing is written. Exit 0 when it is valid, 2 when not.',
    )
    .argument('[file]', 'the config file', CONFIG_FILE_NAME);
  // Commander passes the argument before the options.
  checkCmd.action((file: string, opts: object, c: Command) => action(ctx, () => checkConfig(file, ctx))(opts, c));
};

async function exportConfig(opts: ExportOptions, ctx: CliContext): Promise<number> {
  const [{ existingDataDir }, { Workbench, writeFileSafely }, { configOf }, { schemaRefFrom }] = await Promise.all([
    import('../dataDirOption'),
    import('../../engine/workbench'),
    import('../config/export'),
    import('../config/schemaFile'),
  ]);
  const dataDir = existingDataDir(opts.dataDir);
  const wb = await Workbench.open({ dataDir, receiver: false, deliver: false, lockOwner: 'hookbench config export' });
  let exported;
  try {
    exported = configOf(
      wb['inboxes.list']({ workspaceId: DEFAULT_WORKSPACE_ID }),
      wb['webhooks.list']({ workspaceId: DEFAULT_WORKSPACE_ID }),
      schemaRefFrom(opts.out !== undefined ? dirname(resolve(opts.out)) : process.cwd()),
    );
  } finally {
    await wb.close();
  }
  const text = `${JSON.stringify(exported.config, null, 2)}\n`;
  // Written whole or not at all, 0600, never through a link; a folder that is not there is a usage error.
  if (opts.out !== undefined)
    await withOptionErrors({ path: '--out' }, () =>
      writeFileSafely(resolve(opts.out!), async (file) => {
        file.write(text);
      }),
    );
  else ctx.io.stdout.write(text);

  const { inboxes = [], webhooks = [] } = exported.config;
  const where = opts.out !== undefined ? ` to ${opts.out}` : '';
  ctx.io.stderr.write(
    `exported ${count(inboxes.length, 'inbox', 'inboxes')} and ${count(webhooks.length, 'webhook')}${where}\n`,
  );
  if (exported.variables.length > 0)
    ctx.io.stderr.write(
      `The file holds no secrets. Set these environment variables to the secrets (shown in each inbox's and webhook's settings) before loading it:\n` +
        exported.variables.map((v) => `  ${v}\n`).join(''),
    );
  return EXIT_OK;
}

async function checkConfig(file: string, ctx: CliContext): Promise<number> {
  const { loadConfigFile } = await import('../config/load');
  const config = await loadConfigFile(file, process.env);
  const parts = [count(config.inboxes.length, 'inbox', 'inboxes'), count(config.webhooks.length, 'webhook')];
  if (config.expect) parts.push(count(config.expect.events.length, 'expectation'));
  ctx.io.stdout.write(`${file}: valid (${parts.join(', ')})\n`);
  return EXIT_OK;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
