/** The readable report of a `listen --expect` run: one line per expectation, and for misses what did arrive. */
import { reasonText } from '../output';
import type { ExpectationOutcome, ExpectationTracker, Miss } from './tracker';

/** Why the run ended: every expectation met, the deadline, or Ctrl-C. */
export type EndReason = 'met' | 'deadline' | 'interrupted';

export interface ExpectRun {
  outcomes: ExpectationOutcome[];
  tracker: Pick<ExpectationTracker, 'typesSeen' | 'untyped' | 'unrouted'>;
  elapsedMs: number;
  /** As given (`30s`). */
  within: string;
  end: EndReason;
}

/** How many other event types the report names when nothing of the expected one arrived. */
const OTHER_TYPES_SHOWN = 5;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function missText(m: Miss): string {
  switch (m.kind) {
    case 'invalid':
      return `${m.count} arrived with ${plural(m.count, 'an invalid signature', 'invalid signatures')}: ${reasonText(m.detail ?? 'unknown')}`;
    case 'duplicate':
      return `${m.count} ${plural(m.count, 'was a resend', 'were resends')} of a message already counted (same message id)`;
    case 'notJson':
      return `${m.count} had a body that is not JSON, so its schema could not be checked`;
    case 'schema':
      return `${m.count} failed its schema: ${m.detail ?? ''}`;
  }
}

export function outcomeHeadline(o: ExpectationOutcome): string {
  return `${o.met ? '✓' : '✗'} ${o.label}: got ${o.got} of ${o.count} valid`;
}

/** Under a missed expectation: what of its type did not count, or which types came instead. */
export function outcomeDetails(o: ExpectationOutcome, run: ExpectRun): string[] {
  if (o.met) return [];
  if (o.misses.length > 0) return o.misses.map(missText);
  if (o.got > 0) return [];
  const others = [...run.tracker.typesSeen].map(([type, n]) => (n === 1 ? type : `${type} x${n}`));
  if (others.length === 0) return ['nothing of this type arrived'];
  const shown = others.slice(0, OTHER_TYPES_SHOWN).join(', ');
  const more = others.length > OTHER_TYPES_SHOWN ? ` and ${others.length - OTHER_TYPES_SHOWN} more` : '';
  return [`nothing of this type arrived; other types did: ${shown}${more}`];
}

/** Requests that counted for nothing, named when something was missed (a wrong URL, a sender without types). */
export function strayNotes(run: ExpectRun): string[] {
  const { unrouted, untyped } = run.tracker;
  return [
    ...(unrouted > 0 ? [`${unrouted} ${plural(unrouted, 'request', 'requests')} went to a path that is no inbox`] : []),
    ...(untyped > 0
      ? [
          `${untyped} ${plural(untyped, 'request names', 'requests name')} no event type (no event header, no JSON "type")`,
        ]
      : []),
  ];
}

export function summaryLine(run: ExpectRun): string {
  const total = run.outcomes.length;
  const missed = run.outcomes.filter((o) => !o.met).length;
  if (missed === 0)
    return `${total === 1 ? 'The expectation was' : `All ${total} expectations were`} met in ${seconds(run.elapsedMs)}.`;
  const which = total === 1 ? 'The expectation was' : `${missed} of ${total} expectations were`;
  if (run.end === 'interrupted') return `Stopped after ${seconds(run.elapsedMs)}: ${which.toLowerCase()} not met.`;
  return `${which} not met within ${run.within}.`;
}

export function reportLines(run: ExpectRun): string[] {
  const lines = run.outcomes.flatMap((o) => [outcomeHeadline(o), ...outcomeDetails(o, run).map((d) => `    ${d}`)]);
  const missed = run.outcomes.some((o) => !o.met);
  return [...lines, ...(missed ? strayNotes(run).map((n) => `  ${n}`) : []), summaryLine(run)];
}

/** The report as one JSON record (--json). */
export function reportRecord(run: ExpectRun) {
  return {
    kind: 'expectations',
    ok: run.outcomes.every((o) => o.met),
    end: run.end,
    elapsedMs: Math.round(run.elapsedMs),
    within: run.within,
    expectations: run.outcomes.map((o) => ({ ...o, details: outcomeDetails(o, run) })),
    unrouted: run.tracker.unrouted,
    untyped: run.tracker.untyped,
  };
}
