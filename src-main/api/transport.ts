/**
 * Wire shapes shared by the transports (IPC, WebSocket) and the renderer client.
 * Isomorphic: types and constants only.
 */
import type { ErrorShape } from './errors';
import type { OperationInput, OperationName, OperationResult, PushEventMap, PushEventName } from './contract';
import type { ExportInput } from './logSchemas';
import type { ExportResult } from './logTypes';

/** Outcome of one call, as carried over IPC and WebSocket (thrown errors lose their fields there). */
export type CallOutcome<R = unknown> = { ok: true; result: R } | { ok: false; error: ErrorShape };

export interface PushEnvelope<K extends PushEventName = PushEventName> {
  name: K;
  payload: PushEventMap[K];
}

/** Client → server over the WebSocket. */
export interface WsCall {
  type: 'call';
  id: number;
  op: string;
  input: unknown;
}

/** Server → client over the WebSocket. */
export type WsServerMessage =
  | ({ type: 'result'; id: number } & CallOutcome)
  | { type: 'events'; events: PushEnvelope[]; dropped: number }
  | { type: 'hello'; version: string };

export const WS_PATH = '/api/v1/ws';
export const REST_PREFIX = '/api/v1';

/** IPC channel names (Electron). */
export const IPC_CALL = 'hookbench:call';
export const IPC_EVENTS = 'hookbench:events';
export const IPC_READY = 'hookbench:ready';

/** Push batching: at most ~10 flushes a second, at most this many events per flush. */
export const PUSH_FLUSH_MS = 100;
export const PUSH_MAX_PER_FLUSH = 500;

/** What the preload exposes as `window.hookbench` (and what the WebSocket client implements). */
export interface HookbenchBridge {
  call<N extends OperationName>(op: N, input?: OperationInput<N>): Promise<OperationResult<N>>;
  on<K extends PushEventName>(name: K, listener: (payload: PushEventMap[K]) => void): () => void;
  /** 'desktop' over IPC, 'web' over the WebSocket. */
  readonly kind: 'desktop' | 'web';
  /** Desktop only: menu, notification and native-dialog hooks. */
  readonly desktop?: DesktopBridge;
}

export type DesktopCommand = 'export' | 'shortcuts';

/** What the desktop app adds to the bridge (src-main/desktop/channels.ts carries it). */
export interface DesktopBridge {
  /** Menu / notification clicks: an in-app hash route such as '#/webhooks/wh_1'. */
  onNavigate(listener: (hash: string) => void): () => void;
  /** Menu commands the page carries out: 'export' (current page, current filters), 'shortcuts'. */
  onCommand(listener: (command: DesktopCommand) => void): () => void;
  /** Native save dialog in main, which writes the chosen file (progress via 'export.progress'); null = cancelled. The renderer never names a path. */
  saveExport(input: ExportInput): Promise<ExportResult | null>;
}
