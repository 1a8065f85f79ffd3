/** The first-run guide's progress (kept across page changes until dismissed). */
import { create } from 'zustand';
import type { Inbox } from '../../src-main/api/receiverTypes';
import type { Webhook } from '../../src-main/api/types';

interface GuideState {
  /** Shown while the workspace is empty, and until dismissed once started. */
  started: boolean;
  dismissed: boolean;
  inbox: Inbox | null;
  webhook: Webhook | null;
  deliveryId: string | null;
  set(patch: Partial<Omit<GuideState, 'set'>>): void;
}

export const useGuide = create<GuideState>((set) => ({
  started: false,
  dismissed: false,
  inbox: null,
  webhook: null,
  deliveryId: null,
  set: (patch) => set(patch),
}));
