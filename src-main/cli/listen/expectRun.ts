/**
 * How a `hookbench listen` run ends: at Ctrl-C (exit 0), or with expectations, as soon as every
 * one is met (exit 0), at the deadline or at Ctrl-C (exit 1) — with the report, and JUnit XML
 * when --junit asks for it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReceivedRequest } from '../../api/receiverTypes';
import { untilSignal } from '../../host/launch';
import { EXIT_FAILED, EXIT_OK } from '../context';
import { arrivalOf, UNROUTED_ARRIVAL } from '../expect/arrival';
import { junitXml } from '../expect/junit';
import { reportLines, reportRecord, type EndReason, type ExpectRun } from '../expect/report';
import { ExpectationTracker } from '../expect/tracker';
import type { Output } from '../output';
import type { ExpectPlan } from './expectPlan';

export interface ListenEnd {
  /** Each request as it is stored (null: it reached no inbox). */
  observe(request: ReceivedRequest | null): void;
  /** Resolves with the exit code once the run is over (report printed, JUnit written). */
  finished: Promise<number>;
}

export function awaitEnd(plan: ExpectPlan | null, out: Output): ListenEnd {
  // A second Ctrl-C while the run winds down exits at once; released once the run is over.
  const { signal, release } = untilSignal();
  if (!plan)
    return {
      observe: () => {},
      finished: signal.then(() => {
        release();
        out.note('stopping…');
        return EXIT_OK;
      }),
    };
  const startedAt = new Date();
  const started = performance.now();
  const tracker = new ExpectationTracker(plan.items);
  let finish!: (end: EndReason) => void;
  const ended = new Promise<EndReason>((r) => (finish = r));
  const deadline = setTimeout(() => finish('deadline'), plan.within.ms);
  void signal.then(() => finish('interrupted'));
  return {
    observe(request) {
      tracker.observe(request ? arrivalOf(request) : UNROUTED_ARRIVAL, performance.now() - started);
      if (tracker.allMet()) finish('met');
    },
    finished: ended.then((end) => {
      clearTimeout(deadline);
      release();
      const run: ExpectRun = {
        outcomes: tracker.outcomes(),
        tracker,
        elapsedMs: performance.now() - started,
        within: plan.within.text,
        end,
      };
      out.line();
      for (const line of reportLines(run)) out.line(line);
      out.record(reportRecord(run));
      if (plan.junit !== undefined && !writeJunit(plan.junit, junitXml(run, startedAt), out)) return EXIT_FAILED;
      return end === 'met' ? EXIT_OK : EXIT_FAILED;
    }),
  };
}

/** `path` is absolute, checked before the run (expectPlan.junitTarget); its folder is made now. */
function writeJunit(path: string, xml: string, out: Output): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, xml);
    return true;
  } catch (e) {
    out.note(`error: --junit: cannot write ${path}: ${(e as Error).message}`);
    return false;
  }
}
