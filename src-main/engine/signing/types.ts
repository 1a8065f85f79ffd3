import type { SchemeName } from '../../api/schemas';

/** Header map as sent or received. Keys are matched case-insensitively by verify. */
export type HeaderMap = Record<string, string | string[] | undefined>;

export interface SignInput {
  /** Message / delivery id (the event id); sent in the scheme's id header where it has one. */
  id: string;
  /** Unix seconds. */
  timestamp: number;
  /** Event type, sent in the scheme's event/topic header where it has one. */
  eventType: string;
  /** The exact bytes that will be sent. */
  body: Buffer;
  /** Active secrets, newest first. Schemes that allow several signatures sign with each. */
  secrets: string[];
}

export type { VerifyFailureReason } from '../../api/schemas';
import type { VerifyFailureReason } from '../../api/schemas';

export interface VerifyInput {
  headers: HeaderMap;
  body: Buffer;
  /** Secrets to try (rotation). */
  secrets: string[];
  /** Timestamp tolerance in seconds, past and future. Default 300. */
  toleranceSec?: number;
  /** Unix seconds "now" (for tests and the CLI's --now). Default: the clock. */
  now?: number;
}

export type VerifyResult =
  | {
      valid: true;
      scheme: SchemeName;
      /** Index into `secrets` of the secret that matched (-1 for `none`). */
      secretIndex: number;
      /** The header that carried the signature. */
      header?: string;
      /** Message id from the headers, when the scheme carries one (dedupe key). */
      id?: string;
      timestamp?: number;
      skewSec?: number;
    }
  | {
      valid: false;
      scheme: SchemeName;
      reason: VerifyFailureReason;
      /** A sentence a person can read: "timestamp 412 s old, tolerance 300 s". */
      message: string;
      header?: string;
      /** Signatures computed with each secret (for bad_signature), in the scheme's encoding. */
      expected?: string[];
      /** Signatures found in the request. */
      received?: string[];
      id?: string;
      timestamp?: number;
      /** now - timestamp, seconds (positive = in the past). */
      skewSec?: number;
    };

/** How one scheme signs and verifies; what it is (headers, rotation, secret format) is its entry in api/schemes.ts. */
export interface SigningScheme {
  name: SchemeName;
  /** Headers to add to the request. Deterministic for the same input. */
  sign(input: SignInput): Record<string, string>;
  verify(input: VerifyInput): VerifyResult;
  /** True when the headers look like this scheme's (used by `auto`). */
  detect(headers: HeaderMap): boolean;
  /** Throws a field error (`secret`) when the secret cannot be used by this scheme. */
  checkSecret(secret: string): void;
  /** A fresh secret in this scheme's format. */
  generateSecret(): string;
}
