/** Keyboard shortcuts: one list, used by the handler and by the help popover. */
import { PAGE_TITLES, PAGES, type PageKey } from '../src-main/api/pages';

export interface Shortcut {
  keys: string[];
  label: string;
}

/** `g <key>` sequences. */
export const GO_KEYS: Record<string, PageKey> = { d: 'dashboard', w: 'webhooks', f: 'fire', l: 'deliveries', r: 'receiver', a: 'alerts', s: 'settings' };

export { PAGE_TITLES };

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: Shortcut[] = [
  ...PAGES.map((page, i) => {
    const g = Object.entries(GO_KEYS).find(([, p]) => p === page)![0];
    return { keys: [`g ${g}`, `${MOD}+${i + 1}`], label: `Go to ${PAGE_TITLES[page]}` };
  }),
  { keys: [`${MOD}+K`, 'f'], label: 'Fire an event' },
  { keys: ['?'], label: 'Show these shortcuts' },
  { keys: ['Esc'], label: 'Close a drawer or dialog' },
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** Installs the handler; returns the uninstall. */
export function installShortcuts(actions: { go(page: PageKey): void; fire(): void; help(): void }): () => void {
  let pendingG = 0;
  const onKey = (e: KeyboardEvent) => {
    const mod = e.metaKey || e.ctrlKey;
    if (mod && !e.altKey && !e.shiftKey) {
      const n = Number(e.key);
      if (n >= 1 && n <= PAGES.length) {
        e.preventDefault();
        actions.go(PAGES[n - 1]!);
        return;
      }
      if (e.key.toLowerCase() === 'k') {
        e.preventDefault();
        actions.fire();
      }
      return;
    }
    if (mod || e.altKey || typing(e.target)) return;
    const key = e.key.toLowerCase();
    if (pendingG && Date.now() - pendingG < 1200) {
      pendingG = 0;
      const page = GO_KEYS[key];
      if (page) {
        e.preventDefault();
        actions.go(page);
      }
      return;
    }
    if (key === 'g') pendingG = Date.now();
    else if (key === 'f') {
      e.preventDefault();
      actions.fire();
    } else if (e.key === '?') actions.help();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
