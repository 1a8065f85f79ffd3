/** Where the local receiver listens: the one definition of a valid host and port. Isomorphic (zod only). */
import { z } from 'zod';

/** Where the receiver listens unless Settings or a command line say otherwise. */
export const DEFAULT_RECEIVER_PORT = 8787;
export const DEFAULT_RECEIVER_HOST = '127.0.0.1';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** A host name or IPv4 address (dot-separated labels), or an IPv6 literal without brackets (two colons at least: `host:port` is refused). */
const HOST_PATTERN = new RegExp(
  `^(?:${LABEL}(?:\\.${LABEL})*\\.?|[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?)$`,
);

export const receiverHostSchema = z
  .string()
  .trim()
  .max(253, 'a host is at most 253 characters')
  .regex(
    HOST_PATTERN,
    'the host must be an IP address (127.0.0.1, 0.0.0.0, ::1) or a host name of this machine (localhost) — no spaces, ports or slashes',
  );

export const receiverPortSchema = z
  .number({ error: 'the port must be a whole number from 0 to 65535 (0 picks any free port)' })
  .int('the port must be a whole number from 0 to 65535 (0 picks any free port)')
  .min(0, 'the port must be a whole number from 0 to 65535 (0 picks any free port)')
  .max(65535, 'the port must be a whole number from 0 to 65535 (0 picks any free port)');
