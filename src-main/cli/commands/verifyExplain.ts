/** `hookbench verify --explain-against`: the stored request to compare with, and the comparison. */
import type { ExplainResult } from '../../api/diffTypes';
import type { Verdict } from '../../api/receiverTypes';
import type { SchemeName } from '../../api/schemas';
import { compareMessages, givenMessage, type LoadedMessage } from '../../engine/diff';
import { UsageError } from '../context';
import { missingAsUsage, openForReading } from './diff';

export { explanationLines } from './diff';
import type { VerifyOptions } from './verify';

/** What verification needs from a stored counterpart when --scheme / --secret are not given: its inbox's. */
interface Counterpart {
  message: LoadedMessage;
  scheme: SchemeName | 'auto' | null;
  secrets: string[];
}

/** The stored request and its inbox's scheme and secrets, read from the data directory (which is then closed again). */
export async function loadCounterpart(id: string, dataDir: string | undefined): Promise<Counterpart> {
  if (!/^req_/.test(id)) throw new UsageError(`--explain-against: a received request id (req_…), got "${id}"`);
  const wb = await openForReading(dataDir, 'hookbench verify');
  try {
    const request = await missingAsUsage({ id: '--explain-against' }, async () => wb['requests.get']({ id }));
    const inbox = request.inboxId ? wb['inboxes.get']({ id: request.inboxId }) : undefined;
    const message = wb.loadStoredMessage(id, 'against');
    return {
      message,
      scheme: request.verdict?.configuredScheme ?? inbox?.scheme ?? null,
      secrets: inbox?.secrets ?? [],
    };
  } finally {
    await wb.close();
  }
}

/** The given request (right) against the stored one (left): what differs and what it implies. */
export function explainGiven(
  left: LoadedMessage,
  opts: VerifyOptions,
  body: Buffer,
  verdict: Verdict,
): Omit<ExplainResult, 'requestId'> {
  const right = givenMessage({
    label: 'the given request',
    method: opts.method.toUpperCase(),
    path: opts.path ?? left.side.path,
    headers: opts.header ?? [],
    body,
    verdict,
    at: Date.now(),
  });
  const diff = compareMessages(left, right);
  return { matchedId: null, source: 'given', verdict, explanations: diff.explanations, diff };
}
