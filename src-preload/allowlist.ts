/**
 * What the preload lets the page ask for, derived from the contract (never a hand-kept list):
 * every operation of OPERATIONS and every push event of PUSH_EVENTS, nothing else.
 */
import { isOperationName, PUSH_EVENTS, type OperationName, type PushEventName } from '../src-main/api/contract';

export function isAllowedCall(op: unknown): op is OperationName {
  return isOperationName(op);
}

export function isAllowedEvent(name: unknown): name is PushEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(PUSH_EVENTS, name);
}
