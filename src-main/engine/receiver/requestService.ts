/** Received requests: list, detail, replay, retention. */
import type { Agent } from 'undici';
import { notFound } from '../../api/errors';
import {
  replayEditedSchema,
  replaySchema,
  requestListSchema,
  type ReplayEditedInput,
  type ReplayInput,
  type RequestListInput,
} from '../../api/receiverSchemas';
import type {
  EditedReplayResult,
  ReceivedRequest,
  ReceivedRequestSummary,
  ReplayResult,
} from '../../api/receiverTypes';
import type { DeliveryDetail } from '../../api/types';
import { idSchema, parseInput } from '../../api/schemas';
import type { StoredRequest } from '../store/requestsRepo';
import type { Store } from '../store/store';
import { replayRequest } from './replay';
import { originOfAttempt, originOfRequest, replayEdited, type ArrivalFinder } from './replayEdits';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class RequestService {
  constructor(
    private readonly store: Store,
    private readonly agent: () => Agent,
  ) {}

  /** Newest first; page with `before` = the last id of the previous page. */
  list(input: RequestListInput = {}): ReceivedRequestSummary[] {
    return this.store.requests.list(parseInput(requestListSchema, input));
  }

  get(id: string): ReceivedRequest {
    return this.detail(this.require(id));
  }

  /** Re-sends a stored request to `url`: `replay(id, url)` or `replay({ id, url, timeoutSec })`. */
  replay(input: ReplayInput): Promise<ReplayResult>;
  replay(id: string, url: string, opts?: { timeoutSec?: number }): Promise<ReplayResult>;
  async replay(
    idOrInput: string | ReplayInput,
    url?: string,
    opts: { timeoutSec?: number } = {},
  ): Promise<ReplayResult> {
    const p = parseInput(replaySchema, typeof idOrInput === 'string' ? { id: idOrInput, url, ...opts } : idOrInput);
    return replayRequest(this.require(p.id), p.url, p.timeoutSec * 1000, this.agent());
  }

  /**
   * Sends a received request, or a delivery's attempt (read with `delivery`), again with edits
   * and an optional fresh signature; every field is checked before anything is sent.
   */
  async replayEdited(
    input: ReplayEditedInput,
    delivery: (id: string) => DeliveryDetail,
    arrival: ArrivalFinder = async () => null,
  ): Promise<EditedReplayResult> {
    const p = parseInput(replayEditedSchema, input);
    const origin =
      p.source.kind === 'request'
        ? originOfRequest(this.require(p.source.id))
        : originOfAttempt(delivery(p.source.deliveryId), p.source.attempt);
    return replayEdited(p, origin, this.agent(), arrival);
  }

  /** Retention: removes requests received before `cutoffMs`. */
  deleteOlderThan(cutoffMs: number): number {
    return this.store.requests.deleteOlderThan(cutoffMs);
  }

  private require(id: string): StoredRequest {
    const stored = this.store.requests.get(parseInput(idSchema, id));
    if (!stored) throw notFound('request', id);
    return stored;
  }

  private detail(s: StoredRequest): ReceivedRequest {
    const { body, ...rest } = s;
    let bodyText: string | null;
    try {
      bodyText = utf8.decode(body);
    } catch {
      bodyText = null;
    }
    const slug = s.inboxId ? (this.store.inboxes.get(s.inboxId)?.slug ?? null) : null;
    return { ...rest, slug, bodyBase64: body.toString('base64'), bodyText };
  }
}
