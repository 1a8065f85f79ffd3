/**
 * The browser's bridge to the engine: one WebSocket to the web host, speaking the contract's
 * wire shapes (WsCall → WsServerMessage). Reconnects with backoff; calls made while the
 * socket is down wait for it (calls already sent when it drops fail with `unavailable`).
 */
import { HookbenchError } from '../../src-main/api/errors';
import type {
  OperationInput,
  OperationName,
  OperationResult,
  PushEventMap,
  PushEventName,
} from '../../src-main/api/contract';
import type { WsCall, WsServerMessage } from '../../src-main/api/transport';
import type { ConnectionListener, ConnectionState, HookbenchClient } from './clientTypes';

const BACKOFF_MS = [300, 700, 1500, 3000, 5000, 8000];
/** A call queued while disconnected gives up after this long. */
const QUEUED_CALL_TIMEOUT_MS = 30_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: HookbenchError) => void;
  message: WsCall;
  sent: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export function createWsClient(url: string, hasToken: boolean): HookbenchClient {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, Pending>();
  const listeners = new Map<PushEventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<ConnectionListener>();
  let state: ConnectionState = { status: 'connecting', attempt: 0, retryAt: null, error: null, epoch: 0, hasToken };

  const setState = (patch: Partial<ConnectionState>) => {
    state = { ...state, ...patch };
    for (const l of connectionListeners) l(state);
  };

  const send = (p: Pending) => {
    if (socket?.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(p.message));
    p.sent = true;
    if (p.timer) clearTimeout(p.timer);
  };

  const dispatchEvents = (events: { name: PushEventName; payload: unknown }[]) => {
    for (const e of events) {
      const set = listeners.get(e.name);
      if (!set) continue;
      for (const l of set) {
        try {
          l(e.payload);
        } catch (err) {
          console.error(`push listener for ${e.name} failed`, err);
        }
      }
    }
  };

  const onMessage = (raw: MessageEvent) => {
    let msg: WsServerMessage;
    try {
      msg = JSON.parse(String(raw.data)) as WsServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'result') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(HookbenchError.from(msg.error));
    } else if (msg.type === 'events') {
      dispatchEvents(msg.events as { name: PushEventName; payload: unknown }[]);
      // Events were lost: stores resync as after a reconnect.
      if (msg.dropped > 0) setState({ epoch: state.epoch + 1 });
    }
  };

  const connect = () => {
    clearTimeout(retryTimer);
    setState({ status: 'connecting', retryAt: null });
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState({ status: 'open', attempt: 0, error: null, epoch: state.epoch + 1 });
      for (const p of pending.values()) if (!p.sent) send(p);
    };
    ws.onmessage = onMessage;
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        if (!p.sent) continue;
        pending.delete(id);
        p.reject(
          new HookbenchError('unavailable', 'the connection to Hookbench was lost before it answered; try again'),
        );
      }
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
      attempt += 1;
      const reason = ev.reason || (ev.code === 1006 ? 'connection closed' : `closed (${ev.code})`);
      setState({ status: 'down', attempt, retryAt: Date.now() + delay, error: reason });
      retryTimer = setTimeout(connect, delay);
    };
  };

  connect();

  return {
    kind: 'web',
    call<N extends OperationName>(op: N, input?: OperationInput<N>): Promise<OperationResult<N>> {
      return new Promise<OperationResult<N>>((resolve, reject) => {
        const id = nextId++;
        const p: Pending = {
          resolve: resolve as (v: unknown) => void,
          reject,
          message: { type: 'call', id, op, input: input ?? {} },
          sent: false,
        };
        pending.set(id, p);
        if (socket?.readyState === WebSocket.OPEN) send(p);
        else {
          p.timer = setTimeout(() => {
            if (!pending.has(id) || p.sent) return;
            pending.delete(id);
            reject(new HookbenchError('unavailable', 'Hookbench is not reachable; the call was not sent'));
          }, QUEUED_CALL_TIMEOUT_MS);
        }
      });
    },
    on<K extends PushEventName>(name: K, listener: (payload: PushEventMap[K]) => void): () => void {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set!.delete(l);
    },
    connection: () => state,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    reconnectNow() {
      if (state.status === 'down') connect();
    },
  };
}
