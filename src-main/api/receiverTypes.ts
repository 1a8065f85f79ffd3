/** Result shapes of the local receiver, shared by the engine and every face. Isomorphic: types only. */
import type { CatalogId, SchemaIssue, SchemaVerdict, SchemaVerdictStatus } from './catalogTypes';
import type { SchemeName, VerifyFailureReason } from './schemas';

/** A signing scheme, or `auto`: detected per request from its headers. */
export type InboxScheme = SchemeName | 'auto';

/** What an inbox answers. Failures (fail-first-N, failure percentage) answer `failStatus`. */
export interface ResponseRule {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Wait this long before answering. */
  delayMs: number;
  /** Chance (0–100) that a request is answered with `failStatus`. */
  failurePercent: number;
  /** The first N requests after the rule is set are answered with `failStatus`. */
  failFirst: number;
  failStatus: number;
}

/** How an inbox answers a request whose signature does not verify. */
export interface RejectInvalid {
  /** 400–599; 401 by default. */
  status: number;
}

/** Requests whose event type matches one of `events` are forwarded to `url` (routes are checked in order). */
export interface ForwardRoute {
  /** Event-type patterns, as webhook subscriptions: `payment_intent.succeeded`, `customer.*`, `*`. */
  events: string[];
  url: string;
}

export interface Inbox {
  id: string;
  workspaceId: string;
  /** Requests to `/in/<slug>` (and below) arrive here. */
  slug: string;
  name: string;
  scheme: InboxScheme;
  /** Every active secret; verification tries each (rotation). */
  secrets: string[];
  toleranceSec: number;
  responseRule: ResponseRule;
  /** Each request is re-sent here; the caller still gets the rule's response. */
  forwardTo: string | null;
  /** Per event type: the first route whose pattern matches the request's event type wins; otherwise `forwardTo`. */
  forwardRoutes: ForwardRoute[];
  /**
   * Answer requests whose signature is invalid (or missing) with this status instead of the
   * rule, as a real handler does; they are logged but not forwarded. Null: the rule answers
   * every request. Never applies to scheme `none`.
   */
  rejectInvalid: RejectInvalid | null;
  /** The catalog every request is checked against (a schema verdict beside the signature's); null: not checked. */
  catalog: CatalogId | null;
  /** Requests counted against `responseRule.failFirst` since the rule was last set. */
  failFirstSeen: number;
  createdAt: number;
  updatedAt: number;
}

/** Why a request is not valid: a verification failure, or a body cut at the size limit (not verified). */
export type VerdictReason = VerifyFailureReason | 'body_truncated';

/** The signature check of one received request. */
export interface Verdict {
  valid: boolean;
  /** The inbox's setting at arrival. */
  configuredScheme: InboxScheme;
  /** The scheme that verified: the configured one, or the detected one under `auto` (`none` when nothing was detected). */
  scheme: SchemeName;
  reason?: VerdictReason;
  /** A sentence a person can read. */
  message?: string;
  header?: string;
  /** Signatures computed with each secret (bad_signature). */
  expected?: string[];
  /** Signatures found in the request. */
  received?: string[];
  timestamp?: number;
  /** now − timestamp in seconds (positive = in the past). */
  skewSec?: number;
  /** Index into the inbox's secrets of the one that matched (−1 for scheme none). */
  secretIndex?: number;
  /** Message id from the headers. */
  id?: string;
}

/** What the forward target answered (or why it could not be reached). */
export interface ForwardResult {
  url: string;
  /** The request's event type as the forward saw it (header or body `type`); absent on records from before routes. */
  eventType?: string | null;
  /** The route pattern that chose `url`; null: the inbox's forward-to. */
  matched?: string | null;
  /** True while the forward is still under way. */
  pending?: boolean;
  status: number | null;
  headers: Record<string, string> | null;
  /** Response body as text, cut at 10 KB. */
  body: string | null;
  truncated: boolean;
  durationMs: number | null;
  error: string | null;
}

/** The result of re-sending a stored request to some URL. */
export interface ReplayResult {
  url: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  truncated: boolean;
  durationMs: number;
  error: string | null;
}

/** What a replay with edits starts from: a received request, or one attempt of a delivery. */
export type ReplaySource = { kind: 'request'; id: string } | { kind: 'attempt'; deliveryId: string; attempt: number };

