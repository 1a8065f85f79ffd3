/**
 * Checking signing test vectors (api/signingVectors.ts) against Hookbench's own verifier: does
 * each vector's expectation (valid, or invalid for a reason) match what the scheme concludes?
 */
import type { SigningVector, SigningVectorFile } from '../../api/signingVectors';
import { getScheme } from './registry';
import type { VerifyFailureReason } from './types';

export interface VectorVerdict {
  valid: boolean;
  reason: VerifyFailureReason | null;
}

export interface VectorCheck {
  name: string;
  scheme: string;
  expected: VectorVerdict;
  got: VectorVerdict & { message: string | null };
  /** The verifier concluded what the vector expects (valid, or invalid for the same reason). */
  pass: boolean;
}

export interface VectorFileCheck {
  total: number;
  passed: number;
  failed: number;
  results: VectorCheck[];
}

export function checkSigningVector(v: SigningVector): VectorCheck {
  const result = getScheme(v.scheme).verify({
    headers: v.headers,
    body: Buffer.from(v.body, 'utf8'),
    secrets: v.secrets,
    toleranceSec: v.toleranceSec,
    now: v.now,
  });
  const expected = { valid: v.valid, reason: v.valid ? null : (v.reason ?? null) };
  const got = result.valid
    ? { valid: true, reason: null, message: null }
    : { valid: false, reason: result.reason, message: result.message };
  return {
    name: v.name,
    scheme: v.scheme,
    expected,
    got,
    pass: expected.valid === got.valid && expected.reason === got.reason,
  };
}

export function checkSigningVectors(file: SigningVectorFile): VectorFileCheck {
  const results = file.vectors.map(checkSigningVector);
  const passed = results.filter((r) => r.pass).length;
  return { total: results.length, passed, failed: results.length - passed, results };
}
