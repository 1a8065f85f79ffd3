/**
 * How a `hookbench listen` run ends: at Ctrl-C (exit 0), or with expectations, as soon as every
 * one is met (exit 0), at the deadline or at Ctrl-C (exit 1) — with the report, and JUnit XML
 * when --junit asks for it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ReceivedRequest } from '../../api/receiverTypes';
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
  if (!plan)
    return {
      observe: () => {},
      finished: untilSignal().then(() => {
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
  const signal = untilSignal(ended);
  void signal.then((s) => s && finish('interrupted'));
  return {
    observe(request) {
      tracker.observe(request ? arrivalOf(request) : UNROUTED_ARRIVAL, performance.now() - started);
      if (tracker.allMet()) finish('met');
    },
    finished: ended.then((end) => {
      clearTimeout(deadline);
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

function writeJunit(file: string, xml: string, out: Output): boolean {
  const path = resolve(file);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, xml);
    return true;
  } catch (e) {
    out.note(`error: --junit: cannot write ${path}: ${(e as Error).message}`);
    return false;
  }
}

/** Resolves at SIGINT or SIGTERM; or with null once `until` settles (the handlers are then removed). */
function untilSignal(until?: Promise<unknown>): Promise<NodeJS.Signals | null> {
  return new Promise((done) => {
    const off = () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    };
    const on = (signal: NodeJS.Signals) => {
      off();
      done(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
    void until?.then(() => {
      off();
      done(null);
    });
  });
}
