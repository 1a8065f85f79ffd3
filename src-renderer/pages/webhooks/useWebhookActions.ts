import { notifications } from '@mantine/notifications';
import type { Webhook } from '../../../src-main/api/types';
import { client } from '../../api/client';
import { errorText } from '../../api/errorText';
import { hrefOf } from '../../stores/router';

async function attempt<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    notifications.show({ color: 'red', title: `Could not ${what}`, message: errorText(e) });
    return undefined;
  }
}

/** The actions on one webhook, with their feedback. Store updates arrive as `webhook.changed` pushes. */
export const webhookActions = {
  async toggle(w: Webhook) {
    const r = await attempt(w.enabled ? 'disable the webhook' : 'enable the webhook', () =>
      client.call(w.enabled ? 'webhooks.disable' : 'webhooks.enable', { id: w.id }),
    );
    if (r)
      notifications.show({
        color: r.enabled ? 'teal' : 'gray',
        message: `${r.name} ${r.enabled ? 'enabled — paused retries resume' : 'disabled — pending retries pause'}`,
      });
  },
  async test(w: Webhook) {
    const d = await attempt('send a test event', () => client.call('webhooks.test', { id: w.id }));
    if (!d) return;
    const last = d.attempts[d.attempts.length - 1];
    const ok = d.status === 'success';
    notifications.show({
      color: ok ? 'teal' : 'red',
      title: ok ? 'Test delivered' : 'Test failed',
      message: `${last?.response ? `HTTP ${last.response.status}` : (last?.errorMessage ?? d.lastError ?? '')} — open it in Deliveries`,
      onClick: () => {
        window.location.hash = hrefOf('deliveries', null, { delivery: d.id });
      },
    });
  },
  async remove(w: Webhook) {
    const r = await attempt('delete the webhook', () => client.call('webhooks.delete', { id: w.id }));
    if (r) notifications.show({ color: 'gray', message: `Deleted ${w.name}` });
    return Boolean(r);
  },
};
