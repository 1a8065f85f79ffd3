/** The webhook form's editable state and its conversion to contract input. */
import { normalizeHeaderNames } from '../../../src-main/api/credentials';
import type { SchemeName } from '../../../src-main/api/schemas';
import type { Webhook } from '../../../src-main/api/types';
import { headerRowsOf, headersOf, type HeaderRows } from '../../components/HeadersEditor';
import { numberOf } from '../../components/numberText';
import { retryDraftOf, retryPolicyOf, type RetryDraft } from '../../components/RetryPolicyField';

export interface WebhookDraft {
  name: string;
  description: string;
  url: string;
  subscriptions: string[];
  enabled: boolean;
  scheme: SchemeName;
  /** Empty on create: the engine generates one. */
  secret: string;
  headers: HeaderRows;
  /** Header names marked secret (lower case), beside the built-in credential names. */
  secretHeaders: string[];
  timeoutSec: number | string;
  retry: RetryDraft;
}

export function emptyDraft(defaultRetry?: Webhook['retryPolicy']): WebhookDraft {
  return {
    name: '',
    description: '',
    url: '',
    subscriptions: ['*'],
    enabled: true,
    scheme: 'standard',
    secret: '',
    headers: [],
    secretHeaders: [],
    timeoutSec: 30,
    retry: retryDraftOf(defaultRetry),
  };
}

export function draftOf(w: Webhook): WebhookDraft {
  return {
    name: w.name,
    description: w.description,
    url: w.url,
    subscriptions: w.subscriptions,
    enabled: w.enabled,
    scheme: w.scheme,
    secret: w.secret,
    headers: headerRowsOf(w.headers),
    secretHeaders: w.secretHeaders,
    timeoutSec: w.timeoutSec,
    retry: retryDraftOf(w.retryPolicy),
  };
}

/** Input for webhooks.create / webhooks.update. Values go as typed so the contract names bad fields. */
export function inputOf(d: WebhookDraft) {
  return {
    name: d.name.trim() || undefined,
    description: d.description,
    url: d.url,
    subscriptions: d.subscriptions,
    enabled: d.enabled,
    scheme: d.scheme,
    secret: d.secret.trim() || undefined,
    headers: headersOf(d.headers),
    // Only names of headers still in the list: a removed header's mark goes with it.
    secretHeaders: normalizeHeaderNames(d.secretHeaders).filter((n) =>
      d.headers.some(([h]) => h.trim().toLowerCase() === n),
    ),
    timeoutSec: numberOf(d.timeoutSec),
    retryPolicy: retryPolicyOf(d.retry),
  };
}
