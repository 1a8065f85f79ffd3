/** `hookbench export`: deliveries or received requests, filtered, streamed to a file or stdout as NDJSON, CSV or HAR. */
import { existingDataDir } from '../dataDirOption';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_WORKSPACE_ID } from '../../api/defaultWorkspace';
import { HookbenchError } from '../../api/errors';
import { DELIVERY_STATUSES } from '../../api/schemas';
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  exportFileName,
  type ExportFormat,
  type ExportKind,
} from '../../api/exportFormats';
import { exportSchema, SCHEMA_FILTERS } from '../../api/logSchemas';
import { parseInput } from '../../api/schemas';
import { defaultDataDir, Workbench } from '../../engine/workbench';
import { parseTime } from '../timeOption';
import { action, EXIT_OK, UsageError, withOptionErrors, type CliContext, type RegisterCommand } from '../context';

interface ExportOptions {
  format: ExportFormat;
  kind: ExportKind;
  status?: string;
  webhook?: string;
  inbox?: string;
  event?: string;
  httpStatus?: string;
  schema?: string;
  since?: string;
  until?: string;
  q?: string;
  workspace?: string;
  out?: string;
  dataDir?: string;
}

/** Export input field → the option that supplied it. */
const FIELDS: Record<string, string> = {
  kind: '--kind',
  format: '--format',
  'filters.status': '--status',
  'filters.webhookId': '--webhook',
  'filters.inboxId': '--inbox',
  'filters.eventType': '--event',
  'filters.httpStatus': '--http-status',
  'filters.schema': '--schema',
  'filters.from': '--since',
  'filters.to': '--until',
  'filters.q': '--q',
  'filters.workspaceId': '--workspace',
};

export const registerExport: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Stream deliveries (sender side) or received requests (receiver side) from a data directory to a file or stdout, ' +
        'with the same filters as the inspector. Secrets are never exported. A summary (rows, bytes) goes to stderr.',
    )
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'what to export').choices([...EXPORT_KINDS]).default('deliveries'))
    .option('--status <list>', `deliveries only: statuses, comma-separated (${DELIVERY_STATUSES.join(', ')})`)
    .option('--webhook <id>', 'deliveries only: one webhook')
    .option('--inbox <id>', 'requests only: one inbox (or "unrouted")')
    .option('--event <type>', 'deliveries only: one event type')
    .option('--http-status <code>', 'an HTTP status like 404, or a class like 5xx (0 = no response)')
    .addOption(
      new Option('--schema <verdict>', 'requests only: the schema verdict of an inbox bound to a catalog').choices([
        ...SCHEMA_FILTERS,
      ]),
    )
    .option('--since <time>', 'from this time on: ISO 8601, epoch milliseconds, or a span back from now (2h, 7d)')
    .option('--until <time>', 'up to this time: ISO 8601, epoch milliseconds, or a span back from now')
    .option('--q <text>', 'free-text search in payloads')
    .option('--workspace <id>', `workspace (default: ${DEFAULT_WORKSPACE_ID})`)
    .option('--out <file>', 'write here; into a folder under the dated name the app uses (default: stdout)')
    .option('--data-dir <dir>', `data directory (default: ${defaultDataDir()})`);
  cmd.action(action<ExportOptions>(ctx, (opts) => runExport(opts, ctx)));
};

/** The options as an export input (not yet validated). */
function exportInput(opts: ExportOptions): unknown {
  const only = (flag: string, kind: ExportKind) => {
    if (opts.kind !== kind) throw new UsageError(`${flag} applies to --kind ${kind} only`);
  };
  const filters: Record<string, unknown> = {};
  if (opts.workspace !== undefined) filters.workspaceId = opts.workspace;
  if (opts.status !== undefined) {
    only('--status', 'deliveries');
    filters.status = opts.status
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (opts.webhook !== undefined) {
    only('--webhook', 'deliveries');
    filters.webhookId = opts.webhook;
  }
  if (opts.event !== undefined) {
    only('--event', 'deliveries');
    filters.eventType = opts.event;
  }
  if (opts.inbox !== undefined) {
    only('--inbox', 'requests');
    filters.inboxId = opts.inbox;
  }
  if (opts.httpStatus !== undefined)
    filters.httpStatus = /^\d+$/.test(opts.httpStatus.trim()) ? Number(opts.httpStatus) : opts.httpStatus.trim();
  if (opts.schema !== undefined) {
    only('--schema', 'requests');
    filters.schema = opts.schema;
  }
  if (opts.since !== undefined) filters.from = parseTime(opts.since, '--since');
  if (opts.until !== undefined) filters.to = parseTime(opts.until, '--until');
  if (opts.q !== undefined) filters.q = opts.q;
  return { kind: opts.kind, format: opts.format, filters };
}

function validated(opts: ExportOptions) {
  try {
    return parseInput(exportSchema, exportInput(opts));
  } catch (e) {
    if (!(e instanceof HookbenchError) || e.code !== 'validation') throw e;
    const field = (e.field ?? '').split('.').slice(0, 2).join('.');
    const option = FIELDS[field] ?? FIELDS[field.split('.')[0]!];
    const message = e.issues?.[0]?.message ?? e.message;
    throw new UsageError(option ? `${option}: ${message}` : message);
  }
}

async function runExport(opts: ExportOptions, ctx: CliContext): Promise<number> {
  const input = validated(opts);
  const dataDir = existingDataDir(opts.dataDir);

  // Opening may write (migrations, sealing old secrets), so export takes the data directory's lock
  // like every other face; it starts neither the receiver nor the delivery engine.
  const wb = await Workbench.open({ dataDir, receiver: false, deliver: false, lockOwner: 'hookbench export' });
  try {
    const workspaceId = input.filters.workspaceId ?? DEFAULT_WORKSPACE_ID;
    if (!wb['workspaces.list']().some((w) => w.id === workspaceId))
      throw new UsageError(`--workspace: no workspace ${workspaceId}`);

    // A file is written whole or not at all, 0600, never through a link (Workbench.exportToFile);
    // a relative --out is relative to where the command runs.
    const out = opts.out !== undefined ? outPath(opts.out, input.kind, input.format) : undefined;
    const { rows, bytes } =
      out !== undefined
        ? await withOptionErrors({ path: '--out' }, () => wb.exportToFile(input, out))
        : await wb.exportToStream(input, ctx.io.stdout);
    const what =
      input.kind === 'deliveries' ? `delivery attempt${rows === 1 ? '' : 's'}` : `request${rows === 1 ? '' : 's'}`;
    const where = out !== undefined ? ` to ${out}` : '';
    ctx.io.stderr.write(`exported ${rows} ${what} as ${input.format.toUpperCase()} (${bytes} bytes)${where}\n`);
    return EXIT_OK;
  } finally {
    await wb.close();
  }
}

/** `--out` as an absolute path; a folder gets the file name the desktop dialog and the web download use. */
export function outPath(out: string, kind: ExportKind, format: ExportFormat, now = new Date()): string {
  const path = resolve(out);
  return isFolder(path) ? join(path, exportFileName(kind, format, now)) : path;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
