/**
 * Loads what every page shares, and reloads it when the workspace changes or the connection
 * comes back (pushes may have been missed while it was down).
 */
import { useAlerts } from './alerts';
import { useCatalog } from './catalog';
import { useConnection } from './connection';
import { useDeliveries } from './deliveries';
import { useDeliveryDetail } from './deliveryDetail';
import { useGuide } from './guide';
import { useInboxes } from './inboxes';
import { useReceiverStatus } from './receiverStatus';
import { useRouter } from './router';
import { useRequests } from './requests';
import { useSettings } from './settings';
import { useWebhooks } from './webhooks';
import { useWorkspace } from './workspace';

/** The open page's own query: sent before anything else, since the host answers calls in order. */
function loadPrimary(): Promise<unknown> | null {
  const page = useRouter.getState().route.page;
  const deliveries = useDeliveries.getState();
  return page === 'deliveries' || deliveries.status !== 'idle' ? deliveries.reload() : null;
}

/** What every page shares (the webhook list's figures can take a while over a big log). */
function loadShared(): void {
  void useWebhooks.getState().load();
  void useInboxes.getState().load();
  void useAlerts.getState().load();
  void useCatalog.getState().load();
  // The receiver's feed reloads only once its page has shown it.
  if (useRequests.getState().status !== 'idle') void useRequests.getState().reload();
  void useDeliveryDetail.getState().refresh();
}

async function reloadWorkspaceData(): Promise<void> {
  const first = loadPrimary();
  if (first) await Promise.race([first, new Promise((r) => setTimeout(r, 400))]);
  loadShared();
}

export function startResync(): () => void {
  let epoch = 0;
  const onConnection = async (state: ReturnType<typeof useConnection.getState>) => {
    if (state.status !== 'open' || state.epoch === epoch) return;
    epoch = state.epoch;
    // The remembered workspace is used at once; if it no longer exists, the list corrects it
    // and the workspace subscription below reloads everything.
    const first = loadPrimary();
    void useSettings.getState().load();
    void useReceiverStatus.getState().load();
    await useWorkspace.getState().load();
    if (first) await Promise.race([first, new Promise((r) => setTimeout(r, 400))]);
    loadShared();
  };
  const offConnection = useConnection.subscribe(onConnection);
  void onConnection(useConnection.getState());
  const offWorkspace = useWorkspace.subscribe((s, prev) => {
    if (prev.currentId === null || s.currentId === prev.currentId) return;
    // Filters and the guide name things of the old workspace.
    useDeliveries.setState({ filters: {} });
    useRequests.setState({ filters: {} });
    useGuide.setState({ started: false, dismissed: false, inbox: null, webhook: null, deliveryId: null });
    void reloadWorkspaceData();
  });
  return () => {
    offConnection();
    offWorkspace();
  };
}
