/** What compare mode calls a delivery attempt or a received request, and how it finds the previous one of the same kind. */
import type { ReceivedRequestSummary } from '../../../src-main/api/receiverTypes';
import type { Delivery } from '../../../src-main/api/types';
import { client } from '../../api/client';
import type { CompareSubject } from '../../stores/compare';
import { currentWorkspaceId } from '../../stores/workspace';
import { UNROUTED } from '../../../src-main/api/logFilters';

const short = (id: string) => `${id.slice(0, 12)}…`;

/** A delivery's attempt (`dlv_…#N`), or its latest when `attempt` is omitted. */
export function attemptSubject(d: Pick<Delivery, 'id' | 'eventType'>, attempt?: number): CompareSubject {
  return {
    ref: attempt === undefined ? d.id : `${d.id}#${attempt}`,
    label: `${d.eventType} · ${short(d.id)}${attempt === undefined ? '' : ` #${attempt}`}`,
  };
}

export function requestSubject(r: Pick<ReceivedRequestSummary, 'id' | 'method' | 'path'>): CompareSubject {
  return { ref: r.id, label: `${r.method} ${r.path} · ${short(r.id)}` };
}

/** Lists are newest first by (time, id): what comes before `at`/`id` in that order, one in the same millisecond included. */
const before = (at: number, id: string) => (p: { id: string }, pAt: number) => pAt < at || (pAt === at && p.id < id);

/** The delivery of the same event type to the same webhook created just before `d` (its latest attempt). */
export async function previousDelivery(d: Delivery): Promise<CompareSubject | null> {
  const page = await client.call('deliveries.list', {
    workspaceId: currentWorkspaceId(),
    webhookId: d.webhookId,
    eventType: d.eventType,
    to: d.createdAt + 1,
    limit: 20,
  });
  const earlier = before(d.createdAt, d.id);
  const prev = page.items.find((p) => earlier(p, p.createdAt) && p.attemptCount > 0);
  return prev ? attemptSubject(prev) : null;
}

/** The request received by the same inbox (or unrouted) just before `r`. */
export async function previousRequest(
  r: Pick<ReceivedRequestSummary, 'id' | 'inboxId' | 'receivedAt'>,
): Promise<CompareSubject | null> {
  const page = await client.call('requests.list', {
    workspaceId: currentWorkspaceId(),
    inboxId: r.inboxId ?? UNROUTED,
    to: r.receivedAt + 1,
    limit: 20,
  });
  const earlier = before(r.receivedAt, r.id);
  const prev = page.items.find((p) => earlier(p, p.receivedAt));
  return prev ? requestSubject(prev) : null;
}