/** A request exactly as it went out. */
export interface SentRequest {
  method: string;
  url: string;
  /** [name, value] in the order sent (what the new hop computes, such as Host and Content-Length, is not listed). */
  headers: [string, string][];
  bodyBase64: string;
  /** The body as text when it is valid UTF-8. */
  bodyText: string | null;
}

/** How a replay with edits was signed: the headers as given, or signed afresh (names of the headers set). */
export type ReplaySigning =
  | { mode: 'keep' }
  | { mode: 'resign'; scheme: SchemeName; id: string; timestamp: number; eventType: string; headers: string[] };

/** The result of a replay with edits: the request as sent beside what came back. */
export interface EditedReplayResult {
  source: ReplaySource;
  sentAt: number;
  request: SentRequest;
  signing: ReplaySigning;
  /** The answer (status, headers, body cut at 10 KB, duration), or why there was none (`error`). */
  response: ReplayResult;
  /** When sent to one of this receiver's own inboxes: the request it stored (to diff with the original), else null. */
  arrivedRequestId: string | null;
}

/**
 * How a request carried its message id: in an id header (webhook-id, X-GitHub-Delivery, …), or
 * in the body of a request whose signature verified (Stripe, which sends no id header).
 */
export type DedupeVia = 'header' | 'body';
export interface DedupeId {
  key: string;
  /** Null: claimed by an unverified body. */
  via: DedupeVia | null;
}

/** A request's schema verdict as the feed shows it; the request's detail has every issue. */
export interface SchemaVerdictBrief {
  catalog: CatalogId;
  type: string | null;
  status: SchemaVerdictStatus;
  issueCount: number;
  /** The first issue (null when there is none), for a one-line reason. */
  firstIssue: SchemaIssue | null;
}

/** A request's schema verdict in its detail: every issue, beside the brief's fields (a detail is a summary too). */
export interface SchemaVerdictDetail extends SchemaVerdict, SchemaVerdictBrief {}

export interface ReceivedRequestSummary {
  id: string;
  workspaceId: string;
  /** Null for unrouted requests (a path that is no inbox). */
  inboxId: string | null;
  slug: string | null;
  method: string;
  path: string;
  /** The query string without `?`; empty when there was none. */
  query: string;
  receivedAt: number;
  durationMs: number;
  /** Bytes stored (at most the body limit). */
  bodySize: number;
  /** The body went over the size limit (answered 413). */
  bodyTruncated: boolean;
  /** Null when the client went away before an answer. */
  responseStatus: number | null;
  /** Null when not verified (unrouted). */
  valid: boolean | null;
  reason: VerdictReason | null;
  duplicate: boolean;
  /** `schemaVerdict.status`, the field the feed's schema filter reads; null: not checked. */
  schemaStatus: SchemaVerdictStatus | null;
  /** Null when not checked: the inbox is bound to no catalog, the body was cut, or the request is unrouted. */
  schemaVerdict: SchemaVerdictBrief | null;
}

export interface ReceivedRequest extends ReceivedRequestSummary {
  /** [name as sent, value] in arrival order; at most the receiver's kept count. */
  headers: [string, string][];
  /** How many headers arrived (more than `headers` holds when they were cut). */
  headerCount: number;
  /** More headers arrived than the receiver keeps; the rest are not stored. */
  headersTruncated: boolean;
  /** Bytes of body received before the answer: over `bodySize` when the body was cut (413). */
  receivedSize: number;
  /** The body bytes exactly as received. */
  bodyBase64: string;
  /** The body as text when it is valid UTF-8. */
  bodyText: string | null;
  remoteAddress: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  verdict: Verdict | null;
  /** The contract check against the inbox's catalog, every issue with its path, expected and found. */
  schemaVerdict: SchemaVerdictDetail | null;
  /** The message id the request carries (used for duplicate detection and to find what to compare it with). */
  dedupeKey: string | null;
  /**
   * How that id was carried; a duplicate is an id seen before carried the same way. Null with a
   * key: the id is in a body whose signature did not verify — not one the provider is known to
   * have sent, so it is never a duplicate.
   */
  dedupeVia: DedupeVia | null;
  forward: ForwardResult | null;
}

export interface ReceiverStatus {
  listening: boolean;
  url: string | null;
  /** The port actually bound (a random one when 0 was asked for). */
  port: number | null;
  host: string | null;
  /**
   * Set when the command line (`--receiver-port`) or the embedding program chose the port or
   * host for this run instead of Settings; Settings then apply on a start without it.
   */
  overridden?: { port: number | null; host: string | null } | null;
}
