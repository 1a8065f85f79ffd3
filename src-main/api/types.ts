/** Result shapes shared by the engine and every face. Isomorphic: types only. */
import type { DeliveryStatus, ErrorClass, RetryPolicy, SchemeName } from './schemas';

export interface Workspace {
  id: string;
  name: string;
  createdAt: number;
}

export interface Webhook {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  /** The target, userinfo (`user:password@`) included: sealed at rest, redacted in attempts and exports. */
  url: string;
  subscriptions: string[];
  enabled: boolean;
  scheme: SchemeName;
  secret: string;
  /** The secret before the last rotation, still signed with until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
  /** Extra headers, credential values included (sealed at rest, redacted in attempts and exports). */
  headers: Record<string, string>;
  /** Header names (lower case) the user marks secret, beside the built-in CREDENTIAL_HEADERS (api/credentials.ts). */
  secretHeaders: string[];
  timeoutSec: number;
  retryPolicy: RetryPolicy;
  consecutiveFailures: number;
  /** When the current failure streak began (null while the webhook succeeds). */
  failingSince: number | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** An event type a workspace can fire: a catalog entry or one of its custom types. */
export interface EventTypeInfo {
  type: string;
  category: string;
  description: string;
  sample: Record<string, unknown>;
  custom: boolean;
}

export interface EventEnvelope {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export interface Delivery {
  id: string;
  workspaceId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

export type AttemptTrigger = 'scheduled' | 'retry_now' | 'test';

export interface Attempt {
  id: number;
  deliveryId: string;
  number: number;
  trigger: AttemptTrigger;
  scheduledAt: number;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  request: { method: string; url: string; headers: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: string; truncated: boolean } | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
}

export interface DeliveryDetail extends Delivery {
  /** The request body exactly as sent (the event envelope). */
  body: string;
  attempts: Attempt[];
}

export type AlertKind = 'failing' | 'disabled';

export interface Alert {
  id: string;
  workspaceId: string;
  webhookId: string | null;
  kind: AlertKind;
  consecutiveFailures: number;
  message: string;
  read: boolean;
  createdAt: number;
}
