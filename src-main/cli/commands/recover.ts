/**
 * `hookbench recover`: send every failed delivery since a time again (Svix's "recover") from a
 * data directory, wait for the outcomes, and report them. Exit 0 when all succeeded, 1 when some
 * failed again.
 */
import { existingDataDir } from '../dataDirOption';
import type { Command } from 'commander';
import type { Delivery } from '../../api/types';
import { defaultDataDir, Workbench } from '../../engine/workbench';
import { action, EXIT_FAILED, EXIT_OK, withOptionErrors, type CliContext, type RegisterCommand } from '../context';
import { integer } from '../options';
import { Output, withJsonOption } from '../output';
import { parseTime } from '../timeOption';

interface RecoverOptions {
  since: string;
  until?: string;
  webhook?: string;
  workspace?: string;
  dataDir?: string;
  wait: boolean;
  timeout: number;
  json?: boolean;
}

const FIELDS = { since: '--since', until: '--until', webhookId: '--webhook', workspaceId: '--workspace' };
const FINISHED = new Set<Delivery['status']>(['success', 'failed', 'cancelled']);

export const registerRecover: RegisterCommand = (command, ctx) => {
  const cmd: Command = command
    .description(
      'Queue every failed delivery created since --since (of one webhook, or of every enabled webhook) to be sent again now, ' +
        "one more attempt each, within each endpoint's concurrency limit; then wait for the outcomes. " +
        'Exit 0 when every one succeeded, 1 when some failed again. Stop `hookbench serve` on the data directory first, ' +
        'or use POST /api/v1/deliveries/recover on the running one.',
    )
    .requiredOption(
      '--since <time>',
      'deliveries created from this time: ISO 8601, epoch ms, or a span back from now (2h, 7d)',
    )
    .option('--until <time>', 'and before this time (default: now)')
    .option('--webhook <id>', 'one webhook (default: every enabled webhook of the workspace)')
    .option('--workspace <id>', 'workspace (default: the default workspace)')
    .option('--no-wait', 'queue them and exit without waiting for the outcomes')
    .option('--timeout <seconds>', 'stop waiting after this long', integer('--timeout', 1, 86_400), 600)
    .option('--data-dir <dir>', `data directory (default: ${defaultDataDir()})`);
  withJsonOption(cmd);
  cmd.action(action<RecoverOptions>(ctx, (opts) => recover(opts, ctx)));
};

async function recover(opts: RecoverOptions, ctx: CliContext): Promise<number> {
  const out = new Output(ctx.io, opts.json === true);
  const input = {
    since: parseTime(opts.since, '--since'),
    ...(opts.until !== undefined ? { until: parseTime(opts.until, '--until') } : {}),
    ...(opts.webhook !== undefined ? { webhookId: opts.webhook } : {}),
    ...(opts.workspace !== undefined ? { workspaceId: opts.workspace } : {}),
  };
  const dataDir = existingDataDir(opts.dataDir);

  const wb = await Workbench.open({ dataDir, receiver: false, lockOwner: 'hookbench recover' });
  try {
    // Every delivery the recover queues (from its progress events), and how each ends.
    const queued = new Set<string>();
    const outcome = new Map<string, Delivery['status']>();
    const unsubscribe = [
      wb.on('recover.progress', (p) => {
        for (const id of p.deliveryIds) queued.add(id);
      }),
      wb.on('delivery.updated', (d) => {
        if (queued.has(d.id) && FINISHED.has(d.status)) outcome.set(d.id, d.status);
      }),
    ];
    const stop = () => {
      for (const u of unsubscribe) u();
    };
    const result = await withOptionErrors(FIELDS, () => wb['deliveries.recover'](input as never));
    out.note(
      `queued ${result.queued} failed deliver${result.queued === 1 ? 'y' : 'ies'} to send again${result.skipped ? ` (${result.skipped} skipped: webhook disabled or delivery busy)` : ''}`,
    );
    if (!opts.wait || result.queued === 0) {
      stop();
      out.result(`recovered ${result.queued}`, { ...result, waited: false });
      return EXIT_OK;
    }

    const deadline = Date.now() + opts.timeout * 1000;
    let lastNote = Date.now();
    while (outcome.size < result.queued && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      if (Date.now() - lastNote >= 1000) {
        lastNote = Date.now();
        out.note(`sent ${outcome.size}/${result.queued}…`);
      }
    }
    stop();
    const counts = { success: 0, failed: 0, cancelled: 0, pending: result.queued - outcome.size };
    for (const s of outcome.values()) counts[s as 'success' | 'failed' | 'cancelled']++;
    const human =
      `recovered ${result.queued}: ${counts.success} succeeded, ${counts.failed} failed again${counts.cancelled ? `, ${counts.cancelled} cancelled` : ''}` +
      (counts.pending ? `, ${counts.pending} still waiting after ${opts.timeout} s (they stay queued)` : '');
    out.result(human, { ...result, waited: true, ...counts });
    return counts.success === result.queued ? EXIT_OK : EXIT_FAILED;
  } finally {
    await wb.close();
  }
}
