/** `hookbench send`: one delivery through the real engine, attempt by attempt, retries included. */
import { redactUrl } from '../../api/credentials';
import { MAX_INPUT_DEPTH, tooDeepAt } from '../../api/jsonDepth';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { RETRY_PRESET_NAMES, type RetryPolicy, type SchemeName } from '../../api/schemas';
import type { Attempt, DeliveryDetail, Webhook } from '../../api/types';
import { dispatch } from '../../api/dispatch';
import { Workbench } from '../../engine/workbench';
import { lineLog } from '../../host/launch';
import {
  action,
  EXIT_FAILED,
  EXIT_OK,
  UsageError,
  withOptionErrors,
  type CliContext,
  type RegisterCommand,
} from '../context';
import { integer, retryPolicy, schemeOption } from '../options';
import { Output, withJsonOption } from '../output';
import { readBodySource } from '../readBody';

interface SendOptions {
  url: string;
  scheme: SchemeName;
  secret?: string;
  event: string;
  data?: string;
  dataFile?: string;
  retry: RetryPolicy;
  jitter: boolean;
  timeout: number;
  dataDir?: string;
  json?: boolean;
}

const DEFAULT_RETRY = 'fast';

/** Sender field → the option that supplied it. */
const FIELDS = {
  url: '--url',
  scheme: '--scheme',
  secret: '--secret',
  type: '--event',
  subscriptions: '--event',
  data: '--data',
  sample: '--data',
  timeoutSec: '--timeout',
  retryPolicy: '--retry',
};

export const registerSend: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Create a webhook and fire one event at it through the delivery engine: signed, sent, retried on failure. ' +
        'Prints each attempt as it completes; exit 0 when delivered, 1 when it finally failed.',
    )
    .requiredOption('--url <url>', 'endpoint URL (http or https)')
    .addOption(schemeOption('signing scheme').makeOptionMandatory())
    .option('--secret <secret>', 'signing secret (default: a fresh one for the scheme, printed)')
    .requiredOption('--event <type>', 'event type (catalog or any category.action, registered as custom)')
    .option('--data <json>', "the event's data object (default: the type's sample payload)")
    .option('--data-file <path>', 'read the data object from a file, - for stdin')
    .option(
      '--retry <policy>',
      `retry policy: ${RETRY_PRESET_NAMES.join(', ')}, none, or delays in seconds like 1,5,30`,
      retryPolicy,
      retryPolicy(DEFAULT_RETRY),
    )
    .option('--no-jitter', 'retry exactly on the delays (no ±20 % jitter)')
    .option('--timeout <sec>', 'request timeout in seconds (1–120)', integer('--timeout'), 30)
    .option('--data-dir <dir>', 'keep the engine database here (default: a temp dir, removed afterwards)');
  withJsonOption(cmd).action(action<SendOptions>(ctx, (opts) => send(opts, ctx)));
};

