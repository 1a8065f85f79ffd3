/** Where the workbench's receiver listens: Settings, unless the command line (or embedding program) says otherwise. */
import { receiverHostSchema, receiverPortSchema } from '../../api/receiverAddress';
import type { Settings } from '../../api/schemas';
import { DEFAULT_RECEIVER_HOST, DEFAULT_RECEIVER_PORT } from '../../api/receiverAddress';

/** Port and host given for this run (`--receiver-port`; tests), ahead of Settings. */
export interface ReceiverOverride {
  port?: number;
  host?: string;
}

export interface ListenAddress {
  port: number;
  host: string;
  /** Why a saved value was not used (one an older Hookbench accepted that is not a host or port). */
  note: string | null;
}

export function listenAddress(
  settings: Pick<Settings, 'receiverPort' | 'receiverHost'>,
  override: ReceiverOverride,
): ListenAddress {
  const notes: string[] = [];
  const port = override.port ?? saved(receiverPortSchema, settings.receiverPort, DEFAULT_RECEIVER_PORT, 'port', notes);
  const host = override.host ?? saved(receiverHostSchema, settings.receiverHost, DEFAULT_RECEIVER_HOST, 'host', notes);
  return { port, host, note: notes.length ? `${notes.join('; ')} — fix it in Settings → Receiver` : null };
}

/** The override in effect, as `receiver.status` reports it (null: Settings decide). */
export function overrideOf(override: ReceiverOverride): { port: number | null; host: string | null } | null {
  return override.port === undefined && override.host === undefined
    ? null
    : { port: override.port ?? null, host: override.host ?? null };
}

function saved<T>(
  schema: { safeParse(v: unknown): { success: boolean } },
  value: T,
  fallback: T,
  what: string,
  notes: string[],
): T {
  if (schema.safeParse(value).success) return value;
  notes.push(`the saved receiver ${what} ${JSON.stringify(value)} is not valid; using ${String(fallback)}`);
  return fallback;
}
