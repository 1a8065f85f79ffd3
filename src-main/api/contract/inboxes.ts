import { z } from 'zod';
import { requestQuerySchema } from '../logSchemas';
import type { Page } from '../logTypes';
import { inboxCreateSchema, inboxUpdateSchema, replayEditedSchema, replaySchema } from '../receiverSchemas';
import type {
  EditedReplayResult,
  Inbox,
  ReceivedRequest,
  ReceivedRequestSummary,
  ReceiverStatus,
  ReplayResult,
} from '../receiverTypes';
import { idSchema } from '../schemas';
import { byId, emptyInput, op, returns } from './define';

/** An inbox with the URL senders post to. */
export interface InboxWithUrl extends Inbox {
  url: string | null;
}

export const inboxOperations = {
  'inboxes.list': op({
    input: z.strictObject({ workspaceId: idSchema.optional() }),
    result: returns<InboxWithUrl[]>(),
    rest: { method: 'GET', path: '/inboxes' },
    summary: 'List inboxes with their URLs',
    mutates: false,
  }),
  'inboxes.get': op({
    input: byId,
    result: returns<InboxWithUrl>(),
    rest: { method: 'GET', path: '/inboxes/{id}' },
    summary: 'Read an inbox',
    mutates: false,
  }),
  'inboxes.create': op({
    input: inboxCreateSchema,
    result: returns<InboxWithUrl>(),
    rest: { method: 'POST', path: '/inboxes' },
    summary: 'Create an inbox',
    mutates: true,
  }),
  'inboxes.update': op({
    input: inboxUpdateSchema,
    result: returns<InboxWithUrl>(),
    rest: { method: 'PATCH', path: '/inboxes/{id}' },
    summary: 'Change an inbox (scheme, secrets, response rule, forward-to)',
    mutates: true,
  }),
  'inboxes.delete': op({
    input: byId,
    result: returns<{ deleted: true }>(),
    rest: { method: 'DELETE', path: '/inboxes/{id}' },
    summary: 'Delete an inbox and its requests',
    mutates: true,
  }),
  'inboxes.requests': op({
    input: requestQuerySchema.omit({ inboxId: true }).extend({ id: idSchema }).strict(),
    result: returns<Page<ReceivedRequestSummary>>(),
    rest: { method: 'GET', path: '/inboxes/{id}/requests' },
    summary: 'Requests received by one inbox, newest first',
    mutates: false,
  }),
  'requests.list': op({
    input: requestQuerySchema.strict(),
    result: returns<Page<ReceivedRequestSummary>>(),
    rest: { method: 'GET', path: '/requests' },
    summary: 'Search received requests (filters, free text, cursor paging)',
    mutates: false,
  }),
  'requests.get': op({
    input: byId,
    result: returns<ReceivedRequest>(),
    rest: { method: 'GET', path: '/requests/{id}' },
    summary: 'A received request with headers, body bytes and verdict',
    mutates: false,
  }),
  'requests.replay': op({
    input: replaySchema,
    result: returns<ReplayResult>(),
    rest: { method: 'POST', path: '/requests/{id}/replay' },
    summary: 'Re-send a received request to any URL',
    mutates: true,
  }),
  'requests.replayEdited': op({
    input: replayEditedSchema,
    result: returns<EditedReplayResult>(),
    rest: { method: 'POST', path: '/replays' },
    summary:
      'Send a received request or a delivery attempt again with edits (method, URL, headers, body), keeping its signature or signing afresh; returns the request as sent and the response',
    mutates: true,
  }),
  'receiver.status': op({
    input: emptyInput,
    result: returns<ReceiverStatus & { error: string | null }>(),
    rest: { method: 'GET', path: '/receiver' },
    summary: 'Whether the local receiver is listening, and where',
    mutates: false,
  }),
};
