import { create } from 'zustand';
import type { PushEventMap } from '../../src-main/api/contract';

type Progress = PushEventMap['export.progress'];

/** Progress of running exports (the desktop's save-dialog export), from `export.progress` pushes. */
interface ExportsState {
  latest: Progress | null;
  progress(p: Progress): void;
  clear(): void;
}

export const useExports = create<ExportsState>((set) => ({
  latest: null,
  progress: (p) => set({ latest: p }),
  clear: () => set({ latest: null }),
}));
