/** The verdict on one received request: its signature checked the inbox's way, and its dedupe key. */
import type { DedupeId, Inbox, InboxScheme, Verdict } from '../../api/receiverTypes';
import { DETECT_ORDER, SCHEME_DESCRIPTORS } from '../../api/schemes';
import { headerValue } from '../signing/headers';
import { getScheme, verifyAuto } from '../signing/registry';
import type { HeaderMap, VerifyResult } from '../signing/types';

export function judgeRequest(inbox: Inbox, headers: HeaderMap, body: Buffer, nowSec: number): Verdict {
  const input = { headers, body, secrets: inbox.secrets, toleranceSec: inbox.toleranceSec, now: nowSec };
  const result: VerifyResult = inbox.scheme === 'auto' ? verifyAuto(input) : getScheme(inbox.scheme).verify(input);
  return { ...result, configuredScheme: inbox.scheme };
}

/** A body cut at the limit would only ever fail verification; say why instead. */
export function truncatedVerdict(inbox: Inbox, limitBytes: number): Verdict {
  return {
    valid: false,
    configuredScheme: inbox.scheme,
    scheme: inbox.scheme === 'auto' ? 'none' : inbox.scheme,
    reason: 'body_truncated',
    message: `body over the ${formatBytes(limitBytes)} limit; answered 413 and not verified`,
  };
}

/** Message-id headers of the schemes that carry one, aliases included, in detection order (the reused generic names last). */
const ID_HEADERS = DETECT_ORDER.flatMap((name) => SCHEME_DESCRIPTORS[name].idHeaders);

/**
 * The message id a request carries, and how: the id the verification read, else an id header
 * (so an inbox with scheme none or a failed check still spots resends: the provider sent that
 * header), else for schemes whose id is in the body (Stripe) the JSON body's `id` — carried
 * `via: 'body'` only when the signature verified. An unverified body is anyone's text, not a
 * message the provider sent: its id (`via: null`) still names the event to compare with, but
 * neither marks nor is marked a duplicate.
 */
export function dedupeIdOf(verdict: Verdict | null, headers: HeaderMap, body: Buffer): DedupeId | null {
  if (verdict?.id) return { key: verdict.id, via: 'header' };
  for (const name of ID_HEADERS) {
    const value = headerValue(headers, name);
    if (value) return { key: value, via: 'header' };
  }
  if (!bodyCarriesId(verdict)) return null;
  const key = jsonId(body);
  return key === null ? null : { key, via: verdict!.valid ? 'body' : null };
}

/** The scheme checked (configured, or detected under auto) keeps its message id in the body (Stripe). */
function bodyCarriesId(verdict: Verdict | null): boolean {
  const inBody = (scheme: InboxScheme) => scheme !== 'auto' && SCHEME_DESCRIPTORS[scheme].idInBody;
  return verdict !== null && (inBody(verdict.scheme) || inBody(verdict.configuredScheme));
}

function jsonId(body: Buffer): string | null {
  if (body.length === 0 || body.length > 1024 * 1024) return null;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const id = (parsed as { id?: unknown }).id;
      if (typeof id === 'string' && id !== '') return id;
      if (typeof id === 'number' && Number.isFinite(id)) return String(id);
    }
  } catch {
    // not JSON: no id
  }
  return null;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
