/**
 * Compare mode: pick one delivery attempt or received request, then another (on any page), and
 * the two open side by side with their diff (`diff.compare`).
 */
import { create } from 'zustand';

export interface CompareSubject {
  /** `req_…`, `dlv_…` (latest attempt) or `dlv_…#N`. */
  ref: string;
  /** What the person sees: `user.created · dlv_01…`, `POST /in/orders · req_01…`. */
  label: string;
}

interface CompareState {
  picked: CompareSubject | null;
  open: { left: CompareSubject; right: CompareSubject } | null;
  pick(s: CompareSubject): void;
  clear(): void;
  show(left: CompareSubject, right: CompareSubject): void;
  close(): void;
}

export const useCompare = create<CompareState>((set) => ({
  picked: null,
  open: null,
  pick: (s) => set({ picked: s }),
  clear: () => set({ picked: null }),
  show: (left, right) => set({ open: { left, right }, picked: null }),
  close: () => set({ open: null }),
}));
