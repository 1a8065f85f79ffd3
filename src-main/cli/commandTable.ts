/**
 * Every `hookbench` command, in help order: its name, its one-line summary, and how to load it.
 * A command's module is imported only when that command runs (or when every command is wanted,
 * as for shell completion), so `hookbench sign` never loads the engine's store, receiver or
 * web host. Adding a command is a module in commands/ and one line here.
 */
import { EXPORT_FORMATS } from '../api/exportFormats';
import type { RegisterCommand } from './context';

export interface CommandEntry {
  name: string;
  summary: string;
  /** The module's register function, which adds options, description and action to the command. */
  load: () => Promise<RegisterCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'sign',
    summary: 'print the signature headers for a body',
    load: async () => (await import('./commands/sign')).registerSign,
  },
  {
    name: 'verify',
    summary: 'check a request signature (exit 0 valid, 1 invalid)',
    load: async () => (await import('./commands/verify')).registerVerify,
  },
  {
    name: 'vectors',
    summary: 'print the signing test vectors for every scheme as JSON',
    load: async () => (await import('./commands/vectors')).registerVectors,
  },
  {
    name: 'listen',
    summary: 'run the local receiver with one inbox until Ctrl-C',
    load: async () => (await import('./commands/listen')).registerListen,
  },
  {
    name: 'send',
    summary: 'deliver one event through the real engine (exit 0 delivered, 1 failed)',
    load: async () => (await import('./commands/send')).registerSend,
  },
  {
    name: 'serve',
    summary: 'run the web UI, WebSocket and REST API on 127.0.0.1 (until Ctrl+C)',
    load: async () => (await import('./commands/serve')).registerServe,
  },
  {
    name: 'export',
    summary: `export deliveries or received requests (${EXPORT_FORMATS.map((f) => f.toUpperCase()).join(', ')}) with filters`,
    load: async () => (await import('./commands/export')).registerExport,
  },
  {
    name: 'config',
    summary: 'write the workspace as hookbench.config.json (export), or check one (check)',
    load: async () => (await import('./commands/config')).registerConfig,
  },
  {
    name: 'recover',
    summary: 'send every failed delivery since a time again, and report the outcomes',
    load: async () => (await import('./commands/recover')).registerRecover,
  },
  {
    name: 'catalog',
    summary: 'import, export, list event catalogs; validate a payload against a type’s schema',
    load: async () => (await import('./commands/catalog')).registerCatalog,
  },
  {
    name: 'diff',
    summary: 'compare two requests or delivery attempts (exit 0 identical, 1 different)',
    load: async () => (await import('./commands/diff')).registerDiff,
  },
  {
    name: 'completion',
    summary: 'print the Tab-completion script for bash, zsh or fish',
    load: async () => (await import('./commands/completion')).registerCompletion,
  },
];

/**
 * The command a command line runs, if any: the first word that is not an option (`hookbench
 * help <name>` asks for <name>). The program's own options (-h, -V) take no value, so the first
 * such word is the command.
 */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === name);
}
