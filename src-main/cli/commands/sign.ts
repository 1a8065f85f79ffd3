/** `hookbench sign`: the headers a sender would add for a body, with any scheme and secret(s). */
import type { Command } from 'commander';
import type { SchemeName } from '../../api/schemas';
import { newId } from '../../engine/ids';
import { getScheme } from '../../engine/signing/registry';
import { action, EXIT_OK, UsageError, withOptionErrors, type RegisterCommand } from '../context';
import { collect, integer, schemeOption } from '../options';
import { Output, withJsonOption } from '../output';
import { readBody } from '../readBody';

interface SignOptions {
  scheme: SchemeName;
  secret?: string[];
  id?: string;
  timestamp?: number;
  event: string;
  body?: string;
  bodyFile?: string;
  json?: boolean;
}

export const registerSign: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Print the headers a sender adds to sign a body (Name: value lines, or {"headers": {...}} with --json).',
    )
    .addOption(schemeOption('signing scheme').makeOptionMandatory())
    .option('--secret <secret>', 'signing secret; repeat to sign with several (rotation, newest first)', collect)
    .option('--id <id>', 'message / delivery id (default: a fresh msg_… id)')
    .option('--timestamp <unix>', 'unix seconds (default: now)', integer('--timestamp', 0))
    .option('--event <type>', 'event type for schemes with an event header', 'webhook.test')
    .option('--body <text>', 'the body to sign (its UTF-8 bytes)')
    .option('--body-file <path>', 'read the body from a file, - for stdin (bytes as is)');
  withJsonOption(cmd).action(
    action<SignOptions>(ctx, async (opts) => {
      const out = new Output(ctx.io, opts.json === true);
      const scheme = getScheme(opts.scheme);
      const secrets = opts.secret ?? [];
      if (secrets.length === 0 && opts.scheme !== 'none')
        throw new UsageError(`--secret is required for scheme ${opts.scheme}`);
      const body = await readBody({ value: opts.body, file: opts.bodyFile }, ctx.io);
      const headers = await withOptionErrors({ secret: '--secret', timestamp: '--timestamp', id: '--id' }, () => {
        for (const s of secrets) scheme.checkSecret(s);
        return scheme.sign({
          id: opts.id ?? newId('msg'),
          timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
          eventType: opts.event,
          body,
          secrets,
        });
      });
      out.result(
        Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        { headers },
      );
      if (!out.json && Object.keys(headers).length === 0) out.note('(scheme none adds no headers)');
      return EXIT_OK;
    }),
  );
};
