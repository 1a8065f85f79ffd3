/**
 * Colour on a terminal, never in a pipe or a file, and never with NO_COLOR set (https://no-color.org).
 * The conventions are commander's (so help text and command output agree): NO_COLOR (non-empty) or
 * FORCE_COLOR=0|false turn colour off; FORCE_COLOR or CLICOLOR_FORCE turn it on; otherwise a TTY
 * that is not TERM=dumb gets it.
 */
export type Env = Record<string, string | undefined>;

export function colorEnabled(stream: NodeJS.WritableStream, env: Env = process.env): boolean {
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR || env.CLICOLOR_FORCE !== undefined) return true;
  return (stream as { isTTY?: boolean }).isTTY === true && env.TERM !== 'dumb';
}

/** SGR codes: [on, off]. */
const STYLES = {
  good: [32, 39],
  bad: [31, 39],
  warn: [33, 39],
  dim: [2, 22],
  bold: [1, 22],
} as const;

export type Style = keyof typeof STYLES;

export type Paint = (style: Style, text: string) => string;

/** A painter for one stream: the text as is when colour is off. */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => `\u001b[${STYLES[style][0]}m${text}\u001b[${STYLES[style][1]}m`;
}
