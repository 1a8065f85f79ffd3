/**
 * Credentials in a webhook's target: the userinfo of its URL (`https://user:password@host/`) and
 * the values of credential headers. The one list of header names that always hold credentials
 * lives here; a webhook adds its own (`secretHeaders`). Isomorphic (no Node APIs): the engine
 * seals and redacts with these, the exports redact with them, the renderer masks with them.
 */

/** Header names (lower case) whose values are credentials on every webhook. */
export const CREDENTIAL_HEADERS: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];

/** What a credential is replaced with in attempt records, exports and at rest. */
export const REDACTED = '[redacted]';

/** A test for "this header holds a credential": the built-in names plus a webhook's own (any case). */
export function credentialHeaderTest(secretHeaders: readonly string[] = []): (name: string) => boolean {
  if (secretHeaders.length === 0) return (name) => CREDENTIAL_HEADERS.includes(name.toLowerCase());
  const names = new Set([...CREDENTIAL_HEADERS, ...secretHeaders.map((n) => n.toLowerCase())]);
  return (name) => names.has(name.toLowerCase());
}

/** Header names as stored and compared: lower case, each once. */
export const normalizeHeaderNames = (names: readonly string[]): string[] => [
  ...new Set(names.map((n) => n.toLowerCase())),
];

// scheme://authority…, the authority ending at the first / ? # or \ (as WHATWG URL parses http(s)).
const AUTHORITY = /^([a-z][a-z\d+.-]*:\/\/)([^/?#\\]*)/i;

/**
 * A URL split into its userinfo (`user:password`, as written, or null) and the URL without it.
 * The userinfo is everything before the authority's last `@` (as URL parsers read it), so
 * `withUserinfo(bare, userinfo)` gives back the string exactly.
 */
export function splitUserinfo(url: string): { userinfo: string | null; bare: string } {
  const m = AUTHORITY.exec(url);
  const at = m ? m[2]!.lastIndexOf('@') : -1;
  if (!m || at === -1) return { userinfo: null, bare: url };
  return { userinfo: m[2]!.slice(0, at), bare: m[1]! + url.slice(m[1]!.length + at + 1) };
}

export function withUserinfo(bare: string, userinfo: string | null): string {
  if (userinfo === null) return bare;
  const m = AUTHORITY.exec(bare);
  return m ? `${m[1]}${userinfo}@${bare.slice(m[1]!.length)}` : bare;
}

/**
 * The URL with its password replaced by `mask` (`https://user:[redacted]@host/`); a userinfo with
 * no password (often a token) is replaced whole.
 */
export function redactUrl(url: string, mask = REDACTED): string {
  const { userinfo, bare } = splitUserinfo(url);
  if (userinfo === null) return url;
  const colon = userinfo.indexOf(':');
  return withUserinfo(bare, colon === -1 ? mask : `${userinfo.slice(0, colon)}:${mask}`);
}

export function hasUserinfo(url: string): boolean {
  return splitUserinfo(url).userinfo !== null;
}

type Headers = Record<string, string> | [string, string][];

/** The headers with every credential value replaced by {@link REDACTED}, in the same shape and order. */
export function redactHeaders<H extends Headers>(headers: H, secretHeaders: readonly string[] = []): H {
  const isCredential = credentialHeaderTest(secretHeaders);
  if (Array.isArray(headers)) {
    return (
      headers.some(([n]) => isCredential(n)) ? headers.map(([n, v]) => [n, isCredential(n) ? REDACTED : v]) : headers
    ) as H;
  }
  if (!Object.keys(headers).some(isCredential)) return headers;
  return Object.fromEntries(Object.entries(headers).map(([n, v]) => [n, isCredential(n) ? REDACTED : v])) as H;
}

/**
 * What goes on the wire for a webhook's URL and extra headers. HTTP clients do not send URL
 * userinfo by themselves (undici drops it), so it becomes `Authorization: Basic …` as curl and
 * browsers do — unless the webhook sets an Authorization header itself, which wins.
 */
export function wireTarget(
  url: string,
  headers: Record<string, string>,
): { url: string; headers: Record<string, string> } {
  const { userinfo, bare } = splitUserinfo(url);
  if (userinfo === null) return { url, headers };
  if (Object.keys(headers).some((n) => n.toLowerCase() === 'authorization')) return { url: bare, headers };
  const colon = userinfo.indexOf(':');
  const user = decoded(colon === -1 ? userinfo : userinfo.slice(0, colon));
  const password = colon === -1 ? '' : decoded(userinfo.slice(colon + 1));
  return { url: bare, headers: { ...headers, authorization: `Basic ${base64Utf8(`${user}:${password}`)}` } };
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a stray %: sent as written
  }
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
