/**
 * The workspace as a config file (`hookbench config export`). No secret leaves as a value: inbox
 * and webhook secrets, credential header values and URLs with a password (webhook, forward-to and
 * route URLs) become env references
 * with derived names (HOOKBENCH_INBOX_<SLUG>_SECRET, HOOKBENCH_WEBHOOK_<NAME>_SECRET, …).
 */
import type { ConfigFileInput, EnvRef } from '../../api/configFile';
import { credentialHeaderTest, hasUserinfo } from '../../api/credentials';
import type { Inbox } from '../../api/receiverTypes';
import type { Webhook } from '../../api/types';
import { UsageError } from '../context';

export interface ExportedConfig {
  config: ConfigFileInput;
  /** The environment variables the config reads, in the order they appear. */
  variables: string[];
}

export function configOf(inboxes: readonly Inbox[], webhooks: readonly Webhook[], schemaRef: string): ExportedConfig {
  refuseDuplicateNames(webhooks);
  const names = new EnvNames();
  const config: ConfigFileInput = {
    $schema: schemaRef,
    inboxes: inboxes.map((i) => ({
      slug: i.slug,
      name: i.name,
      scheme: i.scheme,
      secrets: i.secrets.map((_, n) => names.ref('INBOX', i.slug, n === 0 ? 'SECRET' : `SECRET_${n + 1}`)),
      toleranceSec: i.toleranceSec,
      responseRule: i.responseRule,
      rejectInvalid: i.rejectInvalid,
      forwardTo: i.forwardTo && hasUserinfo(i.forwardTo) ? names.ref('INBOX', i.slug, 'FORWARD_URL') : i.forwardTo,
      forwardRoutes: i.forwardRoutes.map((r, n) => ({
        ...r,
        url: hasUserinfo(r.url) ? names.ref('INBOX', i.slug, `ROUTE_${n + 1}_URL`) : r.url,
      })),
      ...(i.catalog !== null && { catalog: i.catalog }),
    })),
    webhooks: webhooks.map((w) => {
      const isCredential = credentialHeaderTest(w.secretHeaders);
      return {
        name: w.name,
        description: w.description,
        url: hasUserinfo(w.url) ? names.ref('WEBHOOK', w.name, 'URL') : w.url,
        subscriptions: w.subscriptions,
        enabled: w.enabled,
        scheme: w.scheme,
        secret: names.ref('WEBHOOK', w.name, 'SECRET'),
        headers: Object.fromEntries(
          Object.entries(w.headers).map(([h, v]) => [
            h,
            isCredential(h) ? names.ref('WEBHOOK', w.name, `HEADER_${envWord(h)}`) : v,
          ]),
        ),
        secretHeaders: w.secretHeaders,
        timeoutSec: w.timeoutSec,
        retryPolicy: w.retryPolicy,
      };
    }),
  };
  return { config, variables: names.all };
}

/** Webhooks are found by name when a config is applied: two with one name cannot be told apart. */
function refuseDuplicateNames(webhooks: readonly Webhook[]): void {
  const seen = new Set<string>();
  const twice = [...new Set(webhooks.filter((w) => seen.size === seen.add(w.name).size).map((w) => w.name))];
  if (twice.length > 0)
    throw new UsageError(
      `a config finds webhooks by name, and ${twice.map((n) => `"${n}"`).join(', ')} ${twice.length === 1 ? 'names' : 'name'} more than one webhook; rename them first`,
    );
}

/** `Stripe test` → `STRIPE_TEST`. */
const envWord = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** Variable names, each handed out once (`_2`, `_3`, … when two things derive the same name). */
class EnvNames {
  readonly all: string[] = [];

  ref(kind: 'INBOX' | 'WEBHOOK', owner: string, what: string): EnvRef {
    const base = `HOOKBENCH_${kind}_${envWord(owner) || 'UNNAMED'}_${what}`;
    let name = base;
    for (let n = 2; this.all.includes(name); n++) name = `${base}_${n}`;
    this.all.push(name);
    return { env: name };
  }
}
