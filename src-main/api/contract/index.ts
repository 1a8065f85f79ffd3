/**
 * The contract: every operation a person can perform, declared once. The IPC handlers, the
 * preload allowlist, the WebSocket router, the REST router, the OpenAPI document and the
 * renderer client are all derived from OPERATIONS. Isomorphic: zod and types only.
 */
import type { z } from 'zod';
import { catalogOperations } from './catalogs';
import { deliveryOperations } from './deliveries';
import { diffOperations } from './diff';
import { eventOperations } from './events';
import { inboxOperations } from './inboxes';
import { systemOperations } from './system';
import { webhookOperations } from './webhooks';
import { workspaceOperations } from './workspaces';

export const OPERATIONS = {
  ...workspaceOperations,
  ...webhookOperations,
  ...eventOperations,
  ...catalogOperations,
  ...deliveryOperations,
  ...inboxOperations,
  ...diffOperations,
  ...systemOperations,
};

export type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/** What a caller passes (defaults optional). */
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
/** What the Workbench receives (defaults filled, validated). */
export type OperationArgs<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationResult<N extends OperationName> = Operations[N]['result'];

/** The Workbench implements exactly this: one method per operation, named after it. */
export type OperationHandlers = {
  [N in OperationName]: (args: OperationArgs<N>) => OperationResult<N> | Promise<OperationResult<N>>;
};

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

export type { WebhookListItem } from './webhooks';
export type { EventTypeInfo } from './events';
export type { InboxWithUrl } from './inboxes';
export type { RecoverResult } from './deliveries';
export { PUSH_EVENTS, PUSH_EVENT_NAMES, type PushEventMap, type PushEventName } from './pushEvents';
