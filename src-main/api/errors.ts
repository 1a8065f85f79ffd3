/**
 * Typed errors shared by the engine and every face. Isomorphic: no Node-only imports.
 * An error is a value the caller can act on: a code, a readable message and the field.
 */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'unavailable',
  'forbidden',
  'too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status each code maps to on the REST face. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  forbidden: 403,
  too_large: 413,
  internal: 500,
};

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Further field errors when several fields failed at once. */
  issues?: { field: string; message: string }[];
}

export class HookbenchError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly issues?: { field: string; message: string }[];

  constructor(code: ErrorCode, message: string, field?: string, issues?: { field: string; message: string }[]) {
    super(message);
    this.name = 'HookbenchError';
    this.code = code;
    this.field = field;
    this.issues = issues;
  }

  toJSON(): ErrorShape {
    const out: ErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) out.field = this.field;
    if (this.issues?.length) out.issues = this.issues;
    return out;
  }

  static from(shape: ErrorShape): HookbenchError {
    return new HookbenchError(shape.code, shape.message, shape.field, shape.issues);
  }
}

export const validationError = (field: string, message: string) => new HookbenchError('validation', message, field);
export const notFound = (what: string, id: string, field = 'id') =>
  new HookbenchError('not_found', `${what} ${id} does not exist`, field);
export const conflict = (message: string, field?: string) => new HookbenchError('conflict', message, field);

export function isHookbenchError(e: unknown): e is HookbenchError {
  return e instanceof HookbenchError;
}

/** Any thrown value as a typed error shape (unknown errors become `internal`). */
export function toErrorShape(e: unknown): ErrorShape {
  if (e instanceof HookbenchError) return e.toJSON();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
