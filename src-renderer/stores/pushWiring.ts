/**
 * Push events → store patches. Pushes arrive in batches (one WebSocket message or IPC flush);
 * delivery, request and inbox changes are gathered per batch so a flood costs one store update.
 */
import type { PushEventMap } from '../../src-main/api/contract';
import type { ReceivedRequestSummary } from '../../src-main/api/receiverTypes';
import type { Alert, Delivery } from '../../src-main/api/types';
import type { HookbenchClient } from '../api/clientTypes';
import { useAlerts } from './alerts';
import { useDeliveries } from './deliveries';
import { useDeliveryDetail } from './deliveryDetail';
import { useExports } from './exports';
import { useFired } from './fired';
import { useInboxes } from './inboxes';
import { useReceiverStatus } from './receiverStatus';
import { useRequests } from './requests';
import { useWebhooks } from './webhooks';

function batched<T>(flush: (items: T[]) => void): (item: T) => void {
  let queue: T[] = [];
  return (item) => {
    if (queue.push(item) > 1) return;
    queueMicrotask(() => {
      const items = queue;
      queue = [];
      flush(items);
    });
  };
}

/** Wires every push event to its stores; returns the unsubscribe. */
export function wirePushEvents(client: HookbenchClient, onAlert: (alert: Alert) => void): () => void {
  const deliveryUpdated = batched<Delivery>((items) => {
    // Several updates of one delivery in a batch: the last one wins.
    const latest = [...new Map(items.map((d) => [d.id, d])).values()];
    useDeliveries.getState().applyUpdates(latest);
    useFired.getState().applyUpdates(latest);
    for (const d of latest) {
      useWebhooks.getState().noteDelivery(d);
      useDeliveryDetail.getState().touched(d.id);
    }
  });
  const requestReceived = batched<ReceivedRequestSummary>((items) => useRequests.getState().applyReceived(items));
  const inboxChanged = batched<PushEventMap['inbox.changed']>((changes) => useInboxes.getState().applyChanges(changes));

  const offs = [
    client.on('delivery.updated', deliveryUpdated),
    client.on('attempt.recorded', (a) => useDeliveryDetail.getState().touched(a.deliveryId)),
    client.on('alert.raised', (a) => {
      useAlerts.getState().raised(a);
      onAlert(a);
    }),
    client.on('webhook.changed', (c) => useWebhooks.getState().applyChange(c)),
    client.on('request.received', requestReceived),
    client.on('inbox.changed', inboxChanged),
    client.on('receiver.status', (s) => useReceiverStatus.getState().set(s)),
    client.on('export.progress', (p) => useExports.getState().progress(p)),
  ];
  return () => offs.forEach((off) => off());
}
