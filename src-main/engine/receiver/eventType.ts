/** A received request's event type from its headers and raw body (the rule: api/requestEventType.ts). */
import { requestEventType } from '../../api/requestEventType';
import type { SchemeName } from '../../api/schemes';
import { headerValue } from '../signing/headers';
import type { HeaderMap } from '../signing/types';

export function eventTypeOf(scheme: SchemeName | null, headers: HeaderMap, body: Buffer): string | null {
  return requestEventType(
    scheme,
    (name) => headerValue(headers, name),
    () => jsonType(body),
  );
}

/** The `type` string of a JSON object body, if any. */
export function jsonType(body: Buffer): string | undefined {
  if (!/^\s*\{/.test(body.subarray(0, 64).toString('latin1'))) return undefined; // not a JSON object: no parse
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const type = parsed && typeof parsed === 'object' ? (parsed as { type?: unknown }).type : undefined;
    return typeof type === 'string' && type !== '' ? type : undefined;
  } catch {
    return undefined;
  }
}
