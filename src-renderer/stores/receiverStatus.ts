import { create } from 'zustand';
import type { PushEventMap } from '../../src-main/api/contract';
import { client } from '../api/client';
import { errorText } from '../api/errorText';

type Status = PushEventMap['receiver.status'];

interface ReceiverStatusState {
  status: Status | null;
  error: string | null;
  load(): Promise<void>;
  set(status: Status): void;
}

export const useReceiverStatus = create<ReceiverStatusState>((set) => ({
  status: null,
  error: null,
  async load() {
    try {
      set({ status: await client.call('receiver.status', {}), error: null });
    } catch (e) {
      set({ error: errorText(e) });
    }
  },
  set(status) {
    set({ status });
  },
}));
