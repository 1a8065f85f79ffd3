/** `hookbench listen`: the local receiver with one inbox, one line per request, until Ctrl-C. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { redactUrl } from '../../api/credentials';
import { dispatch } from '../../api/dispatch';
import { isHookbenchError } from '../../api/errors';
import type { Inbox, InboxScheme, ReceivedRequestSummary } from '../../api/receiverTypes';
import { DEFAULT_REJECT_STATUS, DEFAULT_TOLERANCE_SEC } from '../../api/receiverSchemas';
import { DEFAULT_RECEIVER_HOST, DEFAULT_RECEIVER_PORT } from '../../api/receiverAddress';
import { Workbench } from '../../engine/workbench';
import { lineLog } from '../../host/launch';
import { action, EXIT_FAILED, EXIT_OK, withOptionErrors, type CliContext, type RegisterCommand } from '../context';
import { collect, integer, schemeOption } from '../options';
import { Output, reasonText, withJsonOption } from '../output';

interface ListenOptions {
  port: number;
  host: string;
  scheme: InboxScheme;
  secret?: string[];
  tolerance: number;
  status: number;
  delay: number;
  forwardTo?: string;
  /** true: the flag without a status (the contract's default, 401). */
  rejectInvalid?: true | number;
  slug: string;
  dataDir?: string;
  json?: boolean;
}

/** Sender field → the option that supplied it. */
const FIELDS = {
  slug: '--slug',
  scheme: '--scheme',
  secrets: '--secret',
  toleranceSec: '--tolerance',
  'responseRule.status': '--status',
  'responseRule.delayMs': '--delay',
  forwardTo: '--forward-to',
  rejectInvalid: '--reject-invalid',
  receiverPort: '--port',
  receiverHost: '--host',
};

/** A forward still under way is written when it settles; we look again this often, at most this long. */
const FORWARD_POLL_MS = 50;
const FORWARD_WAIT_MS = 35_000;

export const registerListen: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Run the local receiver with one inbox at /in/<slug>: every request is verified, answered and printed ' +
        '(time, method, path, size, status, verdict). Ctrl-C stops it.',
    )
    .option(
      '--port <port>',
      'port to listen on (0 picks a free one)',
      integer('--port', 0, 65535),
      DEFAULT_RECEIVER_PORT,
    )
    .option('--host <host>', 'address to bind', DEFAULT_RECEIVER_HOST)
    .addOption(schemeOption('signing scheme to verify, or auto to detect it per request', ['auto']).default('auto'))
    .option(
      '--secret <secret>',
      'secret to verify with; repeat for several (default: a fresh one for a fixed scheme, none for auto)',
      collect,
    )
    .option('--tolerance <sec>', 'timestamp tolerance in seconds', integer('--tolerance', 0), DEFAULT_TOLERANCE_SEC)
    .option('--status <code>', 'HTTP status to answer with (200–599)', integer('--status'), 200)
    .option('--delay <ms>', 'wait this long before answering', integer('--delay', 0), 0)
    .option('--forward-to <url>', 're-send every request to this URL and print its answer')
    .option(
      '--reject-invalid [status]',
      `answer requests whose signature is invalid or missing with this status (400–599, default ${DEFAULT_REJECT_STATUS}) ` +
        'and a JSON body saying why, as a real handler does, instead of --status; they are not forwarded',
      integer('--reject-invalid'),
    )
    .option('--slug <name>', 'inbox slug: requests go to /in/<slug>', 'default')
    .option(
      '--data-dir <dir>',
      'keep the database (inbox and requests) here (default: a temp dir, removed afterwards)',
    );
  withJsonOption(cmd).action(action<ListenOptions>(ctx, (opts) => listen(opts, ctx)));
};

