/**
 * Counts received requests against `listen --expect` expectations: a request counts for every
 * expectation whose type pattern it matches (as subscriptions and log filters match) when its
 * signature verified, it is no resend, and its JSON body passes the expectation's schema.
 * What did not count is kept, by why, for the report.
 */
import { eventTypeMatches } from '../../api/logFilters';
import { expectationLabel, type Expectation } from '../../api/expectations';
import { NOT_JSON, type Arrival } from './arrival';

/** Checks a JSON body: null when it passes, else the first error (`/data/amount: must be integer`). */
export type BodyCheck = (body: unknown) => string | null;

export interface TrackedExpectation {
  expectation: Expectation;
  check?: BodyCheck;
}

/** Why a request of the expected type did not count. */
export type MissKind = 'invalid' | 'duplicate' | 'notJson' | 'schema';

export interface Miss {
  kind: MissKind;
  /** The signature failure reason, or the schema error. */
  detail: string | null;
  count: number;
}

export interface ExpectationOutcome {
  /** `invoice.paid x2`. */
  label: string;
  type: string;
  count: number;
  got: number;
  met: boolean;
  /** When the last one needed arrived (ms after the start), or null. */
  metAtMs: number | null;
  /** In first-seen order. */
  misses: Miss[];
}

export class ExpectationTracker {
  private readonly outcomes_: ExpectationOutcome[];
  /** Every event type that reached an inbox, with how many times (valid or not). */
  readonly typesSeen = new Map<string, number>();
  /** Requests that reached an inbox but name no event type. */
  untyped = 0;
  /** Requests to a path that is no inbox. */
  unrouted = 0;

  constructor(private readonly items: readonly TrackedExpectation[]) {
    this.outcomes_ = items.map(({ expectation: e }) => ({
      label: expectationLabel(e),
      type: e.type,
      count: e.count,
      got: 0,
      met: false,
      metAtMs: null,
      misses: [],
    }));
  }

  observe(a: Arrival, elapsedMs: number): void {
    if (a.valid === null) {
      this.unrouted++;
      return;
    }
    if (a.eventType === null) {
      this.untyped++;
      return;
    }
    this.typesSeen.set(a.eventType, (this.typesSeen.get(a.eventType) ?? 0) + 1);
    this.items.forEach((item, i) => {
      if (!eventTypeMatches(item.expectation.type, a.eventType!)) return;
      const outcome = this.outcomes_[i]!;
      const miss = missOf(a, item.check);
      if (miss) return addMiss(outcome, miss.kind, miss.detail);
      outcome.got++;
      if (!outcome.met && outcome.got >= outcome.count) {
        outcome.met = true;
        outcome.metAtMs = elapsedMs;
      }
    });
  }

  allMet(): boolean {
    return this.outcomes_.every((o) => o.met);
  }

  outcomes(): ExpectationOutcome[] {
    return this.outcomes_.map((o) => ({ ...o, misses: o.misses.map((m) => ({ ...m })) }));
  }
}

function missOf(a: Arrival, check: BodyCheck | undefined): { kind: MissKind; detail: string | null } | null {
  if (!a.valid) return { kind: 'invalid', detail: a.reason ?? 'unknown' };
  if (a.duplicate) return { kind: 'duplicate', detail: null };
  if (!check) return null;
  if (a.body === NOT_JSON) return { kind: 'notJson', detail: null };
  const error = check(a.body);
  return error === null ? null : { kind: 'schema', detail: error };
}

function addMiss(outcome: ExpectationOutcome, kind: MissKind, detail: string | null): void {
  const same = outcome.misses.find((m) => m.kind === kind && m.detail === detail);
  if (same) same.count++;
  else outcome.misses.push({ kind, detail, count: 1 });
}
