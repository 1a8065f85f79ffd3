/**
 * `hookbench listen`: the local receiver with one inbox (or every inbox of a --config file), one
 * line per request, until Ctrl-C — or, with expectations (--expect, a config's `expect` block),
 * until every one is met (exit 0) or the time is up (exit 1, with a report).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { redactUrl } from '../../api/credentials';
import { isHookbenchError } from '../../api/errors';
import { DEFAULT_WITHIN, expectationLabel } from '../../api/expectations';
import type { Inbox } from '../../api/receiverTypes';
import { DEFAULT_REJECT_STATUS, DEFAULT_TOLERANCE_SEC } from '../../api/receiverSchemas';
import { DEFAULT_RECEIVER_HOST, DEFAULT_RECEIVER_PORT } from '../../api/receiverAddress';
import { DB_FILE_NAME, Workbench } from '../../engine/workbench';
import { lineLog } from '../../host/launch';
import { action, EXIT_FAILED, UsageError, withOptionErrors, type CliContext, type RegisterCommand } from '../context';
import { collect, integer, schemeOption } from '../options';
import { Output, withJsonOption } from '../output';
import { awaitEnd } from '../listen/expectRun';
import { expectArg, expectSchemaArg, planExpectations, withinArg, type ExpectOptions } from '../listen/expectPlan';
import { FIELDS, inboxLines, refuseInboxOptionsWithConfig, upsertInbox, type InboxOptions } from '../listen/inboxes';
import { printRequest, watchForward } from '../listen/requestLines';
import { catalogSource, importedLine, importForListen } from '../catalog/listenCatalog';
import { inboxTargets, refuseWithoutSecrets, secretSource } from '../listen/secrets';

interface ListenOptions extends InboxOptions, ExpectOptions {
  port: number;
  host: string;
  dataDir?: string;
  json?: boolean;
  config?: string;
  printUrl?: boolean;
  printSecret?: boolean;
  catalog?: string;
}

export const registerListen: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Run the local receiver with one inbox at /in/<slug> (or every inbox of --config): every request is verified, ' +
        'answered and printed (time, method, path, size, status, verdict). Ctrl-C stops it. With --expect it waits ' +
        'for those events and exits 0 once all arrived, or 1 with a report when --within runs out.',
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
      '--config <file>',
      'apply this hookbench.config.json and listen with all its inboxes (and wait for its expect block); ' +
        'the inbox options above then cannot be given',
    )
    .option(
      '--expect <type[xN]>',
      'wait for N (default 1) requests of this event type (or pattern, customer.*) with a valid signature; repeatable',
      expectArg,
    )
    .option(
      '--within <duration>',
      `how long to wait for the expectations (500ms, 30s, 2m; default ${DEFAULT_WITHIN})`,
      withinArg,
    )
    .option(
      '--expect-schema <type=file.json>',
      'the JSON body of that --expect type must also match this JSON Schema (draft-07 or 2020-12); repeatable',
      expectSchemaArg,
    )
    .option('--junit <file>', 'write the expectations as JUnit XML here (for CI test reports)')
    .option(
      '--catalog <catalog|file>',
      'check every request against a catalog’s JSON Schemas (github, stripe, shopify, slack, hookbench), or against ' +
        'an OpenAPI 3.1 / AsyncAPI document, imported first: each line then shows the schema verdict',
    )
    .addOption(new Option('--print-url', 'print only the inbox URL on stdout (other lines go to stderr)'))
    .addOption(new Option('--print-secret', 'print only the inbox secret on stdout, after the URL with --print-url'))
    .option(
      '--data-dir <dir>',
      'keep the database (inbox and requests) here (default: a temp dir, removed afterwards)',
    );
  withJsonOption(cmd).action(action<ListenOptions>(ctx, (opts, c) => listen(opts, c, ctx)));
};

async function listen(opts: ListenOptions, cmd: Command, ctx: CliContext): Promise<number> {
  const printing = opts.printUrl === true || opts.printSecret === true;
  if (opts.json && printing)
    throw new UsageError(
      `--json cannot be combined with ${opts.printUrl ? '--print-url' : '--print-secret'}: the listening record carries the URL and secrets`,
    );
  const config = opts.config === undefined ? undefined : await loadConfig(opts.config, cmd);
  const plan = await planExpectations(opts, config && { block: config.file.expect, path: config.path });
  const targets = inboxTargets(config?.file, opts);
  const catalog = opts.catalog === undefined ? undefined : await catalogSource(opts.catalog);
  const want = { expecting: plan !== null, printSecret: opts.printSecret === true, fromConfig: config !== undefined };
  // A reused data directory may hold the inboxes' secrets: they are read once it is open, before any write.
  const reused = opts.dataDir !== undefined && existsSync(join(opts.dataDir, DB_FILE_NAME));
  if (!reused) refuseWithoutSecrets(targets, new Map(), want);

  // With --print-*, stdout carries only those values: every human line goes to stderr.
  const out = new Output(printing ? { ...ctx.io, stdout: ctx.io.stderr } : ctx.io, opts.json === true);
  const tempDir = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'hookbench-listen-')) : undefined;
  const dataDir = opts.dataDir ?? tempDir!;
  const log = lineLog((line) => out.note(line));
  let wb: Workbench;
  try {
    // Receives only: nothing is sent, and the receiver starts once the inboxes are in place.
    wb = await Workbench.open({ dataDir, lockOwner: 'hookbench listen', log, deliver: false, receiver: false });
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  const pollers = new Set<NodeJS.Timeout>();
  try {
    const existing = new Map(wb['inboxes.list']({}).map((i) => [i.slug, i.secrets] as const));
    if (reused) refuseWithoutSecrets(targets, existing, want);
    const sourceOf = (inbox: Inbox) =>
      secretSource(targets.find((t) => t.slug === inbox.slug) ?? { ...inbox, secrets: undefined }, existing);
    // A --catalog document is imported before the inbox is touched: a bad one changes nothing.
    const imported = catalog ? await importForListen(wb, catalog) : null;
    const inboxes = config
      ? (await (await import('../config/apply')).applyConfig(wb, config.file)).inboxes
      : [await withOptionErrors(FIELDS, () => upsertInbox(wb, opts, catalog?.catalog ?? null))];
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
    const urlOf = (inbox: Inbox) => `${bound.url}/in/${inbox.slug}`;
    // A secret the config gave stays out of the --json record (one from --secret is the caller's own).
    const fromConfig = (inbox: Inbox) => config !== undefined && sourceOf(inbox) === 'given';

    out.record(listeningRecord(bound, inboxes, urlOf, fromConfig));
    for (const inbox of inboxes) {
      if (opts.printUrl) ctx.io.stdout.write(`${urlOf(inbox)}\n`);
      if (opts.printSecret) ctx.io.stdout.write(`${inbox.secrets[0] ?? ''}\n`);
    }
    out.line(`Listening on ${bound.url}`);
    if (inboxes.length === 0) out.line(`  ${config!.path} has no inboxes: every request is unrouted`);
    for (const inbox of inboxes)
      for (const line of inboxLines(inbox, urlOf(inbox), {
        config: config !== undefined,
        secret: sourceOf(inbox),
      }))
        out.line(line);
    if (catalog) out.line(importedLine(catalog, imported));
    if (plan)
      out.line(
        `Waiting up to ${plan.within.text} for ${plan.items.map((i) => expectationLabel(i.expectation)).join(', ')}; Ctrl-C stops.`,
      );
    else out.line('Press Ctrl-C to stop.');

    const end = awaitEnd(plan, out);
    const onRequest = wb.on('request.received', (summary) => {
      // Runs inside the receiver's request handling: printing must never throw into it.
      try {
        const request = summary.inboxId ? wb['requests.get']({ id: summary.id }) : null;
        printRequest(
          out,
          summary,
          request?.verdict?.scheme ?? null,
          request?.verdict?.message ?? null,
          request?.schemaVerdict ?? null,
        );
        if (request) watchForward(wb, summary.id, out, pollers);
        end.observe(request);
      } catch (e) {
        out.note(`hookbench listen: cannot print request ${summary.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    try {
      return await end.finished;
    } finally {
      onRequest();
    }
  } finally {
    for (const t of pollers) clearTimeout(t);
    await wb.close().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

async function loadConfig(path: string, cmd: Command) {
  refuseInboxOptionsWithConfig(cmd);
  const { loadConfigFile } = await import('../config/load');
  const abs = resolve(path);
  return { file: await loadConfigFile(abs, process.env), path: abs };
}

/** The first inbox's fields at the top (as before --config), every inbox under `inboxes`; secrets from a config stay out. */
function listeningRecord(
  bound: { url: string; port: number; host: string },
  inboxes: Inbox[],
  urlOf: (inbox: Inbox) => string,
  fromConfig: (inbox: Inbox) => boolean,
) {
  const describe = (inbox: Inbox) => ({
    inboxUrl: urlOf(inbox),
    slug: inbox.slug,
    scheme: inbox.scheme,
    ...(fromConfig(inbox) ? {} : { secrets: inbox.secrets }),
    toleranceSec: inbox.toleranceSec,
    // A URL's password (user:password@) is never printed, as in the human lines.
    forwardTo: inbox.forwardTo === null ? null : redactUrl(inbox.forwardTo),
    forwardRoutes: inbox.forwardRoutes.map((r) => ({ ...r, url: redactUrl(r.url) })),
    rejectInvalid: inbox.rejectInvalid,
    catalog: inbox.catalog,
  });
  return {
    kind: 'listening',
    url: bound.url,
    port: bound.port,
    host: bound.host,
    ...(inboxes[0] ? describe(inboxes[0]) : {}),
    inboxes: inboxes.map(describe),
  };
}
