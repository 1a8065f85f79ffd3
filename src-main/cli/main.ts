/**
 * The `hookbench` command line: one commander program, one module per command. Returns the
 * exit code (0 ok, 1 check or delivery failed, 2 usage error) instead of exiting, so the
 * process ends only when every stream has drained.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_USAGE, exitCodeOf, processIo, type CliContext, type CliIo } from './context';
import { colorEnabled, painter } from './color';
import { COMMANDS, commandNamed, type CommandEntry } from './commandTable';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

/**
 * The program with every command listed; `load` says which commands get their options and
 * action (the one being run, or all of them, e.g. for completion scripts). The others are
 * listed by name and summary only, which is all the top-level help shows.
 */
export async function buildProgram(ctx: CliContext, load: 'all' | CommandEntry | undefined): Promise<Command> {
  const { io } = ctx;
  const program = new Command('hookbench')
    .description('Hookbench: sign, verify, send and receive webhooks; serve the workbench; export its logs.')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 check or delivery failed, 2 usage error (a bad option, or a data directory that cannot be used). Most commands take --json for scripts.',
    )
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHasColors: () => colorEnabled(io.stdout),
      getErrHasColors: () => colorEnabled(io.stderr),
    })
    .configureHelp({ styleTitle: (title) => painter(true)('bold', title) })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError();
  for (const entry of COMMANDS) {
    const command = program.command(entry.name).summary(entry.summary);
    if (load === 'all' || load === entry) (await entry.load())(command, ctx);
  }
  return program;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT_OK };
  try {
    const program = await buildProgram(ctx, commandNamed(argv));
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed the help, version or error message. Help and version
      // come back with exit code 0; everything else it reports is a usage error.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    // One line, never a stack: a HookbenchError's message says what happened and what to do.
    io.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return exitCodeOf(e);
  }
}
