/** Two loaded messages compared: request line, headers, body, timing, and what it all implies. */
import type { DiffResult } from '../../api/diffTypes';
import { diffCompareSchema, type DiffCompareInput } from '../../api/diffSchemas';
import { parseInput } from '../../api/schemas';
import { diffBodies } from './bodyDiff';
import { explain } from './explain';
import { diffHeaders, meaningfulHeaderChanges } from './headerDiff';
import { loadMessage, type DiffSources, type LoadedMessage } from './messages';

export function compareMessages(left: LoadedMessage, right: LoadedMessage): DiffResult {
  const [l, r] = [left.side, right.side];
  const headers = diffHeaders(l.headers, r.headers);
  const body = diffBodies(left.body, right.body, { left: l.ref, right: r.ref });
  const methodChanged = l.method !== r.method;
  const pathChanged = l.path !== r.path;
  return {
    left: l,
    right: r,
    identical: !methodChanged && !pathChanged && body.bytes.equal && meaningfulHeaderChanges(headers).length === 0,
    methodChanged,
    pathChanged,
    headers,
    body,
    timing: {
      leftAt: l.at,
      rightAt: r.at,
      gapMs: r.at - l.at,
      leftDurationMs: l.durationMs,
      rightDurationMs: r.durationMs,
    },
    explanations: explain({ left: l, right: r, headers, body }),
  };
}

/** `diff.compare`: any two subjects (requests, attempts, or one of each). */
export function compareRefs(sources: DiffSources, input: DiffCompareInput): DiffResult {
  const p = parseInput(diffCompareSchema, input);
  return compareMessages(loadMessage(sources, p.left, 'left'), loadMessage(sources, p.right, 'right'));
}
