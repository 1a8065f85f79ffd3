/**
 * "Send to a local inbox": one click from the sender side to a receiving, verifying inbox. Such a
 * webhook targets the inbox, not a port: it is linked to the inbox (`local_targets`), and its URL
 * follows the receiver (a new port or host from Settings or the command line) and the inbox's slug.
 */
import { HookbenchError } from '../api/errors';
import { localInboxSchema, type LocalInboxInput } from '../api/receiverSchemas';
import type { Inbox } from '../api/receiverTypes';
import { parseInput } from '../api/schemas';
import type { Webhook } from '../api/types';
import type { Sender } from './sender';
import type { Receiver } from './receiver/receiver';
import { routeOf } from './receiver/intake';
import { isLoopbackHost } from './receiver/server';
import type { LiveTarget, LocalTargetsRepo } from './store/localTargetsRepo';

/**
 * Creates an inbox and a webhook pointed at it that share scheme and secret, so every event
 * the webhook is sent arrives verified. If the webhook cannot be created the inbox is removed.
 */
export function sendToLocalInbox(
  sender: Sender,
  receiver: Receiver,
  input: LocalInboxInput = {},
): { inbox: Inbox; webhook: Webhook } {
  const p = parseInput(localInboxSchema, input);
  const status = receiver.status();
  if (!status.listening || status.url === null) {
    throw new HookbenchError(
      'unavailable',
      'the local receiver is not running; start it (Settings → Receiver, or `hookbench listen`) and try again',
      'receiver',
    );
  }
  const name = p.name ?? 'Local inbox';
  const inbox = receiver.inboxes.create({
    workspaceId: p.workspaceId,
    name,
    scheme: p.scheme,
    responseRule: p.responseRule,
  });
  let webhook: Webhook | null = null;
  try {
    webhook = sender.webhooks.create({
      workspaceId: inbox.workspaceId,
      name: `${name} (local)`,
      description: `Sends to the local inbox /in/${inbox.slug}`,
      url: inboxUrl(status.url, inbox.slug),
      subscriptions: p.subscriptions,
      scheme: p.scheme,
      // `none` keeps no inbox secret; the webhook then makes its own (never used to sign).
      secret: inbox.secrets[0],
      retryPolicy: p.retryPolicy,
    });
    sender.store.localTargets.link(webhook.id, inbox.id, inbox.slug);
    return { inbox, webhook };
  } catch (e) {
    if (webhook) sender.webhooks.delete(webhook.id);
    receiver.inboxes.delete(inbox.id);
    throw e;
  }
}

/**
 * Keeps local webhooks' URLs on the receiver's current address and their inbox's slug: on every
 * successful start of the receiver and on every change of an inbox. A webhook whose URL was
 * pointed elsewhere by hand is no longer local (its link is dropped, its URL left alone).
 */
export function registerLocalTargets(sender: Sender): void {
  const links = sender.store.localTargets;
  let receiver: { url: string; host: string } | null = null;
  const follow = (targets: LiveTarget[]) => {
    if (receiver) for (const t of targets) followOne(sender, links, t, receiver);
  };
  sender.bus.on('receiver.status', (s) => {
    if (!s.listening || s.url === null) return;
    receiver = { url: s.url, host: new URL(s.url).hostname.replace(/^\[|\]$/g, '') };
    follow(links.live());
  });
  sender.bus.on('inbox.changed', (c) => {
    if (c.inbox && !c.deleted) follow(links.live(c.inbox.id));
  });
}

function followOne(
  sender: Sender,
  links: LocalTargetsRepo,
  t: LiveTarget,
  receiver: { url: string; host: string },
): void {
  const webhook = sender.store.webhooks.get(t.webhookId);
  if (!webhook) return;
  if (!isLocalInboxUrl(webhook.url, t.slug, receiver.host)) {
    links.unlink(t.webhookId);
    return;
  }
  const url = inboxUrl(receiver.url, t.inboxSlug);
  if (url !== webhook.url) sender.webhooks.update({ id: webhook.id, url });
  if (t.inboxSlug !== t.slug) links.setSlug(t.webhookId, t.inboxSlug);
}

const inboxUrl = (receiverUrl: string, slug: string) => `${receiverUrl}/in/${slug}`;

/**
 * `http://<this machine>:<any port>/in/<slug>`: what a local webhook's URL is until someone
 * points it elsewhere (another host, path or scheme).
 */
function isLocalInboxUrl(url: string, slug: string, receiverHost: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' || u.search || u.hash || u.username || u.password) return false;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const route = routeOf(u.pathname);
  return (isLoopbackHost(host) || host === receiverHost) && route?.slug === slug && route.subPath === '';
}
