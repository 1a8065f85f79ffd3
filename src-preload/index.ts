/**
 * window.hookbench: named capabilities over IPC, never ipcRenderer itself. `call` accepts only
 * the contract's operations, `on` only its push events (src-preload/allowlist.ts). Sandboxed:
 * bundled to one CommonJS file that requires nothing but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ErrorShape } from '../src-main/api/errors';
import type { PushBatch } from '../src-main/api/pushBatcher';
import {
  IPC_CALL,
  IPC_EVENTS,
  IPC_READY,
  type CallOutcome,
  type DesktopBridge,
  type DesktopCommand,
  type HookbenchBridge,
} from '../src-main/api/transport';
import { DESKTOP_COMMANDS, IPC_COMMAND, IPC_NAVIGATE, IPC_SAVE_EXPORT } from '../src-main/desktop/channels';
import { isAllowedCall, isAllowedEvent } from './allowlist';

/**
 * Rejections cross the context bridge as plain objects: it strips every custom property of an
 * Error (code, field, issues), so the renderer client turns this into a HookbenchError.
 */
type BridgeError = ErrorShape & { name: 'HookbenchError' };
const bridgeError = (shape: ErrorShape): BridgeError => ({ name: 'HookbenchError', ...shape });

async function call(op: unknown, input?: unknown): Promise<unknown> {
  if (!isAllowedCall(op))
    throw bridgeError({ code: 'not_found', message: `unknown operation "${String(op)}"`, field: 'op' });
  let outcome: CallOutcome;
  try {
    outcome = (await ipcRenderer.invoke(IPC_CALL, op, input)) as CallOutcome;
  } catch (e) {
    // Input that cannot be cloned, or the main process went away.
    throw bridgeError({ code: 'internal', message: e instanceof Error ? e.message : String(e) });
  }
  if (outcome.ok) return outcome.result;
  throw bridgeError(outcome.error);
}

// One entry object per subscription: the same function subscribed twice is two subscriptions.
const subscribers = new Map<string, Set<{ listener: (payload: unknown) => void }>>();
let readySent = false;

// One listener for every push event; the Electron event object (it carries `sender`) stays here.
ipcRenderer.on(IPC_EVENTS, (_event, batch: PushBatch) => {
  if (!batch || !Array.isArray(batch.events)) return;
  for (const { name, payload } of batch.events) {
    for (const { listener } of subscribers.get(name) ?? []) {
      try {
        listener(payload);
      } catch (e) {
        console.error(`hookbench: a "${name}" listener failed`, e);
      }
    }
  }
});

function on(name: unknown, listener: unknown): () => void {
  if (!isAllowedEvent(name)) throw new Error(`unknown push event "${String(name)}"`);
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const entry = { listener: listener as (payload: unknown) => void };
  let set = subscribers.get(name);
  if (!set) subscribers.set(name, (set = new Set()));
  set.add(entry);
  // Main holds pushes until the page listens; the first subscription says so (once per page).
  if (!readySent) {
    readySent = true;
    ipcRenderer.send(IPC_READY);
  }
  return () => {
    set.delete(entry);
  };
}

// Menu and notification clicks: only in-app hash routes; the newest one waits for a subscriber.
const navigateListeners = new Set<(hash: string) => void>();
let pendingRoute: string | null = null;
ipcRenderer.on(IPC_NAVIGATE, (_event, hash: unknown) => {
  if (typeof hash !== 'string' || !hash.startsWith('#/')) return;
  if (navigateListeners.size === 0) pendingRoute = hash;
  for (const l of navigateListeners) l(hash);
});
const commandListeners = new Set<(command: DesktopCommand) => void>();
ipcRenderer.on(IPC_COMMAND, (_event, command: unknown) => {
  if (!(DESKTOP_COMMANDS as readonly unknown[]).includes(command)) return;
  for (const l of commandListeners) l(command as DesktopCommand);
});

const desktop: DesktopBridge = {
  onNavigate(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    navigateListeners.add(listener);
    if (pendingRoute) {
      const route = pendingRoute;
      pendingRoute = null;
      listener(route);
    }
    return () => void navigateListeners.delete(listener);
  },
  onCommand(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    commandListeners.add(listener);
    return () => void commandListeners.delete(listener);
  },
  async saveExport(input) {
    const outcome = (await ipcRenderer.invoke(IPC_SAVE_EXPORT, input)) as CallOutcome;
    if (outcome.ok) return outcome.result as Awaited<ReturnType<DesktopBridge['saveExport']>>;
    throw bridgeError(outcome.error);
  },
};

const bridge: HookbenchBridge = {
  kind: 'desktop',
  call: call as HookbenchBridge['call'],
  on: on as HookbenchBridge['on'],
  desktop,
};

contextBridge.exposeInMainWorld('hookbench', bridge);
