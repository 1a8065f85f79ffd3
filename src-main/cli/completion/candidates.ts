/**
 * What a shell should offer for a partly typed command line, read from the commander program
 * itself — commands, subcommands, options, option choices — so completion never lists a command
 * or option the program does not have. The shell scripts (scripts.ts) ask `hookbench completion
 * --complete -- <words>` and show the answer.
 */
import type { Argument, Command, Option } from 'commander';

export interface Completion {
  /** words: offer `words`; files / dirs: let the shell complete paths. */
  kind: 'words' | 'files' | 'dirs';
  words: { value: string; description: string }[];
}

const NOTHING: Completion = { kind: 'words', words: [] };

/** A value that names a file or directory: `<file>`, `<dir>`, `<folder>`, or a `--…-file` / `--…-dir` option. */
function pathKind(valueName: string, flag = ''): Completion['kind'] | undefined {
  if (/^(dir|folder)$/.test(valueName) || flag.endsWith('-dir')) return 'dirs';
  if (valueName === 'file' || flag.endsWith('-file')) return 'files';
  return undefined;
}

/** `<file>` / `[file]` → `file`. */
const valueNameOf = (flags: string) => /[<[]([\w-]+)(?:\.\.\.)?[>\]]/.exec(flags)?.[1] ?? '';

function valuesFor(option: Option, current: string): Completion {
  if (option.argChoices)
    return wordsFrom(
      option.argChoices.map((value) => ({ value, description: '' })),
      current,
    );
  const kind = pathKind(valueNameOf(option.flags), option.long);
  return kind ? { kind, words: [] } : NOTHING;
}

function wordsFrom(words: Completion['words'], current: string): Completion {
  return { kind: 'words', words: words.filter((w) => w.value.startsWith(current)) };
}

/** A description's first sentence, for a one-line hint. */
const firstSentence = (text: string) => /^.*?[.:](?=\s|$)/.exec(text)?.[0].replace(/[.:]$/, '') ?? text;

/** What the command's help lists: its visible subcommands (and `help`). */
const visibleCommands = (cmd: Command) => cmd.createHelp().visibleCommands(cmd);

function argumentFor(cmd: Command, index: number): Argument | undefined {
  const args = cmd.registeredArguments;
  const last = args.at(-1);
  return args[index] ?? (last?.variadic ? last : undefined);
}

/**
 * `words` are the words after the program's name; the last one is the word being completed
 * ('' when the cursor starts a new word).
 */
export function complete(program: Command, words: readonly string[]): Completion {
  const current = words.at(-1) ?? '';
  let cmd = program;
  let pendingValue: Option | undefined;
  let operands = 0;
  for (const word of words.slice(0, -1)) {
    if (pendingValue) {
      pendingValue = undefined;
      continue;
    }
    if (word === '--') continue;
    if (word.startsWith('-')) {
      const option = cmd.options.find((o) => o.long === word || o.short === word);
      if (option?.required) pendingValue = option; // `--x <value>`: the next word is its value
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub) {
      cmd = sub;
      operands = 0;
    } else operands++;
  }
  if (pendingValue) return valuesFor(pendingValue, current);
  if (current.startsWith('-')) {
    // What the command's help lists: its visible options and --help.
    const options = cmd
      .createHelp()
      .visibleOptions(cmd)
      .filter((o) => o.long);
    return wordsFrom(
      options.map((o) => ({ value: o.long!, description: o.description })),
      current,
    );
  }
  const subs = visibleCommands(cmd);
  if (subs.length > 0) {
    return wordsFrom(
      subs.map((c) => ({ value: c.name(), description: c.summary() || firstSentence(c.description()) })),
      current,
    );
  }
  const argument = argumentFor(cmd, operands);
  if (argument?.argChoices) {
    return wordsFrom(
      argument.argChoices.map((value) => ({ value, description: '' })),
      current,
    );
  }
  const kind = argument ? pathKind(argument.name()) : undefined;
  return kind ? { kind, words: [] } : NOTHING;
}

/** The answer as the shell scripts read it: the kind on the first line, then `value<TAB>description` lines. */
export function completionText(c: Completion): string {
  return [c.kind, ...c.words.map((w) => (w.description ? `${w.value}\t${w.description}` : w.value))].join('\n') + '\n';
}