async function listen(opts: ListenOptions, ctx: CliContext): Promise<number> {
  const out = new Output(ctx.io, opts.json === true);
  const tempDir = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'hookbench-listen-')) : undefined;
  const dataDir = opts.dataDir ?? tempDir!;
  const log = lineLog((line) => out.note(line));
  let wb: Workbench;
  try {
    // Receives only: nothing is sent, and the receiver starts once the inbox is in place.
    wb = await Workbench.open({ dataDir, lockOwner: 'hookbench listen', log, deliver: false, receiver: false });
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  const pollers = new Set<NodeJS.Timeout>();
  try {
    const inbox = await withOptionErrors(FIELDS, () => upsertInbox(wb, opts));
    let bound: { url: string; port: number; host: string };
    try {
      bound = await withOptionErrors(FIELDS, () => wb.listen({ port: opts.port, host: opts.host }));
    } catch (e) {
      // Port in use, no permission: not a usage error, the command could not do its job.
      if (isHookbenchError(e) && e.code !== 'validation') {
        out.note(`error: ${e.message}`);
        return EXIT_FAILED;
      }
      throw e;
    }
    const inboxUrl = `${bound.url}/in/${inbox.slug}`;

    out.record({
      kind: 'listening',
      url: bound.url,
      port: bound.port,
      host: bound.host,
      inboxUrl,
      slug: inbox.slug,
      scheme: inbox.scheme,
      secrets: inbox.secrets,
      toleranceSec: inbox.toleranceSec,
      forwardTo: inbox.forwardTo,
      rejectInvalid: inbox.rejectInvalid,
    });
    out.line(`Listening on ${bound.url}`);
    out.line(`Inbox ${inbox.slug}: ${inboxUrl}`);
    out.line(
      `  scheme ${inbox.scheme}, answers ${inbox.responseRule.status}${inbox.responseRule.delayMs ? ` after ${inbox.responseRule.delayMs} ms` : ''}` +
        `${inbox.rejectInvalid && inbox.scheme !== 'none' ? `, rejects invalid signatures with ${inbox.rejectInvalid.status}` : ''}` +
        `${inbox.forwardTo ? `, forwards to ${inbox.forwardTo}` : ''}`,
    );
    if (inbox.rejectInvalid && inbox.scheme === 'none')
      out.line('  --reject-invalid does nothing with --scheme none: nothing is signed, so nothing is invalid');
    if (opts.secret === undefined && inbox.secrets.length > 0) out.line(`  secret (generated): ${inbox.secrets[0]}`);
    if (inbox.secrets.length === 0 && inbox.scheme !== 'none')
      out.line('  no secret: signatures cannot be checked (give --secret)');
    out.line('Press Ctrl-C to stop.');

    const stop = wb.on('request.received', (summary) => {
      // Runs inside the receiver's request handling: printing must never throw into it.
      try {
        const verdict = summary.inboxId ? wb['requests.get']({ id: summary.id }).verdict : null;
        printRequest(out, summary, verdict?.scheme ?? null, verdict?.message ?? null);
        if (summary.inboxId) watchForward(wb, summary.id, out, pollers);
      } catch (e) {
        out.note(`hookbench listen: cannot print request ${summary.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    await untilSignal();
    stop();
    out.note('stopping…');
    return EXIT_OK;
  } finally {
    for (const t of pollers) clearTimeout(t);
    await wb.close().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

/** The inbox for --slug: created, or (in a reused --data-dir) updated to these options. */
async function upsertInbox(wb: Workbench, opts: ListenOptions): Promise<Inbox> {
  const settings = {
    scheme: opts.scheme,
    secrets: opts.secret,
    toleranceSec: opts.tolerance,
    responseRule: { status: opts.status, delayMs: opts.delay },
    forwardTo: opts.forwardTo ?? null,
    rejectInvalid:
      opts.rejectInvalid === undefined ? null : opts.rejectInvalid === true ? {} : { status: opts.rejectInvalid },
  };
  const existing = (await dispatch(wb, 'inboxes.list', {})).find((i) => i.slug === opts.slug);
  if (existing) return dispatch(wb, 'inboxes.update', { id: existing.id, ...settings });
  return dispatch(wb, 'inboxes.create', { name: opts.slug, slug: opts.slug, ...settings });
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function printRequest(out: Output, r: ReceivedRequestSummary, scheme: string | null, message: string | null): void {
  const verdict =
    r.inboxId === null
      ? 'unrouted'
      : r.valid
        ? `valid (${scheme ?? '?'})`
        : `invalid: ${reasonText(r.reason ?? 'unknown')}`;
  out.record({ kind: 'request', ...r, time: new Date(r.receivedAt).toISOString(), scheme, message, verdict });
  const target = r.query ? `${r.path}?${r.query}` : r.path;
  const status = r.responseStatus === null ? 'no answer (client left)' : `→ ${r.responseStatus}`;
  const detail = !r.valid && r.inboxId !== null && message ? ` — ${message}` : '';
  const dup = r.duplicate ? ' (duplicate)' : '';
  out.line(
    `${clock(r.receivedAt)}  ${r.method} ${target}  ${formatSize(r.bodySize)}${r.bodyTruncated ? '+' : ''}  ${status}  ${verdict}${detail}${dup}`,
  );
}

/** Prints the forward's answer once it is known (it may settle after the request is stored). */
function watchForward(wb: Workbench, id: string, out: Output, pollers: Set<NodeJS.Timeout>): void {
  const deadline = Date.now() + FORWARD_WAIT_MS;
  const check = () => {
    let forward;
    try {
      forward = wb['requests.get']({ id }).forward;
    } catch {
      return; // closed meanwhile
    }
    if (!forward) return;
    if (forward.pending) {
      if (Date.now() > deadline) return;
      const t = setTimeout(() => {
        pollers.delete(t);
        check();
      }, FORWARD_POLL_MS);
      pollers.add(t);
      return;
    }
    out.record({ kind: 'forward', requestId: id, ...forward });
    out.line(
      forward.error
        ? `  forward → ${redactUrl(forward.url)}: ${forward.error}`
        : `  forward → ${redactUrl(forward.url)}: ${forward.status} in ${forward.durationMs} ms`,
    );
  };
  check();
}

function clock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
