/**
 * The keyboard shortcuts as a list, derived from the page table (src-main/api/pages.ts): the help
 * popover shows it and shortcuts.ts answers it. Pure (no DOM), so Node tests read it.
 */
import { PAGE_TABLE, PAGE_TITLES, pageDigit, PAGES, type PageKey } from '../src-main/api/pages';

export interface Shortcut {
  keys: string[];
  label: string;
}

const platform = (globalThis as { navigator?: { platform?: string } }).navigator?.platform ?? '';
export const MOD = /Mac|iPhone|iPad/.test(platform) ? '⌘' : 'Ctrl';

/** A page's keys: `g <goKey>`, and Ctrl/⌘+<digit> for the first nine pages. */
export function pageShortcut(page: PageKey, mod = MOD): Shortcut {
  const digit = pageDigit(page);
  const keys = [`g ${PAGE_TABLE[page].goKey}`, ...(digit !== null ? [`${mod}+${digit}`] : [])];
  return { keys, label: `Go to ${PAGE_TITLES[page]}` };
}

export function shortcutList(mod = MOD): Shortcut[] {
  return [
    ...PAGES.map((page) => pageShortcut(page, mod)),
    { keys: [`${mod}+K`, 'f'], label: 'Fire an event' },
    { keys: ['?'], label: 'Show these shortcuts' },
    { keys: ['Esc'], label: 'Close a drawer, dialog or this list' },
  ];
}

export const SHORTCUTS: Shortcut[] = shortcutList();
