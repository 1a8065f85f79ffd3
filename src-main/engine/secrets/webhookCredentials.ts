/**
 * A webhook's target as stored: the URL without its userinfo and the extra headers with every
 * credential value replaced by a placeholder (names and order kept), beside what is sealed —
 * the userinfo and those values. The repository seals and merges with these; the store's open
 * uses them to seal rows an older Hookbench wrote in plain.
 */
import { credentialHeaderTest, REDACTED, splitUserinfo, withUserinfo } from '../../api/credentials';

/** What is sealed for one webhook (JSON in the `credentials` column). */
export interface WebhookCredentials {
  userinfo?: string;
  headers?: Record<string, string>;
}

export interface WebhookTarget {
  url: string;
  headers: Record<string, string>;
}

/** The target as stored, and what to seal (null when there is nothing to seal). */
export function splitCredentials(
  t: WebhookTarget & { secretHeaders: readonly string[] },
): WebhookTarget & { credentials: WebhookCredentials | null } {
  const { userinfo, bare } = splitUserinfo(t.url);
  const isCredential = credentialHeaderTest(t.secretHeaders);
  const sealed = Object.entries(t.headers).filter(([name]) => isCredential(name));
  const credentials: WebhookCredentials = {
    ...(userinfo === null ? {} : { userinfo }),
    ...(sealed.length === 0 ? {} : { headers: Object.fromEntries(sealed) }),
  };
  const headers =
    sealed.length === 0
      ? t.headers
      : Object.fromEntries(Object.entries(t.headers).map(([n, v]) => [n, isCredential(n) ? REDACTED : v]));
  return { url: bare, headers, credentials: userinfo === null && sealed.length === 0 ? null : credentials };
}

/** The target as the API sees it: stored parts with the sealed ones put back. */
export function mergeCredentials(stored: WebhookTarget, credentials: WebhookCredentials | null): WebhookTarget {
  if (credentials === null) return stored;
  const { userinfo, bare } = splitUserinfo(stored.url);
  // Sealed values fill the placeholders in the stored order; a sealed name missing there is appended, never lost.
  return {
    url: withUserinfo(bare, credentials.userinfo ?? userinfo),
    headers: { ...stored.headers, ...credentials.headers },
  };
}

/** Whether a stored target still holds a credential in plain (a row an older Hookbench wrote). */
export function holdsPlainCredentials(stored: WebhookTarget & { secretHeaders: readonly string[] }): boolean {
  const isCredential = credentialHeaderTest(stored.secretHeaders);
  return (
    splitUserinfo(stored.url).userinfo !== null ||
    Object.entries(stored.headers).some(([n, v]) => isCredential(n) && v !== REDACTED)
  );
}