async function send(opts: SendOptions, ctx: CliContext): Promise<number> {
  const out = new Output(ctx.io, opts.json === true);
  const data = await readData(opts, ctx);

  const tempDir = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'hookbench-send-')) : undefined;
  const dataDir = opts.dataDir ?? tempDir!;
  let wb: Workbench;
  try {
    // Sends only; delivering starts once the event is fired and followed (followDelivery).
    wb = await Workbench.open({
      dataDir,
      lockOwner: 'hookbench send',
      log: lineLog((line) => out.note(line)),
      receiver: false,
      deliver: false,
    });
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  try {
    const { webhook, deliveryId, eventId } = await withOptionErrors(FIELDS, async () => {
      if (!(await dispatch(wb, 'events.available', {})).some((t) => t.type === opts.event)) {
        await dispatch(wb, 'events.addCustomType', {
          type: opts.event,
          description: 'added by hookbench send',
          sample: data ?? {},
        });
      }
      const webhook = await dispatch(wb, 'webhooks.create', {
        name: `hookbench send ${opts.event}`,
        url: opts.url,
        scheme: opts.scheme,
        secret: opts.secret,
        subscriptions: [opts.event],
        retryPolicy: { ...opts.retry, jitter: opts.jitter },
        timeoutSec: opts.timeout,
      });
      // Only ours: a reused --data-dir may hold other webhooks subscribed to the same type.
      const fired = await dispatch(wb, 'events.trigger', { type: opts.event, data, webhookIds: [webhook.id] });
      const delivery = fired.deliveries[0];
      if (!delivery) throw new Error('the engine created no delivery'); // cannot happen: the webhook was just created, enabled and subscribed
      return { webhook, deliveryId: delivery.id, eventId: fired.event.id };
    });

    out.line(`POST ${redactUrl(webhook.url)}  ${opts.event} ${eventId}  scheme ${webhook.scheme}`);
    if (opts.secret === undefined && webhook.scheme !== 'none') out.line(`secret (generated): ${webhook.secret}`);

    const final = await followDelivery(wb, webhook, deliveryId, out);
    const d = final.detail;
    const summary = {
      kind: 'summary',
      ok: d.status === 'success',
      status: d.status,
      reason: final.reason,
      attempts: d.attemptCount,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      deliveryId: d.id,
      eventId,
      eventType: opts.event,
      webhookId: webhook.id,
      url: redactUrl(webhook.url),
      scheme: webhook.scheme,
      secret: webhook.secret,
      secretGenerated: opts.secret === undefined,
    };
    out.record(summary);
    const tries = `${d.attemptCount} attempt${d.attemptCount === 1 ? '' : 's'}`;
    if (d.status === 'success') out.line(`${out.paint('good', 'delivered')} after ${tries} (HTTP ${d.lastStatusCode})`);
    else
      out.line(
        `${out.paint('bad', final.reason ?? d.status)} after ${tries}${d.lastError ? ` (last: ${d.lastError})` : ''}`,
      );
    return d.status === 'success' ? EXIT_OK : EXIT_FAILED;
  } finally {
    await wb.close().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

async function readData(opts: SendOptions, ctx: CliContext): Promise<Record<string, unknown> | undefined> {
  const bytes = await readBodySource({ value: opts.data, file: opts.dataFile }, ctx.io, {
    flags: { value: '--data', file: '--data-file' },
    required: false,
  });
  if (bytes === undefined) return undefined;
  const flag = opts.data !== undefined ? '--data' : '--data-file';
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new UsageError(`${flag} is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(
      `${flag} must be a JSON object (the event's data), got ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`,
    );
  }
  const deep = tooDeepAt(parsed, MAX_INPUT_DEPTH - 1); // the data sits one level inside the event
  if (deep !== null)
    throw new UsageError(`${flag} is nested more than ${MAX_INPUT_DEPTH - 1} levels deep (at ${deep})`);
  return parsed as Record<string, unknown>;
}

interface FinalState {
  detail: DeliveryDetail;
  /** Why it stopped when not by success/failure (disabled webhook, interrupted). */
  reason: string | null;
}

const FINAL = new Set(['success', 'failed', 'cancelled']);

/** Prints each attempt as the engine records it; resolves when the delivery is final. */
function followDelivery(wb: Workbench, webhook: Webhook, deliveryId: string, out: Output): Promise<FinalState> {
  const detail = () => wb['deliveries.get']({ id: deliveryId });
  return new Promise<FinalState>((resolve) => {
    const stops: (() => void)[] = [];
    const finish = (reason: string | null) => {
      for (const stop of stops) stop();
      resolve({ detail: detail(), reason });
    };
    stops.push(
      wb.on('attempt.recorded', (attempt) => {
        if (attempt.deliveryId !== deliveryId) return;
        const d = detail();
        printAttempt(out, attempt, d);
        if (FINAL.has(d.status)) finish(null);
      }),
    );
    // The engine pauses a disabled webhook's retries (410 Gone disables at once; so do 10 consecutive failures).
    stops.push(
      wb.on('webhook.changed', ({ webhook: w, id }) => {
        if (id !== webhook.id || !w || w.enabled) return;
        const d = detail();
        if (!FINAL.has(d.status)) finish(`webhook disabled: ${w.disabledReason ?? 'disabled'}`);
      }),
    );
    const interrupted = () => finish('interrupted');
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    stops.push(() => {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    });
    wb.startDelivering();
  });
}

function printAttempt(out: Output, a: Attempt, d: DeliveryDetail): void {
  const nextInMs =
    d.status === 'retrying' && d.nextAttemptAt !== null ? Math.max(0, d.nextAttemptAt - Date.now()) : null;
  out.record({
    kind: 'attempt',
    deliveryId: a.deliveryId,
    attempt: a.number,
    status: a.response?.status ?? null,
    errorClass: a.errorClass,
    errorMessage: a.errorMessage,
    durationMs: a.durationMs,
    deliveryStatus: d.status,
    nextAttemptInMs: nextInMs,
  });
  const outcome = a.response ? `HTTP ${a.response.status}` : (a.errorClass ?? 'error');
  const ok = a.response !== null && a.response.status >= 200 && a.response.status < 300;
  // For plain HTTP failures the message is just "HTTP 500": not worth repeating.
  const message = a.errorMessage && a.errorMessage !== outcome ? `  ${a.errorMessage}` : '';
  const next = nextInMs !== null ? `  → retry in ${formatDelay(nextInMs)}` : '';
  out.line(
    `attempt ${a.number}  ${out.paint(ok ? 'good' : 'bad', outcome)}  ${a.durationMs ?? '?'} ms${message}${next}`,
  );
}

function formatDelay(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
