import { HookbenchError } from './errors';
import {
  isOperationName,
  OPERATIONS,
  type OperationHandlers,
  type OperationName,
  type OperationResult,
} from './contract';
import { assertInputDepth } from './jsonDepth';
import { parseInput } from './schemas';

/**
 * The one entry every transport uses: checks the name against the contract, validates the
 * input with the operation's schema (a typed `validation` error naming the field, nothing
 * written), then calls the handler named after the operation.
 */
export async function dispatch<N extends OperationName>(
  handlers: OperationHandlers,
  name: N | string,
  input: unknown,
): Promise<OperationResult<N>> {
  if (!isOperationName(name)) throw new HookbenchError('not_found', `unknown operation "${String(name)}"`, 'op');
  assertInputDepth(input); // before anything that recurses (zod, JSON.stringify in the engine)
  const args = parseInput(OPERATIONS[name].input, input);
  const handler = handlers[name] as (a: unknown) => unknown;
  return (await handler.call(handlers, args)) as OperationResult<N>;
}
