import { diffCompareSchema, diffExplainSchema } from '../diffSchemas';
import type { DiffResult, ExplainResult } from '../diffTypes';
import { op, returns } from './define';

export const diffOperations = {
  'diff.compare': op({
    input: diffCompareSchema,
    result: returns<DiffResult>(),
    rest: { method: 'GET', path: '/diff' },
    summary:
      'Compare two received requests and/or delivery attempts (req_…, dlv_… = latest attempt, dlv_…#2): headers, body as bytes / JSON / text, timing, and what the differences imply for a signature',
    mutates: false,
  }),
  'diff.explain': op({
    input: diffExplainSchema,
    result: returns<ExplainResult>(),
    rest: { method: 'GET', path: '/requests/{requestId}/explain' },
    summary:
      "Explain a request's verdict by comparing it with the delivery attempt that sent it or an earlier valid request with the same message id (or with `against`); 404 when there is none",
    mutates: false,
  }),
};
