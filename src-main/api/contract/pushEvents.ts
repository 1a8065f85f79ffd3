import type { Inbox, ReceivedRequestSummary, ReceiverStatus } from '../receiverTypes';
import type { Alert, Attempt, Delivery, Webhook } from '../types';

/** Every event pushed to the faces, declared once. Payloads are what the engine's bus emits. */
export interface PushEventMap {
  'delivery.updated': Delivery;
  'attempt.recorded': Attempt;
  'alert.raised': Alert;
  'webhook.changed': { webhook: Webhook | null; id: string; deleted: boolean };
  'request.received': ReceivedRequestSummary;
  'inbox.changed': { inbox: Inbox | null; id: string; deleted: boolean };
  'receiver.status': ReceiverStatus & { error: string | null };
  'export.progress': { exportId: string; rows: number; done: boolean };
  /** `deliveryIds`: the deliveries queued since the previous progress event. */
  'recover.progress': { recoverId: string; queued: number; skipped: number; done: boolean; deliveryIds: string[] };
}

export type PushEventName = keyof PushEventMap;

/** The names as a runtime list (a Record so that a missing name fails to compile). */
export const PUSH_EVENTS: Record<PushEventName, { summary: string }> = {
  'delivery.updated': { summary: 'A delivery changed status' },
  'attempt.recorded': { summary: 'An attempt finished' },
  'alert.raised': { summary: 'A webhook failed repeatedly or was disabled' },
  'webhook.changed': { summary: 'A webhook was created, changed or deleted' },
  'request.received': { summary: 'The receiver stored a request' },
  'inbox.changed': { summary: 'An inbox was created, changed or deleted' },
  'receiver.status': { summary: 'The receiver started, stopped or failed to bind' },
  'export.progress': { summary: 'Rows written by a running export' },
  'recover.progress': { summary: 'Failed deliveries queued again by a running recover' },
};
export const PUSH_EVENT_NAMES = Object.keys(PUSH_EVENTS) as PushEventName[];
