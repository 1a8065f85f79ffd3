/**
 * What an export is made of, read page by page with the list's own filters (keyset pages of
 * PAGE_SIZE, each a fresh statement: no iterator stays open across the writer's awaits).
 * Deliveries give one record per ATTEMPT; received requests one per request.
 *
 * Secrets are never read: deliveries and attempts hold what was sent (signatures, not keys),
 * and of the inboxes only the slug is joined; of the webhooks only the names of the headers
 * marked secret. Every record is redacted here, for every format: credential header values and
 * URL passwords become [redacted] (api/credentials.ts) — attempts are recorded that way, and
 * this also covers rows written before, headers marked secret since, and received requests.
 */
import { isUtf8 } from 'node:buffer';
import type { z } from 'zod';
import { redactHeaders, redactUrl } from '../../api/credentials';
import type { deliveryFiltersSchema, requestFiltersSchema } from '../../api/logSchemas';
import type { Attempt, Delivery } from '../../api/types';
import type { Db } from '../store/database';
import { toAttempt } from '../store/deliveriesRepo';
import { toStored, type Row as RequestRow, type StoredRequest } from '../store/requestsRepo';
import { searchDeliveries } from '../logs/deliverySearch';
import { searchRequests } from '../logs/requestSearch';
import { prepared } from '../logs/statementCache';

export const PAGE_SIZE = 500;

export interface AttemptRecord {
  delivery: Delivery;
  attempt: Attempt;
  /** The request body as sent: the event envelope. */
  body: string;
}

export interface RequestRecord {
  request: StoredRequest;
  /** The inbox's slug at export time; null when unrouted (or the inbox is gone). */
  slug: string | null;
  body: BodyText;
}

/** A body as text: UTF-8 when it is valid UTF-8, base64 otherwise. */
export interface BodyText {
  encoding: 'utf8' | 'base64';
  text: string;
  size: number;
}

export function bodyText(bytes: Buffer): BodyText {
  return isUtf8(bytes)
    ? { encoding: 'utf8', text: bytes.toString('utf8'), size: bytes.length }
    : { encoding: 'base64', text: bytes.toString('base64'), size: bytes.length };
}

/** Pages of attempt records, newest delivery first, each delivery's attempts in order. */
export function* attemptPages(
  db: Db,
  workspaceId: string,
  filters: z.output<typeof deliveryFiltersSchema>,
): Generator<AttemptRecord[]> {
  const attempts = prepared(db, 'SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number');
  const eventBody = prepared(db, 'SELECT body FROM events WHERE id = ?').pluck();
  const secretHeaders = secretHeadersOf(db);
  let cursor: string | undefined;
  // The deliveries of one event are usually neighbours: keep the last body.
  let lastEvent = { id: '', body: '' };
  do {
    const page = searchDeliveries(db, { ...filters, workspaceId, cursor, limit: PAGE_SIZE });
    const records: AttemptRecord[] = [];
    for (const delivery of page.items) {
      if (lastEvent.id !== delivery.eventId)
        lastEvent = { id: delivery.eventId, body: (eventBody.get(delivery.eventId) as string | undefined) ?? '' };
      for (const row of attempts.all(delivery.id) as Parameters<typeof toAttempt>[0][]) {
        records.push({
          delivery,
          attempt: redactedAttempt(toAttempt(row), secretHeaders(delivery.webhookId)),
          body: lastEvent.body,
        });
      }
    }
    yield records;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * Received requests, newest first, one at a time (a body may be 5 MiB): the list is paged and
 * each full row is read when its turn comes.
 */
export function* requestRecords(
  db: Db,
  workspaceId: string,
  filters: z.output<typeof requestFiltersSchema>,
): Generator<RequestRecord, void, undefined> {
  const full = prepared(db, 'SELECT * FROM requests WHERE id = ?');
  let cursor: string | undefined;
  do {
    const page = searchRequests(db, { ...filters, workspaceId, cursor, limit: PAGE_SIZE });
    for (const summary of page.items) {
      const row = full.get(summary.id) as RequestRow | undefined;
      if (!row) continue; // removed by retention meanwhile
      const request = redactedRequest(toStored(row));
      yield { request, slug: summary.slug, body: bodyText(request.body) };
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

function redactedAttempt(a: Attempt, secretHeaders: readonly string[]): Attempt {
  return {
    ...a,
    request: { ...a.request, url: redactUrl(a.request.url), headers: redactHeaders(a.request.headers, secretHeaders) },
  };
}

function redactedRequest(r: StoredRequest): StoredRequest {
  return {
    ...r,
    headers: redactHeaders(r.headers),
    forward: r.forward && { ...r.forward, url: redactUrl(r.forward.url) },
  };
}

/** The header names each webhook marks secret, read once per webhook per export (none for a deleted one). */
function secretHeadersOf(db: Db): (webhookId: string) => readonly string[] {
  const read = prepared(db, 'SELECT secret_headers FROM webhooks WHERE id = ?').pluck();
  const known = new Map<string, readonly string[]>();
  return (id) => {
    let names = known.get(id);
    if (!names) known.set(id, (names = JSON.parse((read.get(id) as string | undefined) ?? '[]') as string[]));
    return names;
  };
}

/** Case-insensitive header lookup in either header shape. */
export function headerValue(headers: Record<string, string> | [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.find(([k]) => k.toLowerCase() === lower)?.[1];
}
