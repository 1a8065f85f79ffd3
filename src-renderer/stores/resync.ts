/**
 * Loads what every page shares, and reloads it when the workspace changes or the connection
 * comes back (pushes may have been missed while it was down).
 */
import { useAlerts } from './alerts';
import { useCatalog } from './catalog';
import { useConnection } from './connection';
import { useDeliveries } from './deliveries';
import { useDeliveryDetail } from './deliveryDetail';
import { useInboxes } from './inboxes';
import { useReceiverStatus } from './receiverStatus';
import { useRequests } from './requests';
import { useSettings } from './settings';
import { useWebhooks } from './webhooks';
import { useWorkspace } from './workspace';

function reloadWorkspaceData(): void {
  void useWebhooks.getState().load();
  void useInboxes.getState().load();
  void useAlerts.getState().load();
  void useCatalog.getState().load();
  // Tables reload only once a page has shown them.
  if (useDeliveries.getState().status !== 'idle') void useDeliveries.getState().reload();
  if (useRequests.getState().status !== 'idle') void useRequests.getState().reload();
  void useDeliveryDetail.getState().refresh();
}

export function startResync(): () => void {
  let epoch = 0;
  const onConnection = async (state: ReturnType<typeof useConnection.getState>) => {
    if (state.status !== 'open' || state.epoch === epoch) return;
    epoch = state.epoch;
    void useSettings.getState().load();
    void useReceiverStatus.getState().load();
    await useWorkspace.getState().load();
    reloadWorkspaceData();
  };
  const offConnection = useConnection.subscribe(onConnection);
  void onConnection(useConnection.getState());
  const offWorkspace = useWorkspace.subscribe((s, prev) => {
    if (prev.currentId !== null && s.currentId !== prev.currentId) reloadWorkspaceData();
  });
  return () => {
    offConnection();
    offWorkspace();
  };
}
