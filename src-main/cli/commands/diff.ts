/**
 * `hookbench diff <left> <right>`: compare two received requests and/or delivery attempts from a
 * data directory — headers, body (bytes, JSON by path, text), timing — and say what the
 * differences imply for a signature. Exit 0 when identical, 1 when they differ (like diff(1)).
 */
import { existingDataDir } from '../dataDirOption';
import type { Command } from 'commander';
import type { DiffResult, DiffSide, Explanation, HeaderChange } from '../../api/diffTypes';
import { isHookbenchError } from '../../api/errors';
import { defaultDataDir, Workbench } from '../../engine/workbench';
import {
  action,
  EXIT_FAILED,
  EXIT_OK,
  UsageError,
  withOptionErrors,
  type CliContext,
  type RegisterCommand,
} from '../context';
import { Output, pad, withJsonOption } from '../output';

interface DiffOptions {
  dataDir?: string;
  json?: boolean;
}

const MAX_PATHS = 20;
const FIELDS = { left: '<left>', right: '<right>' };

/** A subject that is not stored is a wrong argument (exit 2), not a difference (exit 1). */
export async function missingAsUsage<T>(fields: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isHookbenchError(e) && e.code === 'not_found')
      throw new UsageError(`${fields[e.field ?? ''] ?? e.field ?? 'id'}: ${e.message}`);
    throw e;
  }
}

export const registerDiff: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Compare two received requests and/or delivery attempts stored in a data directory: req_… is a received request, ' +
        "dlv_… a delivery's latest attempt, dlv_…#2 its attempt 2. Prints the headers side by side, the body verdict " +
        '(bytes, JSON changes by path, key order and whitespace apart from values, or a text patch), the timing, and what ' +
        'the differences imply for a signature. Exit 0 when identical, 1 when they differ.',
    )
    .argument('<left>', 'the reference: what was sent, or the earlier request')
    .argument('<right>', 'the one to compare with it')
    .option('--data-dir <dir>', `data directory (default: ${defaultDataDir()})`);
  withJsonOption(cmd);
  // Commander passes the arguments before the options.
  cmd.action((left: string, right: string, opts: DiffOptions, c: Command) =>
    action<DiffOptions>(ctx, (o) => diff(left, right, o, ctx))(opts, c),
  );
};

/** Opens a data directory for reading: no receiver, no deliveries sent. */
export async function openForReading(dataDir: string | undefined, owner: string): Promise<Workbench> {
  const dir = existingDataDir(dataDir);
  return Workbench.open({ dataDir: dir, receiver: false, deliver: false, lockOwner: owner });
}

async function diff(left: string, right: string, opts: DiffOptions, ctx: CliContext): Promise<number> {
  const out = new Output(ctx.io, opts.json === true);
  const wb = await openForReading(opts.dataDir, 'hookbench diff');
  try {
    const result = await missingAsUsage(FIELDS, () =>
      withOptionErrors(FIELDS, () => wb['diff.compare']({ left, right })),
    );
    out.result(describeDiff(result), result);
    return result.identical ? EXIT_OK : EXIT_FAILED;
  } finally {
    await wb.close();
  }
}

