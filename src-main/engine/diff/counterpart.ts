/**
 * The message a received request should be compared with to explain its verdict, found by its
 * signature id (webhook-id, X-GitHub-Delivery, Stripe's body id…): the delivery attempt that
 * sent it (our engine signs with the event id), else an earlier valid request with that id.
 */
import type { CounterpartSource, ExplainResult } from '../../api/diffTypes';
import { diffExplainSchema, type DiffExplainInput } from '../../api/diffSchemas';
import { HookbenchError, notFound } from '../../api/errors';
import { parseInput } from '../../api/schemas';
import type { StoredRequest } from '../store/requestsRepo';
import { compareMessages } from './compare';
import { loadMessage, loadParsed, requestMessage, type DiffSources, type LoadedMessage } from './messages';

interface Counterpart {
  message: LoadedMessage;
  source: CounterpartSource;
  matchedId: string | null;
}

/** The attempt (of any delivery of the event) sent closest before the request arrived; the request's path breaks ties first. */
function matchingAttempt(sources: DiffSources, request: StoredRequest, eventId: string): LoadedMessage | null {
  let best: { message: LoadedMessage; score: [number, number] } | null = null;
  for (const delivery of sources.deliveries.ofEvent(eventId)) {
    for (const attempt of sources.deliveries.attempts(delivery.id)) {
      const message = loadParsed(
        sources,
        { kind: 'attempt', deliveryId: delivery.id, attempt: attempt.number },
        'against',
      );
      // Lower is better: a different path, then how far the send time is from the arrival (sent after it arrived counts extra).
      const gap = request.receivedAt - attempt.startedAt;
      const score: [number, number] = [message.side.path === request.path ? 0 : 1, gap >= 0 ? gap : 1e12 - gap];
      if (!best || score[0] < best.score[0] || (score[0] === best.score[0] && score[1] < best.score[1]))
        best = { message, score };
    }
  }
  return best?.message ?? null;
}

export function findCounterpart(sources: DiffSources, request: StoredRequest): Counterpart {
  const key = request.dedupeKey ?? request.verdict?.id ?? null;
  if (key === null) {
    throw new HookbenchError(
      'not_found',
      `request ${request.id} carries no message id (webhook-id, X-GitHub-Delivery, a Stripe event id…) to find what it should match; pass "against" with a request or delivery id`,
      'against',
    );
  }
  const attempt = matchingAttempt(sources, request, key);
  if (attempt) return { message: attempt, source: 'delivery_attempt', matchedId: key };
  const earlier = request.inboxId
    ? sources.requests.latestValidWithKey(request.inboxId, key, request.receivedAt, request.id)
    : undefined;
  if (earlier) return { message: requestMessage(sources, earlier), source: 'earlier_valid_request', matchedId: key };
  throw new HookbenchError(
    'not_found',
    `nothing to compare request ${request.id} with: no delivery sent message ${key} and no earlier valid request to this inbox carried it; pass "against" with a request or delivery id`,
    'against',
  );
}

/** `diff.explain`: the request against its counterpart (found, or `against`), and what the differences imply. */
export function explainRequest(sources: DiffSources, input: DiffExplainInput): ExplainResult {
  const p = parseInput(diffExplainSchema, input);
  const request = sources.requests.get(p.requestId);
  if (!request) throw notFound('request', p.requestId, 'requestId');
  const counterpart: Counterpart = p.against
    ? { message: loadMessage(sources, p.against, 'against'), source: 'given', matchedId: null }
    : findCounterpart(sources, request);
  const diff = compareMessages(counterpart.message, requestMessage(sources, request));
  return {
    requestId: request.id,
    matchedId: counterpart.matchedId,
    source: counterpart.source,
    verdict: request.verdict,
    explanations: diff.explanations,
    diff,
  };
}
