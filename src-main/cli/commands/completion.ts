/** `hookbench completion <shell>`: the shell's completion script; `--complete` answers the script's questions. */
import { Argument, Option } from 'commander';
import { commandNamed } from '../commandTable';
import { action, EXIT_OK, UsageError, type RegisterCommand } from '../context';
import { COMPLETION_SCRIPTS, SHELLS, type Shell } from '../completion/scripts';

export const registerCompletion: RegisterCommand = (command, ctx) => {
  command
    .description(
      'Print the completion script for bash, zsh or fish: commands, options and option values complete on Tab. ' +
        'Each script says where to install it; e.g. `hookbench completion bash > ~/.local/share/bash-completion/completions/hookbench`.',
    )
    // The choices are listed in help and completion; they are checked below, since with --complete
    // the words to complete come where the shell would.
    .addArgument(new Argument('[shell]', 'the shell').choices([...SHELLS]).argParser((value) => value))
    .addOption(new Option('--complete', 'answer a completion script: the words follow after --').hideHelp())
    .allowExcessArguments(true)
    .action(async (shell: Shell | undefined, opts: { complete?: boolean }, cmd) =>
      action(ctx, async () => {
        if (opts.complete) {
          const words = cmd.args;
          const [{ buildProgram }, { complete, completionText }] = await Promise.all([
            import('../main'),
            import('../completion/candidates'),
          ]);
          // A quiet program: only the command being completed needs its options.
          const program = await buildProgram(
            { io: { ...ctx.io, stdout: ctx.io.stderr }, exitCode: EXIT_OK },
            commandNamed(words),
          );
          ctx.io.stdout.write(completionText(complete(program, words)));
          return EXIT_OK;
        }
        if (shell === undefined || !(SHELLS as readonly string[]).includes(shell))
          throw new UsageError(`name a shell: ${SHELLS.join(', ')}${shell === undefined ? '' : ` (got "${shell}")`}`);
        ctx.io.stdout.write(COMPLETION_SCRIPTS[shell]);
        return EXIT_OK;
      })(opts, cmd),
    );
};
