import { headersOf, SCHEME_NAMES } from '../../src-main/api/schemes';

/** Every header a known scheme writes or reads (signature, id, timestamp, event), lower case. */
const SCHEME_HEADER_NAMES = new Set(SCHEME_NAMES.flatMap(headersOf).map((name) => name.toLowerCase()));

/** How other senders name theirs (X-Gitlab-Event, X-Gitea-Delivery, X-Twilio-Signature, …). */
const OTHER_SENDERS = /signature|hmac|timestamp|-delivery|-event$|-topic$/i;

/** Headers that carry a signature, its timestamp, or the ids a receiver checks (highlighted in views). */
export const isSignatureHeader = (name: string): boolean =>
  SCHEME_HEADER_NAMES.has(name.toLowerCase()) || OTHER_SENDERS.test(name);
