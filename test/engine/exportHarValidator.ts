/**
 * A strict structural validator for HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/):
 * every required field present with its type, optional fields typed when present, and no field
 * the spec does not name unless it starts with `_` (custom fields). Returns the problems found.
 */
type Json = unknown;
type Check = (value: Json, path: string, errors: string[]) => void;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, p, e) => void (typeof v !== 'string' && e.push(`${p}: expected a string`));
const int: Check = (v, p, e) => void (!Number.isInteger(v) && e.push(`${p}: expected an integer`));
const num =
  (min: number): Check =>
  (v, p, e) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) e.push(`${p}: expected a number`);
    else if (v < min) e.push(`${p}: ${v} is below ${min}`);
  };
const sizeOrUnknown: Check = (v, p, e) =>
  void (!(Number.isInteger(v) && (v as number) >= -1) && e.push(`${p}: expected an integer ≥ -1`));
const nullable =
  (c: Check): Check =>
  (v, p, e) =>
    v === null ? undefined : c(v, p, e);
const iso8601: Check = (v, p, e) => {
  if (
    typeof v !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) ||
    Number.isNaN(Date.parse(v))
  ) {
    e.push(`${p}: expected an ISO 8601 date-time`);
  }
};
const absoluteUrl: Check = (v, p, e) => {
  str(v, p, e);
  try {
    new URL(String(v));
  } catch {
    e.push(`${p}: not an absolute URL`);
  }
};
const arrayOf =
  (c: Check): Check =>
  (v, p, e) => {
    if (!Array.isArray(v)) e.push(`${p}: expected an array`);
    else v.forEach((item, i) => c(item, `${p}[${i}]`, e));
  };

/** An object with these required and optional fields; any other field must start with `_`. */
function object(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v, p, e) => {
    if (!isObject(v)) {
      e.push(`${p}: expected an object`);
      return;
    }
    for (const [k, c] of Object.entries(required)) {
      if (!(k in v)) e.push(`${p}.${k}: required`);
      else c(v[k], `${p}.${k}`, e);
    }
    for (const [k, c] of Object.entries(optional)) if (k in v && v[k] !== undefined) c(v[k], `${p}.${k}`, e);
    for (const k of Object.keys(v))
      if (!(k in required) && !(k in optional) && !k.startsWith('_'))
        e.push(`${p}.${k}: not a HAR 1.2 field (custom fields start with _)`);
  };
}

const comment = { comment: str };
const nameValue = object({ name: str, value: str }, comment);
const cookie = object(
  { name: str, value: str },
  {
    path: str,
    domain: str,
    expires: nullable(iso8601),
    httpOnly: (v, p, e) => void (typeof v !== 'boolean' && e.push(`${p}: expected a boolean`)),
    secure: (v, p, e) => void (typeof v !== 'boolean' && e.push(`${p}: expected a boolean`)),
    ...comment,
  },
);
const postData = object(
  { mimeType: str },
  {
    params: arrayOf(object({ name: str }, { value: str, fileName: str, contentType: str, ...comment })),
    text: str,
    ...comment,
  },
);
const content = object({ size: int, mimeType: str }, { compression: int, text: str, encoding: str, ...comment });
const cacheEntry = object({ lastAccess: iso8601, eTag: str, hitCount: int }, { expires: iso8601, ...comment });

const request = object(
  {
    method: str,
    url: absoluteUrl,
    httpVersion: str,
    cookies: arrayOf(cookie),
    headers: arrayOf(nameValue),
    queryString: arrayOf(nameValue),
    headersSize: sizeOrUnknown,
    bodySize: sizeOrUnknown,
  },
  { postData, ...comment },
);
const response = object(
  {
    status: int,
    statusText: str,
    httpVersion: str,
    cookies: arrayOf(cookie),
    headers: arrayOf(nameValue),
    content,
    redirectURL: str,
    headersSize: sizeOrUnknown,
    bodySize: sizeOrUnknown,
  },
  comment,
);
const timings = object(
  { send: num(0), wait: num(0), receive: num(0) },
  { blocked: num(-1), dns: num(-1), connect: num(-1), ssl: num(-1), ...comment },
);
const entryShape = object(
  {
    startedDateTime: iso8601,
    time: num(0),
    request,
    response,
    cache: object({}, { beforeRequest: nullable(cacheEntry), afterRequest: nullable(cacheEntry), ...comment }),
    timings,
  },
  { pageref: str, serverIPAddress: str, connection: str, ...comment },
);
/** `time` is the sum of the timings that apply (not -1), ssl being part of connect. */
const entry: Check = (v, p, e) => {
  entryShape(v, p, e);
  if (!isObject(v) || !isObject(v.timings) || typeof v.time !== 'number') return;
  const t = v.timings as Record<string, number>;
  const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'].reduce(
    (s, k) => s + (typeof t[k] === 'number' && t[k] >= 0 ? t[k] : 0),
    0,
  );
  if (Math.abs(sum - v.time) > 1e-6) e.push(`${p}.time: ${v.time} is not the sum of its timings (${sum})`);
};
const page = object(
  {
    startedDateTime: iso8601,
    id: str,
    title: str,
    pageTimings: object({}, { onContentLoad: num(-1), onLoad: num(-1), ...comment }),
  },
  comment,
);
const creator = object({ name: str, version: str }, comment);
const log = object(
  { version: (v, p, e) => void (v !== '1.2' && e.push(`${p}: expected "1.2"`)), creator, entries: arrayOf(entry) },
  { browser: creator, pages: arrayOf(page), ...comment },
);

export function validateHar(har: Json): string[] {
  const errors: string[] = [];
  object({ log })(har, 'har', errors);
  return errors;
}
