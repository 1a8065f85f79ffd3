import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RestRoute {
  method: HttpMethod;
  /** Under /api/v1; `{name}` segments fill the input field of that name. */
  path: string;
}

/** One operation: its input schema, its result type (phantom) and, where it has one, its REST route. */
export interface OperationDef<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  /** Never read at run time: carries the result type. */
  result: R;
  rest?: RestRoute;
  summary: string;
  /** Changes stored data (the web host refuses it without the token like everything else; used for docs). */
  mutates: boolean;
}

/** Declares the result type without a value. */
export const returns = <R>() => undefined as unknown as R;

export function op<I extends z.ZodType, R>(def: OperationDef<I, R>): OperationDef<I, R> {
  return def;
}

export const emptyInput = z.strictObject({}).default({});
export const byId = z.strictObject({ id: z.string().min(1, 'id is required').max(100) });
