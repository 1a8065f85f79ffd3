import { EventEmitter } from 'node:events';
import type { PushEventMap } from '../api/contract/pushEvents';

/**
 * The one map of engine events is the contract's push-event map: what the engine emits is
 * exactly what the faces forward (batched) to whoever listens.
 */
export type EngineEventMap = PushEventMap;

export type EngineEventName = keyof EngineEventMap;

export class EventBus<M extends object = EngineEventMap> {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  on<K extends keyof M & string>(name: K, listener: (payload: M[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Lets callers skip building a payload nobody will read. */
  has(name: keyof M & string): boolean {
    return this.emitter.listenerCount(name) > 0;
  }

  emit<K extends keyof M & string>(name: K, payload: M[K]): void {
    this.emitter.emit(name, payload);
  }
}
