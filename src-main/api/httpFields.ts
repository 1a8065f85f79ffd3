/**
 * The HTTP-shaped fields of the contract: URLs (with the scheme a person left out suggested),
 * free text, header names and values. Isomorphic (zod only); schemas.ts re-exports them.
 */
import { z } from 'zod';
import { normalizeHeaderNames } from './credentials';
import { quoted } from './plainErrors';

/** Longest URL accepted (many servers and proxies refuse longer request lines). */
export const MAX_URL_LENGTH = 8192;

/**
 * The URL a person most likely meant when they left out the scheme (`localhost:3000/hooks` →
 * `http://localhost:3000/hooks`; a public host gets https), or null when it is not host[:port]/….
 * The contract's message and the forms' one-click fix both use it.
 */
export function suggestedUrl(value: string): string | null {
  const v = value.trim();
  // Has a scheme already, or holds what no URL may (then that is the error to report).
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(v) || firstInvalidChar(v, /[\s\p{Cc}]/u)) return null;
  const m = /^(localhost|\[[\da-f:.]+\]|[\w-]+(?:\.[\w-]+)+)(:\d{1,5})?([/?#]|$)/i.exec(v);
  if (!m) return null;
  const local = /^(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0$|\[::1\]$)|\.(localhost|local|test|internal)$/i.test(
    m[1]!,
  );
  return `${local ? 'http' : 'https'}://${v}`;
}

const withoutScheme = (value: string, suggestion: string) =>
  `${quoted(value)} has no http:// or https:// in front: did you mean ${suggestion}?`;

export const httpUrlSchema = z
  .string({ error: 'url is required' })
  .trim()
  .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const suggestion = suggestedUrl(value);
    if (suggestion) return void ctx.addIssue({ code: 'custom', message: withoutScheme(value, suggestion) });
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid URL` });
      return;
    }
    // The URL parser drops tabs and line breaks silently; refuse them instead of sending another URL.
    const bad = firstInvalidChar(value, /[\s\p{Cc}]/u);
    if (bad)
      return void ctx.addIssue({
        code: 'custom',
        message: `url contains ${bad}; URLs cannot contain spaces, line breaks or control characters (encode them as %20 etc.)`,
      });
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `url must be http or https, not ${url.protocol.replace(':', '')}` });
    } else if (!/^https?:\/\//i.test(value)) {
      // `https:user:pw@host` and `https:\\host` parse too, but are read as something else elsewhere: ask for scheme://.
      ctx.addIssue({ code: 'custom', message: 'write the URL as http://host/… or https://host/… (with //)' });
    }
  });

/** A readable description of the first character matching `re` (or lone surrogate), or null. */
export function firstInvalidChar(value: string, re: RegExp): string | null {
  if (!value.isWellFormed()) return 'a broken Unicode character (a lone surrogate)';
  const m = re.exec(value);
  if (!m) return null;
  const c = m[0];
  const named: Record<string, string> = {
    '\r': 'a line break (CR)',
    '\n': 'a line break (LF)',
    '\t': 'a tab',
    ' ': 'a space',
    '\u0000': 'a NUL character',
  };
  return named[c] ?? `the character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A name or short text a person typed: trimmed, no control characters (descriptions may have
 * line breaks and tabs) and no broken Unicode, which some faces and exports cannot carry.
 */
export function textSchema(field: string, opts: { max: number; min?: number; multiline?: boolean }) {
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  const control = opts.multiline ? /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/ : /\p{Cc}/u;
  let s = z.string({ error: `${field} must be text` }).trim();
  if (opts.min) s = s.min(opts.min, `${field} is required`);
  return s.max(opts.max, `${field} must be at most ${opts.max} characters`).superRefine((value, ctx) => {
    const bad = firstInvalidChar(value, control);
    if (bad) ctx.addIssue({ code: 'custom', message: `${field} contains ${bad}` });
  });
}

/** Set per request by the HTTP client or the signer's transport; an extra header cannot replace them. */
export const RESERVED_HEADER_NAMES = [
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'upgrade',
  'expect',
  'content-length',
] as const;
export const MAX_EXTRA_HEADERS = 50;
export const MAX_HEADER_VALUE_BYTES = 8192;
/** All extra headers together (names and values): servers commonly refuse more than 16 KiB of headers. */
export const MAX_EXTRA_HEADERS_BYTES = 16 * 1024;

/** RFC 9110 token (`1*tchar`): what a header name and a method are. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** RFC 9110 field-value characters: visible ASCII, space, tab and obs-text (Latin-1); no CR, LF or NUL. */
const HEADER_VALUE_BAD = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Headers a person sets (a webhook's extra headers, an inbox's response headers): names are HTTP
 * tokens, values one line each, bounded in number and size; `reserved` names are refused with `why`.
 */
export const headersSchema = (reserved: readonly string[], why: (name: string) => string) =>
  z.record(z.string(), z.string({ error: 'a header value must be text' })).superRefine((headers, ctx) => {
    const entries = Object.entries(headers);
    if (entries.length > MAX_EXTRA_HEADERS)
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_EXTRA_HEADERS} headers (got ${entries.length})` });
    let total = 0;
    for (const [name, value] of entries) {
      total += name.length + value.length + 4;
      if (!HTTP_TOKEN.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: headerNameProblem(name) });
      else if (reserved.includes(name.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: [name], message: why(name) });
      }
      const badValue = firstInvalidChar(value, HEADER_VALUE_BAD);
      if (badValue)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `the value of ${name} contains ${badValue}; header values are one line of Latin-1 text`,
        });
      else if (value.length > MAX_HEADER_VALUE_BYTES)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `the value of ${name} is longer than ${MAX_HEADER_VALUE_BYTES} characters`,
        });
    }
    if (total > MAX_EXTRA_HEADERS_BYTES)
      ctx.addIssue({ code: 'custom', message: `headers total ${total} bytes; at most ${MAX_EXTRA_HEADERS_BYTES}` });
  });

/** Why `name` is not a header name, in words: what it contains that a name cannot. */
function headerNameProblem(name: string): string {
  if (name === '') return 'a header name is required';
  if (/[ :]/.test(name))
    return `${quoted(name)}: header names cannot contain spaces or ‘:’ (use letters, digits and -)`;
  const bad = firstInvalidChar(name, /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/) ?? 'that character';
  return `${quoted(name)}: header names cannot contain ${bad} (use letters, digits and -)`;
}

/** Extra headers sent with every delivery. */
export const extraHeadersSchema = headersSchema(
  RESERVED_HEADER_NAMES,
  (name) => `${name} is set by Hookbench for each request and cannot be an extra header`,
);

/** Extra header names the user marks secret (beside CREDENTIAL_HEADERS, credentials.ts): stored lower case, each once. */
export const secretHeadersSchema = z
  .array(z.string().regex(HTTP_TOKEN, 'a secret header name is an HTTP header name (letters, digits and -)'))
  .max(MAX_EXTRA_HEADERS, `at most ${MAX_EXTRA_HEADERS} secret header names`)
  .transform(normalizeHeaderNames);
