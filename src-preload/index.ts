/**
 * window.hookbench: named capabilities over IPC, never ipcRenderer itself. `call` accepts only
 * the contract's operations, `on` only its push events (src-preload/allowlist.ts). Sandboxed:
 * bundled to one CommonJS file that requires nothing but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ErrorShape } from '../src-main/api/errors';
import type { PushBatch } from '../src-main/api/pushBatcher';
import { IPC_CALL, IPC_EVENTS, IPC_READY, type CallOutcome, type HookbenchBridge } from '../src-main/api/transport';
import { isAllowedCall, isAllowedEvent } from './allowlist';

/**
 * Rejections cross the context bridge as plain objects: it strips every custom property of an
 * Error (code, field, issues), so the renderer client turns this into a HookbenchError.
 */
type BridgeError = ErrorShape & { name: 'HookbenchError' };
const bridgeError = (shape: ErrorShape): BridgeError => ({ name: 'HookbenchError', ...shape });

async function call(op: unknown, input?: unknown): Promise<unknown> {
  if (!isAllowedCall(op)) throw bridgeError({ code: 'not_found', message: `unknown operation "${String(op)}"`, field: 'op' });
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

const bridge: HookbenchBridge = {
  kind: 'desktop',
  call: call as HookbenchBridge['call'],
  on: on as HookbenchBridge['on'],
};

contextBridge.exposeInMainWorld('hookbench', bridge);
