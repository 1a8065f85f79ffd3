/**
 * Issue 14's cost: what the receiver's contract check (a schema verdict per request, beside the
 * signature's) adds to ingest CPU. One receiver child with an unbound inbox and inboxes bound to
 * a catalog; the same signed requests go to each, interleaved (plain, checked, plain, …), and
 * each checked run's CPU per request is compared with the mean of the plain runs on either side.
 *
 * Two payloads: Hookbench's `invoice.paid` (its built-in sample, ~1 KB, the receiver section's
 * event) and GitHub's published `pull_request.opened` example (~25 KB, a schema of a few hundred
 * members) — the second is the heavy end of what a provider sends.
 */
import { Agent } from 'undici';
import type { CatalogId } from '../../src-main/api/catalogTypes';
import { findCatalogEntry } from '../../src-main/engine/events/catalog';
import { PROVIDERS } from '../../src-main/engine/catalogs/providers';
import { getScheme } from '../../src-main/engine/signing/registry';
import {
  cpuPerRequest,
  describeCpu,
  load,
  procCpu,
  requireAll200,
  SECRET,
  startIngestChild,
  type CpuPerRequest,
  type PreparedRequest,
} from './receiverSection';
import { medianBy, round } from './stats';
import type { BenchSection, Figures } from './types';

const ROUNDS = 5;

interface Payload {
  key: string;
  catalog: CatalogId;
  type: string;
  /** The body for one request id. */
  body: (id: string, iso: string) => unknown;
}

const PAYLOADS: Payload[] = [
  {
    key: 'hookbench',
    catalog: 'hookbench',
    type: 'invoice.paid',
    body: (id, iso) => ({ id, type: 'invoice.paid', timestamp: iso, data: findCatalogEntry('invoice.paid')!.sample }),
  },
  {
    key: 'github',
    catalog: 'github',
    type: 'pull_request.opened',
    body: () => PROVIDERS.github.types().find((t) => t.type === 'pull_request.opened')!.sample,
  },
];

const section: BenchSection = {
  name: 'contract',
  title: 'Receiver contract check: ingest CPU per request with a schema verdict vs without (same child, interleaved)',
  timeoutMs: 300_000,
  // The target is on the receiver section's kind of payload (a ~0.5 KB event); GitHub's 22 KB one is
  // shown for what it costs: JSON.parse of its body alone is ~9 % of its ingest (README, Benchmarks).
  targets: [{ key: 'contract.hookbench_cpu_ratio', max: 1.1 }],
  notes: {
    'contract.requests': 'signed POSTs per measured run',
    'contract.rounds': 'checked runs per payload, each between two plain runs',
    ...Object.fromEntries(
      PAYLOADS.flatMap((p) => [
        [`contract.${p.key}_bytes`, `body size, ${p.type}`],
        [`contract.${p.key}_plain_cpu_us`, 'µs of receiver CPU per request, inbox not bound (median round)'],
        [
          `contract.${p.key}_checked_cpu_us`,
          `µs of receiver CPU per request, inbox bound to ${p.catalog} (median round)`,
        ],
        [
          `contract.${p.key}_cpu_ratio`,
          'checked CPU ÷ the mean of the plain runs around it, median round (validation adds ≤ 10 %: target on hookbench)',
        ],
        [
          `contract.${p.key}_invalid`,
          'requests whose verdict was not valid (must be 0: the samples match their schemas)',
        ],
      ]),
    ),
  },

  async run(ctx) {
    const n = ctx.scaled(6_000, 200);
    const warmup = Math.min(3_000, n);
    const figures: Figures = { 'contract.requests': n, 'contract.rounds': ROUNDS };
    const slugs = PAYLOADS.flatMap((p) => [`plain-${p.key}`, `checked-${p.key}`]);
    const catalogs = Object.fromEntries(PAYLOADS.map((p) => [`checked-${p.key}`, p.catalog]));
    const child = await startIngestChild(ctx, 20_000, { slugs, catalogs });
    const agent = new Agent({ connections: 10, keepAliveTimeout: 60_000 });
    ctx.defer(() => agent.destroy().catch(() => {}));

    for (const p of PAYLOADS) {
      const run = async (slug: string, label: string): Promise<CpuPerRequest> => {
        const requests = prepare(p, `${label}${slug}`, n, slug);
        figures[`contract.${p.key}_bytes`] = requests[0]!.body.length;
        const cpu0 = procCpu(child.pid);
        const r = await load(ctx, agent, child.url, requests);
        await child.idle();
        requireAll200(r, `${slug} ${label}`);
        const cpu = cpuPerRequest(cpu0, procCpu(child.pid), n);
        if (!cpu) throw new Error('no /proc: CPU per request cannot be measured here');
        ctx.log(`${p.key} ${slug} ${label}: ${r.perSecond.toFixed(0)}/s, CPU/request ${describeCpu(cpu)}`);
        return cpu;
      };
      await load(ctx, agent, child.url, prepare(p, 'warm-plain', warmup, `plain-${p.key}`));
      await load(ctx, agent, child.url, prepare(p, 'warm-checked', warmup, `checked-${p.key}`));
      await child.idle();
      const plain = [await run(`plain-${p.key}`, '0')];
      const rounds: { plain: number; checked: number; ratio: number }[] = [];
      for (let i = 1; i <= ROUNDS; i++) {
        const checked = await run(`checked-${p.key}`, String(i));
        plain.push(await run(`plain-${p.key}`, String(i)));
        const around = (plain[i - 1]!.totalUs + plain[i]!.totalUs) / 2;
        rounds.push({ plain: around, checked: checked.totalUs, ratio: checked.totalUs / around });
      }
      const median = medianBy(rounds, (r) => r.ratio);
      figures[`contract.${p.key}_plain_cpu_us`] = round(median.plain, 1);
      figures[`contract.${p.key}_checked_cpu_us`] = round(median.checked, 1);
      figures[`contract.${p.key}_cpu_ratio`] = round(median.ratio, 3);
      figures[`contract.${p.key}_invalid`] = (await child.count(`checked-${p.key}`)).schemaNotValid;
    }
    return figures;
  },
};

export default section;

/** `count` requests for `slug`, Standard Webhooks–signed now, each with its own id. */
function prepare(p: Payload, label: string, count: number, slug: string): PreparedRequest[] {
  const scheme = getScheme('standard');
  const timestamp = Math.floor(Date.now() / 1000);
  const iso = new Date(timestamp * 1000).toISOString();
  const run = `${Date.now().toString(36)}${label.replace(/[^a-z0-9]/gi, '')}`;
  const headers = p.catalog === 'github' ? { 'x-github-event': p.type.split('.')[0]! } : ({} as Record<string, string>);
  return Array.from({ length: count }, (_, i) => {
    const id = `msg_${run}_${String(i).padStart(8, '0')}`;
    const body = Buffer.from(JSON.stringify(p.body(id, iso)));
    const signed = scheme.sign({ id, timestamp, eventType: p.type, body, secrets: [SECRET] });
    return { path: `/in/${slug}`, body, headers: { 'content-type': 'application/json', ...headers, ...signed } };
  });
}
