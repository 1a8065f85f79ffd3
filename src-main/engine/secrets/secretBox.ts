/**
 * Secrets at rest: a SecretBox seals a secret before the store writes it and opens it after the
 * store reads it. Sealed values describe themselves (`enc:v1:<kind>:<base64>`), so a value
 * sealed by another backend is recognised and named, never mistaken for a secret.
 */
import { HookbenchError } from '../../api/errors';

export interface SecretBox {
  /** Which backend sealed a value: `file` (key file), `keychain` (the desktop's OS keychain), … */
  readonly kind: string;
  seal(plain: string): string;
  /** Opens a value this box sealed; a value it cannot open is a clear HookbenchError, never garbage. */
  open(sealed: string): string;
  /**
   * Called when a store opens a database that holds no sealed value yet (a new database, or one
   * from before secrets were sealed): the key-file box creates its key here, and only here.
   */
  init?(): void;
  /** Other kinds this box can open; the store re-seals such values with this box's kind when it opens (see readingAlso). */
  readonly alsoOpens?: readonly string[];
}

export const SEALED_PREFIX = 'enc:v1:';
const KIND = /^[a-z][a-z0-9-]*$/;

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** The backend a sealed value names (`file`, `keychain`, …), or null when it is not sealed. */
export function sealedKindOf(value: string): string | null {
  if (!isSealed(value)) return null;
  const end = value.indexOf(':', SEALED_PREFIX.length);
  return end === -1 ? null : value.slice(SEALED_PREFIX.length, end);
}

export function sealedValue(kind: string, payload: Uint8Array): string {
  if (!KIND.test(kind)) throw new Error(`secret box kind must be lower-case letters, digits and dashes, got "${kind}"`);
  return `${SEALED_PREFIX}${kind}:${Buffer.from(payload).toString('base64')}`;
}

/** The payload of a value sealed by `kind`; a value of another kind, or no sealed value at all, is refused. */
export function sealedPayload(value: string, kind: string): Buffer {
  const found = sealedKindOf(value);
  if (found === null) throw new HookbenchError('internal', 'expected a sealed secret, got a value that is not sealed');
  if (found !== kind) throw kindMismatch(found, kind);
  return Buffer.from(value.slice(SEALED_PREFIX.length + kind.length + 1), 'base64');
}

/**
 * Seals with `primary` and opens values sealed by any of `readers` too: how a database moves
 * from one backend to another (the desktop's keychain to the key file, say) without losing a secret.
 */
export function readingAlso(primary: SecretBox, readers: readonly SecretBox[]): SecretBox {
  const others = readers.filter((r) => r.kind !== primary.kind);
  if (others.length === 0) return primary;
  const byKind = new Map([primary, ...others].map((b) => [b.kind, b]));
  return {
    kind: primary.kind,
    alsoOpens: others.map((r) => r.kind),
    seal: (plain) => primary.seal(plain),
    open(sealed) {
      const kind = sealedKindOf(sealed);
      const box = kind === null ? undefined : byKind.get(kind);
      if (!box) throw kindMismatch(kind ?? 'unknown', primary.kind);
      return box.open(sealed);
    },
    init: primary.init && (() => primary.init!()),
  };
}

/** Reads a stored secret: sealed values are opened; a plain one (written by an older Hookbench) passes as is. */
export function openStored(box: SecretBox, value: string): string {
  return isSealed(value) ? box.open(value) : value;
}

const WHERE_KINDS_LIVE: Record<string, string> = {
  file: 'the key file hookbench.key beside hookbench.db (the web host, the CLI, or the desktop app where no OS keychain is available)',
  keychain: 'the OS keychain of the machine and user account that ran the Hookbench desktop app',
};

/** A sealed value from another backend than the one this process uses. */
export function kindMismatch(found: string, expected: string): HookbenchError {
  const where = WHERE_KINDS_LIVE[found] ?? `a secret store named "${found}" that this Hookbench does not know`;
  const hint =
    found === 'file'
      ? 'Restore hookbench.key from your backup into the data directory (beside hookbench.db) and start again.'
      : found === 'keychain'
        ? 'Open it in the Hookbench desktop app on that machine; to move or share it, start the desktop app there once with ' +
          'HOOKBENCH_SECRET_STORE=keyfile, which re-seals the secrets with hookbench.key, then copy the data directory with that file.'
        : 'Upgrade Hookbench, or open the data directory with the Hookbench that wrote it.';
  return new HookbenchError(
    'unavailable',
    `secrets in this database were sealed with ${where}, but this Hookbench seals with "${expected}"; they cannot be read here. ${hint}`,
  );
}
