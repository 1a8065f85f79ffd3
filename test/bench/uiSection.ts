/**
 * Issue "the workbench UI": with 1,000,000 deliveries stored, how long Chromium takes from
 * opening the Deliveries page to its first rows painted, and from applying a filter to the
 * filtered rows painted. Baseline: loading a static empty page in the same browser.
 *
 * Timing is taken inside the page (an init script of the bench, not app code): a
 * MutationObserver notes when the awaited rows appear, and the next animation frame is the
 * paint. Each page load uses a fresh browser context (cold cache).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { openDatabase } from '../../src-main/engine/store/database';
import { DEFAULT_WORKSPACE_ID } from '../../src-main/api/defaultWorkspace';
import { startHost } from '../e2e/hostProcess';
import { ensureRendererBuilt } from '../e2e/rendererBuild';
import { seedDeliveries } from './logsSection';
import { percentile, round } from './stats';
import type { BenchContext, BenchSection, Figures } from './types';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;
/** Webhooks of the seeded log, picked in turn by the filter runs (each run's rows differ from the last's). */
const FILTER_WEBHOOKS = ['wh_rare', 'wh_bench_0', 'wh_bench_1', 'wh_bench_2', 'wh_bench_3', 'wh_bench_4'];

/**
 * Installed before the app loads. `__hbWait(test)` resolves with the time (performance.now())
 * of the first frame painted after `test()` held; `__hbMark()` notes a start time on the next
 * click in the page (capture phase, before the app sees it).
 */
const PROBE = `
  window.__hbWait = (test) => new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => resolve(performance.now()));
    if (test()) return done();
    const mo = new MutationObserver(() => { if (test()) { mo.disconnect(); done(); } });
    mo.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  window.__hbClickAt = null;
  window.__hbMark = () => {
    window.__hbClickAt = null;
    document.addEventListener('click', () => { window.__hbClickAt = performance.now(); }, { capture: true, once: true });
  };
`;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(PROBE);
  return context.newPage();
}

/** A static empty page from a local HTTP server: the browser's own cost of a navigation. */
async function baselineRuns(browser: Browser): Promise<number[]> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>empty</title></head><body><p id="ready">ready</p></body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await newPage(browser);
      await page.goto(url, { waitUntil: 'commit' });
      times.push((await page.evaluate('window.__hbWait(() => document.getElementById("ready"))')) as number);
      await page.context().close();
    }
  } finally {
    server.close();
  }
  return times;
}

/** Navigation start → first delivery rows painted, in a cold context each time. */
async function firstRowsRuns(browser: Browser, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await newPage(browser);
    await page.goto(url, { waitUntil: 'commit' });
    times.push(
      (await page.evaluate('window.__hbWait(() => document.querySelector("[data-delivery-id]"))', undefined)) as number,
    );
    await page.context().close();
  }
  return times;
}

/** Click on a webhook in the filter → every visible row is that webhook's, painted. */
async function filterRuns(browser: Browser, url: string): Promise<{ times: number[]; rows: number }> {
  const page = await newPage(browser);
  await page.goto(url);
  await page.locator('[data-delivery-id]').first().waitFor();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const hook = FILTER_WEBHOOKS[i % FILTER_WEBHOOKS.length]!;
    await page.getByRole('textbox', { name: 'Webhook', exact: true }).click();
    const option = page.getByRole('option', { name: hook, exact: true });
    await option.waitFor();
    await page.evaluate('window.__hbMark()');
    const painted = page.evaluate(`window.__hbWait(() => {
      const rows = [...document.querySelectorAll('[data-delivery-id]')];
      return rows.length > 0 && rows.every((r) => r.querySelectorAll('[role="cell"]')[2]?.textContent === ${JSON.stringify(hook)});
    })`) as Promise<number>;
    await option.click();
    const end = await painted;
    const start = (await page.evaluate('window.__hbClickAt')) as number | null;
    if (start === null) throw new Error('the filter click was not seen');
    times.push(end - start);
    rows = await page.locator('[data-delivery-id]').count();
  }
  await page.context().close();
  return { times, rows };
}

const section: BenchSection = {
  name: 'ui',
  title: 'UI: Deliveries page over 1,000,000 deliveries in Chromium (web host)',
  timeoutMs: 20 * 60_000,
  targets: [
    { key: 'ui.deliveries_first_rows_ms', max: 1000 },
    { key: 'ui.filter_apply_ms', max: 300 },
  ],
  notes: {
    'ui.deliveries': 'deliveries stored',
    'ui.seed_s': 's, filling the data dir',
    'ui.baseline_static_page_ms': 'ms, static empty page: navigation → painted (median)',
    'ui.deliveries_first_rows_ms': 'ms, opening #/deliveries: navigation → first rows painted (median, cold context)',
    'ui.deliveries_first_rows_ms_max': 'ms, worst of the runs',
    'ui.first_rows_vs_baseline': '× the static page',
    'ui.filter_apply_ms': 'ms, webhook filter click → filtered rows painted (median)',
    'ui.filter_apply_ms_max': 'ms, worst of the runs',
    'ui.filter_rows_rendered': 'rows in the DOM after the last filter (virtualized)',
  },
  async run(ctx: BenchContext): Promise<Figures> {
    const figures: Figures = {};
    await ensureRendererBuilt(ctx.log);
    const dataDir = ctx.tempDir('hookbench-ui-');
    const n = ctx.scaled(1_000_000, 10_000);
    const started = performance.now();
    const db = openDatabase(join(dataDir, 'hookbench.db'));
    try {
      db.prepare('INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run(
        DEFAULT_WORKSPACE_ID,
        'Default',
        Date.now(),
      );
      db.pragma('synchronous = OFF'); // a throwaway file: no fsync while seeding
      // Newest rows a minute old, so retention at start-up keeps (almost) all of them.
      seedDeliveries(db, n, Date.now() - 60_000, ctx.log);
      db.pragma('synchronous = NORMAL');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    figures['ui.deliveries'] = n;
    figures['ui.seed_s'] = round((performance.now() - started) / 1000, 1);
    if (ctx.signal.aborted) throw new Error('aborted');

    const host = await startHost({ dataDir });
    ctx.defer(() => host.stop());
    const browser = await chromium.launch({
      executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    ctx.defer(() => browser.close());
    const url = host.at('#/deliveries');
    // One warm-up load: the host's first queries fill SQLite's page cache.
    await firstRowsRuns(browser, url).then(
      () => undefined,
      () => undefined,
    );

    const baseline = await baselineRuns(browser);
    figures['ui.baseline_static_page_ms'] = round(percentile(baseline, 50), 1);
    const first = await firstRowsRuns(browser, url);
    figures['ui.deliveries_first_rows_ms'] = round(percentile(first, 50), 0);
    figures['ui.deliveries_first_rows_ms_max'] = round(Math.max(...first), 0);
    figures['ui.first_rows_vs_baseline'] = round(percentile(first, 50) / Math.max(1, percentile(baseline, 50)), 1);
    ctx.log(`first rows: ${first.map((t) => round(t, 0)).join(', ')} ms`);
    const filter = await filterRuns(browser, url);
    figures['ui.filter_apply_ms'] = round(percentile(filter.times, 50), 0);
    figures['ui.filter_apply_ms_max'] = round(Math.max(...filter.times), 0);
    figures['ui.filter_rows_rendered'] = filter.rows;
    ctx.log(`filter: ${filter.times.map((t) => round(t, 0)).join(', ')} ms`);
    return figures;
  },
};

export default section;
