/**
 * What every command shares: the streams it talks to, the exit code it reports, usage errors,
 * and the one way a command is added to the program.
 */
import type { Command } from 'commander';
import { isHookbenchError } from '../api/errors';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });

export interface CliContext {
  io: CliIo;
  /** Set by the command's action: 0 ok, 1 check or delivery failed (usage errors are thrown). */
  exitCode: number;
}

/** A command module adds its options, description and action to its command (named and summarised in commandTable.ts). */
export type RegisterCommand = (command: Command, ctx: CliContext) => void;

/** The user called us wrongly: printed with a usage hint, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * Wraps a command's work: its result is the exit code; a usage error (or an engine field
 * error) is reported through commander, so it reads like commander's own errors and is
 * followed by the same usage hint.
 */
export function action<O>(ctx: CliContext, fn: (opts: O, cmd: Command) => Promise<number>) {
  return async (opts: O, cmd: Command): Promise<void> => {
    try {
      ctx.exitCode = await fn(opts, cmd);
    } catch (e) {
      const usage = asUsageError(e);
      if (usage) cmd.error(`error: ${usage.message}`, { exitCode: EXIT_USAGE, code: 'hookbench.usage' });
      throw e;
    }
  };
}

/** Sender fields every command that opens a data directory takes from the same option. */
const COMMON_FIELDS: Record<string, string> = { dataDir: '--data-dir' };

function asUsageError(e: unknown): UsageError | undefined {
  if (e instanceof UsageError) return e;
  if (isHookbenchError(e) && e.code === 'validation') return optionError(e, COMMON_FIELDS);
  return undefined;
}

/**
 * The exit code for an error a command did not handle: 2 when the command line must change — a
 * usage error, or a data directory that cannot be used (in use by another process, not a
 * Hookbench database); 1 when the command could not do its job (a port in use, the network).
 */
export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return EXIT_USAGE;
  if (isHookbenchError(e) && (e.code === 'validation' || e.field === 'dataDir')) return EXIT_USAGE;
  return EXIT_FAILED;
}

/**
 * An engine field error (`secret`, `retryPolicy.delays.0`, …) as a usage error naming the
 * option that supplied the field. `fields` maps a field (or its first path segment) to the option.
 */
export function optionError(e: unknown, fields: Record<string, string>): UsageError | undefined {
  if (e instanceof UsageError) return e;
  if (!isHookbenchError(e) || e.code !== 'validation') return undefined;
  const field = e.field ?? '';
  const option = fields[field] ?? fields[field.split('.')[0]!];
  let message = e.issues?.[0]?.message ?? e.message;
  // Some engine messages already start with the field (`secrets.0: …`); the option replaces it.
  if (option && field && message.startsWith(`${field}: `)) message = message.slice(field.length + 2);
  return new UsageError(option ? `${option}: ${message}` : message);
}

/** Runs `fn`, turning an engine field error into a usage error naming the option. */
export async function withOptionErrors<T>(fields: Record<string, string>, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw optionError(e, fields) ?? e;
  }
}
