import type { HookbenchBridge } from '../../src-main/api/transport';

export interface ConnectionState {
  status: 'connecting' | 'open' | 'down';
  /** Failed connection attempts in a row. */
  attempt: number;
  /** When the next reconnect is due (ms), while down. */
  retryAt: number | null;
  error: string | null;
  /** Bumped on every (re)connect and whenever pushed events were dropped: stores resync. */
  epoch: number;
  /** Whether the page was opened with an access token (web only). */
  hasToken: boolean;
}
export type ConnectionListener = (state: ConnectionState) => void;

/** The contract's bridge plus what the UI needs to show the connection. */
export interface HookbenchClient extends HookbenchBridge {
  connection(): ConnectionState;
  onConnection(listener: ConnectionListener): () => void;
  reconnectNow(): void;
}
