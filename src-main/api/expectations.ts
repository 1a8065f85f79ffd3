/**
 * What a CI run expects to receive (`hookbench listen --expect`, or a config's `expect` block):
 * the schemas, and the command-line forms `'<type>[xN]'` and durations (`30s`). Isomorphic (zod only).
 */
import { z } from 'zod';
import { receivedEventPatternSchema } from './eventPatterns';

/** How long `listen` waits for every expectation when nothing says otherwise. */
export const DEFAULT_WITHIN = '30s';

const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
/** A day: longer than any CI job waits; a larger value is almost surely a typo. */
export const MAX_DURATION_MS = 86_400_000;

/** `"30s"` → 30000. Throws an Error whose message says what is accepted. */
export function parseDuration(text: string): number {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a duration: use a number and a unit, such as 500ms, 30s, 2m or 1h`);
  const ms = Math.round(Number(m[1]) * DURATION_UNITS_MS[m[2] as keyof typeof DURATION_UNITS_MS]);
  if (ms <= 0) throw new Error(`"${text}": a duration must be more than 0`);
  if (ms > MAX_DURATION_MS) throw new Error(`"${text}": a duration can be at most 24h`);
  return ms;
}

/** An event type, or a pattern (`customer.*`): the receiver's pattern rule (eventPatterns.ts). */
export const expectedTypeSchema = receivedEventPatternSchema;

/** A JSON Schema given inline (an object), or the path of a .json file relative to the config file. */
export const expectationSchemaRefSchema = z.union(
  [
    z.record(z.string(), z.unknown()),
    z
      .string()
      .trim()
      .min(1, 'schema path must not be empty')
      .regex(/\.json$/i, 'a schema path must name a .json file'),
  ],
  { error: 'schema must be a JSON Schema object or the path of a .json file' },
);

export const expectationSchema = z.object({
  /** An event type, or a pattern (`customer.*`) matched as subscriptions and log filters match. */
  type: expectedTypeSchema,
  count: z
    .number({ error: 'count must be a whole number of at least 1' })
    .int('count must be a whole number of at least 1')
    .min(1, 'count must be a whole number of at least 1')
    .max(10_000, 'count can be at most 10000')
    .default(1),
  schema: expectationSchemaRefSchema.optional(),
});

export const durationSchema = z
  .string({ error: 'within must be a duration such as "30s"' })
  .superRefine((text, ctx) => {
    try {
      parseDuration(text);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  });

export const expectBlockSchema = z.object({
  within: durationSchema.default(DEFAULT_WITHIN),
  events: z.array(expectationSchema).min(1, 'expect.events must list at least one expectation').max(100),
});

export type Expectation = z.output<typeof expectationSchema>;
export type ExpectationInput = z.input<typeof expectationSchema>;
export type ExpectBlock = z.output<typeof expectBlockSchema>;
export type ExpectBlockInput = z.input<typeof expectBlockSchema>;

const COUNT_SUFFIX = /^(.*?)\s*x(\d+)$/;

/**
 * The command-line form `'<type>[xN]'`: `invoice.paid`, `invoice.paid x2`, `invoice.paidx3`,
 * `customer.*x2`. A type that itself ends in x and digits (rare) is written with an explicit `x1`.
 * Throws an Error whose message says what is wrong (commander shows the text beside it).
 */
export function parseExpectation(text: string): Expectation {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('an expectation names an event type, such as invoice.paid or invoice.paid x2');
  const m = COUNT_SUFFIX.exec(trimmed);
  const type = m ? m[1]! : trimmed;
  if (m && type === '') throw new Error(`the event type is missing before x${m[2]}`);
  const parsed = expectationSchema.safeParse({ type, count: m ? Number(m[2]) : 1 });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.path[0] === 'count') throw new Error('the count after x must be 1 or more (at most 10000)');
    throw new Error(issue.message);
  }
  return parsed.data;
}

/** `invoice.paid x2`, as the report and --expect write it. */
export const expectationLabel = (e: Pick<Expectation, 'type' | 'count'>): string =>
  e.count === 1 ? e.type : `${e.type} x${e.count}`;
