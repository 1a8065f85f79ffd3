/**
 * Recover (Svix's word): failed deliveries made due again, page by page. What the engine lends:
 * its store, whether it may take a delivery, and how it is told that deliveries fell due.
 */
import type { Delivery } from '../../api/types';
import type { Store } from '../store/store';
import { writeState } from './deliveryWrites';

/** Failed deliveries queued again per write. */
export const RECOVER_PAGE = 500;

export type RecoverScope = { workspaceId: string } | { webhookId: string };

export interface RecoverDeps {
  store: Store;
  /** False for a delivery of a disabled webhook, or one the engine is working on. */
  mayTake: (d: Delivery) => boolean;
  /** These deliveries were made due at `now` (announce them, wake the scheduler). */
  queued: (deliveries: Delivery[], now: number) => void;
}

/**
 * Every failed delivery in `scope` created in [since, until) is due again now (status retrying,
 * its attempt count kept: one more attempt each), one conditional write per page of
 * {@link RECOVER_PAGE}; `onPage` gets the running counts and the ids that page queued. A delivery
 * changed meanwhile (its write did not apply) is skipped.
 */
export async function recoverFailed(
  deps: RecoverDeps,
  scope: RecoverScope,
  since: number,
  until: number,
  onPage: (queued: number, skipped: number, ids: string[]) => void,
): Promise<{ queued: number; skipped: number }> {
  let queued = 0;
  let skipped = 0;
  let from: { createdAt: number; id: string } | undefined;
  for (;;) {
    const page = deps.store.deliveries.failedPage(scope, since, until, RECOVER_PAGE, from);
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    from = { createdAt: last.createdAt, id: last.id };
    const now = Date.now();
    const picked = page.filter(deps.mayTake);
    const changes = picked.map((before) => ({
      before,
      after: { ...before, status: 'retrying' as const, nextAttemptAt: now, completedAt: null, updatedAt: now },
    }));
    const applied = changes.length
      ? await deps.store.writer.submit({
          write: (b) => {
            for (const c of changes) writeState(b, c.before, c.after);
          },
        })
      : [];
    const made = changes.filter((_, i) => applied[i] !== null).map((c) => c.after);
    skipped += page.length - made.length;
    queued += made.length;
    if (made.length) deps.queued(made, now);
    onPage(
      queued,
      skipped,
      made.map((d) => d.id),
    );
  }
  return { queued, skipped };
}
