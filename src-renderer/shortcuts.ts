/** The keyboard shortcut handler; the list it answers (and the help shows) is shortcutList.ts. */
import { PAGE_TITLES, pageOfDigit, pageOfGoKey, type PageKey } from '../src-main/api/pages';

export { MOD, SHORTCUTS, type Shortcut } from './shortcutList';
export { PAGE_TITLES };

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
      const byDigit = /^[1-9]$/.test(e.key) ? pageOfDigit(Number(e.key)) : null;
      if (byDigit) {
        e.preventDefault();
        actions.go(byDigit);
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
      const page = pageOfGoKey(key);
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
