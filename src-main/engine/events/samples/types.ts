/**
 * Shape of one catalog definition as written in the sample files. The category is
 * not repeated here: `catalog.ts` derives it from the type's prefix (the part before
 * the first dot), so a definition can never disagree with its own type name.
 *
 * Isomorphic: no Node-only imports anywhere under `events/`.
 */
export interface SampleDef {
  /** Dotted event type, e.g. `user.created`. */
  type: string;
  /** One-line, human-readable description of when the event fires. */
  description: string;
  /** Realistic `data` object (not the envelope). Plain JSON only. */
  sample: Record<string, unknown>;
}
