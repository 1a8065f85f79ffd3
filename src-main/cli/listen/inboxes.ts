/** The inboxes `hookbench listen` receives with: one from its options, or every inbox of a --config file. */
import type { Command } from 'commander';
import type { CatalogId } from '../../api/catalogTypes';
import { redactUrl } from '../../api/credentials';
import { dispatch } from '../../api/dispatch';
import type { Inbox, InboxScheme } from '../../api/receiverTypes';
import type { Workbench } from '../../engine/workbench';
import { UsageError } from '../context';
import type { SecretSource } from './secrets';

/** The options that describe the one inbox (a --config file describes its own). */
export interface InboxOptions {
  slug: string;
  scheme: InboxScheme;
  secret?: string[];
  tolerance: number;
  status: number;
  delay: number;
  forwardTo?: string;
  /** true: the flag without a status (the contract's default, 401). */
  rejectInvalid?: true | number;
}

/** Inbox field → the option that supplied it. */
const INBOX_FIELDS = {
  slug: '--slug',
  scheme: '--scheme',
  secrets: '--secret',
  toleranceSec: '--tolerance',
  'responseRule.status': '--status',
  'responseRule.delayMs': '--delay',
  forwardTo: '--forward-to',
  rejectInvalid: '--reject-invalid',
  catalog: '--catalog',
};

/** Sender field → option, for the engine's field errors. */
export const FIELDS = { ...INBOX_FIELDS, receiverPort: '--port', receiverHost: '--host' };

/** The inbox options given on the command line (not defaulted), as written (`--slug`). */
export function givenInboxOptions(cmd: Command): string[] {
  const flags = new Set<string>(Object.values(INBOX_FIELDS));
  return cmd.options
    .filter((o) => o.long && flags.has(o.long) && cmd.getOptionValueSource(o.attributeName()) === 'cli')
    .map((o) => o.long!);
}

export function refuseInboxOptionsWithConfig(cmd: Command): void {
  const given = givenInboxOptions(cmd);
  if (given.length > 0)
    throw new UsageError(
      `--config describes the inboxes, so ${given.join(', ')} cannot be given with it: ` +
        'set them in the config file, or drop --config',
    );
}

/**
 * The inbox for --slug: created, or (in a reused --data-dir) updated to these options.
 * `catalog`: what --catalog resolved to (its requests get a schema verdict); null: none.
 */
export async function upsertInbox(wb: Workbench, opts: InboxOptions, catalog: CatalogId | null = null): Promise<Inbox> {
  const settings = {
    catalog,
    scheme: opts.scheme,
    secrets: opts.secret,
    toleranceSec: opts.tolerance,
    responseRule: { status: opts.status, delayMs: opts.delay },
    forwardTo: opts.forwardTo ?? null,
    rejectInvalid:
      opts.rejectInvalid === undefined ? null : opts.rejectInvalid === true ? {} : { status: opts.rejectInvalid },
  };
  const existing = (await dispatch(wb, 'inboxes.list', {})).find((i) => i.slug === opts.slug);
  if (existing) return dispatch(wb, 'inboxes.update', { id: existing.id, ...settings });
  return dispatch(wb, 'inboxes.create', { name: opts.slug, slug: opts.slug, ...settings });
}

/**
 * The lines that describe one inbox. A secret from the user (--secret, the config) is never
 * printed; one generated now, or kept from a reused data directory, is, so a sender can use it.
 */
export function inboxLines(inbox: Inbox, url: string, from: { config: boolean; secret: SecretSource }): string[] {
  const rule = inbox.responseRule;
  const rejects = inbox.rejectInvalid && inbox.scheme !== 'none';
  const lines = [
    `Inbox ${inbox.slug}: ${url}`,
    `  scheme ${inbox.scheme}, answers ${rule.status}${rule.delayMs ? ` after ${rule.delayMs} ms` : ''}` +
      `${rejects ? `, rejects invalid signatures with ${inbox.rejectInvalid!.status}` : ''}` +
      `${inbox.forwardTo ? `, forwards${inbox.forwardRoutes.length > 0 ? ' the rest' : ''} to ${redactUrl(inbox.forwardTo)}` : ''}`,
    ...inbox.forwardRoutes.map((r) => `  forwards ${r.events.join(', ')} to ${redactUrl(r.url)}`),
  ];
  if (inbox.rejectInvalid && inbox.scheme === 'none')
    lines.push(
      from.config
        ? '  rejectInvalid does nothing with scheme none: nothing is signed, so nothing is invalid'
        : '  --reject-invalid does nothing with --scheme none: nothing is signed, so nothing is invalid',
    );
  if (from.secret === 'generated' || from.secret === 'kept')
    lines.push(
      `  secret (${from.secret === 'generated' ? 'generated' : 'kept from the data directory'}): ${inbox.secrets[0]}`,
    );
  if (inbox.secrets.length === 0 && inbox.scheme !== 'none')
    lines.push(
      `  no secret: signatures cannot be checked (${from.config ? 'give it secrets in the config' : 'give --secret'})`,
    );
  return lines;
}