const time = (ms: number) => new Date(ms).toISOString();
const seconds = (ms: number) => `${ms >= 0 ? '+' : '−'}${(Math.abs(ms) / 1000).toFixed(3)} s`;
const values = (v: string[]) => (v.length === 0 ? '' : v.join(' | '));
const short = (v: unknown, max = 60) => {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

function sideLine(name: string, s: DiffSide): string {
  const status = s.responseStatus === null ? 'no answer' : `answered ${s.responseStatus}`;
  const verdict = s.verdict ? `, ${s.verdict.valid ? 'valid' : `invalid: ${s.verdict.reason ?? ''}`}` : '';
  return `${name}: ${s.label}  ${s.method} ${s.url}  ${time(s.at)}${s.durationMs === null ? '' : ` (${s.durationMs} ms)`}, ${status}${verdict}`;
}

const MARK: Record<HeaderChange['kind'], string> = { same: '=', changed: '~', added: '+', removed: '-' };

function headerLines(d: DiffResult): string[] {
  const width = Math.min(32, Math.max(...d.headers.changes.map((c) => (c.rightName ?? c.leftName ?? '').length))) + 2;
  const lines = d.headers.changes.map((c) => {
    const name = c.kind === 'added' ? c.rightName! : c.leftName!;
    const value =
      c.kind === 'changed' ? `${values(c.left)} → ${values(c.right)}` : values(c.kind === 'added' ? c.right : c.left);
    const tags = [
      c.nameCaseChanged ? `name ${c.leftName} → ${c.rightName}` : '',
      c.transport ? 'transport' : '',
      c.redacted ? 'redacted' : '',
    ].filter(Boolean);
    return `  ${MARK[c.kind]} ${pad(name, width)}${value}${tags.length ? `  (${tags.join(', ')})` : ''}`;
  });
  const { added, removed, changed } = d.headers.counts;
  const summary = `headers: ${added} added, ${removed} removed, ${changed} changed${d.headers.orderChanged ? ', order differs' : ''}`;
  return [summary, ...lines];
}

function bodyLines(d: DiffResult): string[] {
  const b = d.body;
  const kinds = b.leftKind === b.rightKind ? b.leftKind : `${b.leftKind} → ${b.rightKind}`;
  if (b.bytes.equal) return [`body: identical bytes (${b.bytes.leftSize} bytes, ${kinds})`];
  const lines = [
    `body: differs from byte ${b.bytes.firstDifferenceAt} (${b.bytes.leftSize} → ${b.bytes.rightSize} bytes, ${kinds})`,
  ];
  if (b.json) {
    const j = b.json;
    lines.push(
      j.valuesEqual
        ? '  JSON values: equal'
        : `  JSON values: ${j.changes.length}${j.changesTruncated ? '+' : ''} change${j.changes.length === 1 ? '' : 's'}`,
    );
    for (const c of j.changes.slice(0, MAX_PATHS)) {
      const what =
        c.kind === 'added'
          ? `added ${short(c.right)}`
          : c.kind === 'removed'
            ? `removed (was ${short(c.left)})`
            : `${short(c.left)} → ${short(c.right)}${c.kind === 'type_changed' ? ` (${c.leftType} → ${c.rightType})` : ''}`;
      lines.push(`    ${c.path}  ${what}`);
    }
    if (j.changes.length > MAX_PATHS) lines.push(`    … and ${j.changes.length - MAX_PATHS} more (--json lists them)`);
    for (const o of j.keyOrderChanges.slice(0, MAX_PATHS))
      lines.push(`  key order at ${o.path}: ${o.left.join(', ')} → ${o.right.join(', ')}`);
    if (j.whitespaceChanged)
      lines.push(
        `  whitespace: ${j.formatting.left.indent}${j.formatting.left.trailingNewline ? ' + newline' : ''} → ${j.formatting.right.indent}${j.formatting.right.trailingNewline ? ' + newline' : ''}`,
      );
    if (j.spellingChanged) lines.push('  strings or numbers written differently for equal values');
  } else if (b.text) {
    lines.push(
      `  text: ${b.text.removedLines} line(s) removed, ${b.text.addedLines} added`,
      ...b.text.patch
        .trimEnd()
        .split('\n')
        .map((l) => `    ${l}`),
    );
  }
  if (b.bytes.context && !b.text) {
    const { left, right } = b.bytes.context;
    lines.push(
      `  bytes from offset ${left.offset}:`,
      `    left   ${left.hex}`,
      `    right  ${right.hex}`,
      `    left   ${left.ascii}`,
      `    right  ${right.ascii}`,
    );
  }
  if (b.note) lines.push(`  (${b.note})`);
  return lines;
}

export function explanationLines(explanations: Explanation[]): string[] {
  return explanations.map((e) => `  ${e.level === 'cause' ? '✗' : '·'} ${e.message}`);
}

/** The human report: both sides, headers, body, timing, explanation. */
export function describeDiff(d: DiffResult): string[] {
  const t = d.timing;
  return [
    sideLine('left ', d.left),
    sideLine('right', d.right),
    ...(d.methodChanged || d.pathChanged
      ? [`request line: ${d.left.method} ${d.left.path} → ${d.right.method} ${d.right.path}`]
      : []),
    '',
    ...headerLines(d),
    '',
    ...bodyLines(d),
    '',
    `timing: right came ${seconds(t.gapMs)} after left; durations ${t.leftDurationMs ?? '–'} ms / ${t.rightDurationMs ?? '–'} ms`,
    '',
    d.identical ? 'explanation (identical):' : 'explanation:',
    ...explanationLines(d.explanations),
  ];
}
