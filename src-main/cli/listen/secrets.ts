/**
 * Where each inbox's secret comes from in a `hookbench listen` run — given (--secret, the
 * config), kept (an inbox of a reused --data-dir), generated (a fixed scheme, none given), or
 * none — known before anything is written, so what could never work is refused first: --expect
 * on an inbox that cannot verify a signature, --print-secret with nothing to print.
 */
import type { HookbenchConfig } from '../../api/configFile';
import type { InboxScheme } from '../../api/receiverTypes';
import { UsageError } from '../context';

export type SecretSource = 'given' | 'kept' | 'generated' | 'none';

/** An inbox the run sets up: from the command line or a config entry. `secrets` as given (undefined: not given). */
export interface InboxTarget {
  slug: string;
  scheme: InboxScheme;
  secrets: readonly unknown[] | undefined;
}

export function inboxTargets(
  file: HookbenchConfig | undefined,
  opts: { slug: string; scheme: InboxScheme; secret?: string[] },
): InboxTarget[] {
  return file
    ? file.inboxes.map((i) => ({ slug: i.slug, scheme: i.scheme, secrets: i.secrets }))
    : [{ slug: opts.slug, scheme: opts.scheme, secrets: opts.secret }];
}

/** `existing`: the secrets of the inboxes already in the data directory, by slug. */
export function secretSource(target: InboxTarget, existing: ReadonlyMap<string, readonly string[]>): SecretSource {
  if (target.secrets !== undefined) return target.secrets.length > 0 ? 'given' : 'none';
  const kept = existing.get(target.slug);
  if (kept !== undefined) return kept.length > 0 ? 'kept' : 'none';
  return target.scheme === 'auto' || target.scheme === 'none' ? 'none' : 'generated';
}

export function refuseWithoutSecrets(
  targets: readonly InboxTarget[],
  existing: ReadonlyMap<string, readonly string[]>,
  want: { expecting: boolean; printSecret: boolean; fromConfig: boolean },
): void {
  if (!want.expecting && !want.printSecret) return;
  const give = want.fromConfig
    ? 'give it "secrets" in the config'
    : 'give --secret, or --scheme <scheme> for a fresh one';
  for (const target of targets) {
    if (secretSource(target, existing) !== 'none') continue;
    if (want.printSecret)
      throw new UsageError(
        `--print-secret: inbox ${target.slug} (scheme ${target.scheme}) has no secret to print; ${give}`,
      );
    if (target.scheme !== 'none')
      throw new UsageError(
        `--expect counts requests whose signature verifies, and inbox ${target.slug} (scheme ${target.scheme}) has no secret to verify with; ${give}, or use scheme none to count unsigned requests`,
      );
  }
}
