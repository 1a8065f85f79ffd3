/**
 * What `diff.compare` and `diff.explain` return: two HTTP messages side by side and what differs
 * between them (request line, headers, body as bytes / JSON / text, timing), with sentences that
 * say what the differences imply for a signature. Shaped for a side-by-side view: every list is
 * ordered for display, every value a view needs is present (no second call), and both sides are
 * always `left` (the reference: what was sent, or the earlier valid request) and `right`.
 * Isomorphic: types only.
 */
import type { SchemeName } from './schemas';
import type { Verdict } from './receiverTypes';

/**
 * A subject, as text: `req_…` (a received request), `dlv_…` (a delivery's latest attempt) or
 * `dlv_…#2` (its attempt 2). Parsed by `parseSubjectRef` (diffSchemas.ts).
 */
export type SubjectRef = string;

export type SubjectKind = 'request' | 'attempt';

/** One side: the HTTP message as it was received (a request) or as it was sent (an attempt). */
export interface DiffSide {
  /** The canonical ref: `req_…`, or `dlv_…#N` with the attempt number filled in. */
  ref: string;
  kind: SubjectKind;
  /** The request id, or the delivery id. */
  id: string;
  /** The attempt number (attempts only). */
  attempt: number | null;
  /** A short title for a column header: `request req_… (inbox orders)`, `delivery dlv_… attempt 2`. */
  label: string;
  method: string;
  /** Attempts: the URL as sent (credentials redacted). Requests: the path and query as received. */
  url: string;
  /** Path and query (`/in/orders?x=1`), the part both kinds share. */
  path: string;
  /** [name as sent, value] in order; repeated headers appear once per value. */
  headers: [string, string][];
  /** The body exactly as sent or received, base64. For an attempt: the event body it sent. */
  bodyBase64: string;
  /** The body as text when it is valid UTF-8, else null (binary). */
  bodyText: string | null;
  bodySize: number;
  /** The receiver cut the body at its size limit (requests only): the bytes are incomplete. */
  bodyTruncated: boolean;
  /** Epoch ms: when the request was received, or the attempt started. */
  at: number;
  durationMs: number | null;
  /** The response status (null: no answer, or the attempt failed before one). */
  responseStatus: number | null;
  /** The stored verdict of a received request; null for attempts and unrouted requests. */
  verdict: Verdict | null;
  /** The signing scheme: the verdict's, else the one the headers show; null when none is recognised. */
  scheme: SchemeName | null;
  /** The event a delivery carried (attempts only). */
  eventId: string | null;
  eventType: string | null;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'same';

/** One header name, compared case-insensitively across both sides. */
export interface HeaderChange {
  /** The name in lower case (the key of the comparison). */
  name: string;
  /** added: only on the right; removed: only on the left; changed: the values differ. */
  kind: ChangeKind;
  /** The names as each side spelled them (null where absent). */
  leftName: string | null;
  rightName: string | null;
  /** Every value on each side, in order ([] where absent). */
  left: string[];
  right: string[];
  /** Position of the header's first occurrence in each side's list (null where absent). */
  leftIndex: number | null;
  rightIndex: number | null;
  /** Same values, but the name's letter case differs. */
  nameCaseChanged: boolean;
  /** Set by the HTTP client or the connection (host, content-length, connection…), not by the sender's code. */
  transport: boolean;
  /** One side's value is `[redacted]` (a credential the attempt record hides): the values cannot be compared. */
  redacted: boolean;
}

export interface HeaderDiff {
  /** Every header name: the left side's order first, then the ones only on the right in their order. */
  changes: HeaderChange[];
  counts: Record<ChangeKind, number>;
  /** The headers present on both sides appear in a different relative order. */
  orderChanged: boolean;
  /** The same names and values on both sides, in a different order (nothing else differs). */
  onlyOrderDiffers: boolean;
}

/** A window of bytes around the first difference, for a hex view. */
export interface HexWindow {
  /** Offset of the window's first byte in the body. */
  offset: number;
  /** The window's bytes as hex pairs separated by spaces (`7b 22 69 64`). */
  hex: string;
  /** The same bytes as printable ASCII, `.` for the rest; one character per byte. */
  ascii: string;
}

export interface ByteDiff {
  equal: boolean;
  leftSize: number;
  rightSize: number;
  /** The first offset where the bytes differ (the shorter size when one is a prefix of the other); null when equal. */
  firstDifferenceAt: number | null;
  /** The same window of both bodies around the first difference; null when equal. */
  context: { left: HexWindow; right: HexWindow } | null;
}

export type JsonValueType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export type JsonChangeKind = 'added' | 'removed' | 'changed' | 'type_changed';

/** One structural change, by path. */
export interface JsonChange {
  /** JSONPath-style: `$`, `$.data.items[2].price`, `$["odd key"]`. */
  path: string;
  /** The same path as segments (keys and array indexes), for a tree view. */
  segments: (string | number)[];
  kind: JsonChangeKind;
  /** Absent for `added`. */
  left?: unknown;
  /** Absent for `removed`. */
  right?: unknown;
  leftType?: JsonValueType;
  rightType?: JsonValueType;
}

/** An object whose keys (those on both sides) come in a different order. */
export interface KeyOrderChange {
  path: string;
  left: string[];
  right: string[];
}

/** How a JSON body is laid out, apart from its values. */
export interface JsonFormatting {
  /** `compact`, `2 spaces`, `4 spaces`, `tabs`, or `mixed`. */
  indent: string;
  /** A space after `:` (`"a": 1`). */
  spaceAfterColon: boolean;
  /** Bytes of whitespace outside strings. */
  whitespaceBytes: number;
  trailingNewline: boolean;
}

/** Both bodies parsed as JSON. Order and layout are reported apart from value changes. */
export interface JsonDiff {
  /** The same values (objects compared regardless of key order); only order or layout may differ. */
  valuesEqual: boolean;
  /** Value changes in document order; at most 500 (engine/diff/jsonDiff.ts). */
  changes: JsonChange[];
  /** More changes existed than are listed. */
  changesTruncated: boolean;
  keyOrderChanges: KeyOrderChange[];
  /** Whitespace outside strings differs (pretty-printed vs compact, a trailing newline…). */
  whitespaceChanged: boolean;
  /** With whitespace set aside, strings or numbers are written differently for equal values (`\u00e9` vs `é`, `1.0` vs `1`). */
  spellingChanged: boolean;
  formatting: { left: JsonFormatting; right: JsonFormatting };
}

/** A line diff of two text bodies (not both JSON). */
export interface TextDiff {
  /** A unified patch (`---`/`+++` headers named after the refs, `@@` hunks, 3 lines of context). */
  patch: string;
  addedLines: number;
  removedLines: number;
}

export type BodyKind = 'empty' | 'json' | 'text' | 'binary';

export interface BodyDiff {
  leftKind: BodyKind;
  rightKind: BodyKind;
  bytes: ByteDiff;
  /** When both bodies parse as JSON; else null. */
  json: JsonDiff | null;
  /** When both are text and not both JSON, and they differ; else null. */
  text: TextDiff | null;
  /** Why json or text is null where a reader might expect it (too deep, too large, too different to diff quickly). */
  note: string | null;
}

export interface TimingDiff {
  leftAt: number;
  rightAt: number;
  /** rightAt − leftAt in ms (negative: the right side came first). */
  gapMs: number;
  leftDurationMs: number | null;
  rightDurationMs: number | null;
}

export type ExplanationKind =
  /** Nothing differs that a signature covers. */
  | 'identical'
  | 'signature_missing'
  | 'body_reserialised'
  | 'body_values_changed'
  | 'body_bytes_changed'
  | 'body_truncated'
  | 'timestamp_changed'
  | 'id_changed'
  | 'different_secret'
  | 'stale_replay'
  | 'secret_mismatch'
  | 'request_line_changed'
  | 'headers_changed'
  | 'valid';

/** A sentence about the difference. `cause`: it breaks the signature; `note`: worth knowing, breaks nothing. */
export interface Explanation {
  kind: ExplanationKind;
  level: 'cause' | 'note';
  message: string;
}

export interface DiffResult {
  left: DiffSide;
  right: DiffSide;
  /** Method, path, headers (transport ones aside) and body bytes are all equal. */
  identical: boolean;
  methodChanged: boolean;
  pathChanged: boolean;
  headers: HeaderDiff;
  body: BodyDiff;
  timing: TimingDiff;
  /** Causes first, then notes. */
  explanations: Explanation[];
}

/** How `diff.explain` chose the request to compare with. */
export type CounterpartSource = 'given' | 'delivery_attempt' | 'earlier_valid_request';

export interface ExplainResult {
  requestId: string;
  /** The signature id the counterpart was found by (webhook-id, X-GitHub-Delivery, Stripe's body id…); null when `against` was given. */
  matchedId: string | null;
  source: CounterpartSource;
  /** The explained request's verdict. */
  verdict: Verdict | null;
  explanations: Explanation[];
  /** left = the counterpart (what was sent, or the earlier valid request), right = the explained request. */
  diff: DiffResult;
}
