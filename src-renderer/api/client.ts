/**
 * The renderer's only way to the engine. On desktop the preload exposes `window.hookbench`
 * (IPC); in a browser we speak the same contract over the web host's WebSocket.
 */
import { HookbenchError, type ErrorShape } from '../../src-main/api/errors';
import type { HookbenchBridge } from '../../src-main/api/transport';
import { WS_PATH } from '../../src-main/api/transport';
import type { ConnectionState, HookbenchClient } from './clientTypes';
import { createWsClient } from './wsBridge';

declare global {
  interface Window {
    hookbench?: HookbenchBridge;
  }
}

const TOKEN_KEY = 'hookbench.token';

/** The web host's per-launch token: from `?token=` on the page URL, kept for reloads of this tab. */
export function accessToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      /* storage disabled: the URL still carries it */
    }
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function wsUrl(token: string | null): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${proto}//${window.location.host}${WS_PATH}${query}`;
}

/** IPC loses the error's class: rebuild the typed error from its shape. */
function asTypedError(e: unknown): unknown {
  if (e instanceof HookbenchError) return e;
  const shape = e as Partial<ErrorShape> | null;
  if (shape && typeof shape === 'object' && typeof shape.code === 'string' && typeof shape.message === 'string') {
    return HookbenchError.from(shape as ErrorShape);
  }
  return e;
}

function wrapDesktop(bridge: HookbenchBridge): HookbenchClient {
  const state: ConnectionState = { status: 'open', attempt: 0, retryAt: null, error: null, epoch: 1, hasToken: true };
  return {
    kind: 'desktop',
    // Menu commands, navigation from notifications, the native save dialog.
    desktop: bridge.desktop,
    call: (op, input) => bridge.call(op, input).catch((e: unknown) => Promise.reject(asTypedError(e))),
    on: (name, listener) => bridge.on(name, listener),
    connection: () => state,
    onConnection: () => () => undefined,
    reconnectNow: () => undefined,
  };
}

export function createClient(): HookbenchClient {
  if (window.hookbench) return wrapDesktop(window.hookbench);
  const token = accessToken();
  return createWsClient(wsUrl(token), token !== null);
}

/** The one client of this window. */
export const client: HookbenchClient = createClient();
