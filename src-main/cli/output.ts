/** Human lines by default, JSON (one object per line) with --json. Errors and notes go to stderr. */
import type { Command } from 'commander';
import { colorEnabled, painter, type Paint } from './color';
import type { CliIo } from './context';

export class Output {
  /** Colours a part of a human line (a verdict, a failure) on a terminal; plain text otherwise. */
  readonly paint: Paint;

  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {
    this.paint = painter(!json && colorEnabled(io.stdout));
  }

  /** One human line (suppressed with --json, where stdout carries only JSON). */
  line(text = ''): void {
    if (!this.json) this.io.stdout.write(`${text}\n`);
  }

  /** One JSON value on its own line (only with --json). */
  record(value: unknown): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** The same result either way: human lines, or one JSON object. */
  result(human: string | string[], value: unknown): void {
    if (this.json) this.record(value);
    else for (const l of Array.isArray(human) ? human : [human]) this.line(l);
  }

  /** A note for the person (stderr, both modes). */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}

/** Adds the shared --json flag to a command. */
export function withJsonOption(cmd: Command): Command {
  return cmd.option('--json', 'print JSON for scripts instead of human-readable lines');
}

/** A fixed-width label column. */
export const pad = (text: string, width: number) => (text.length >= width ? `${text} ` : text.padEnd(width));

/** A verification failure reason as words (`bad_signature` → `bad signature`). */
export function reasonText(reason: string): string {
  switch (reason) {
    case 'stale':
      return 'stale timestamp';
    case 'future':
      return 'timestamp in the future';
    case 'body_truncated':
      return 'body too large';
    default:
      return reason.replace(/_/g, ' ');
  }
}
