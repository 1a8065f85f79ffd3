/**
 * Mantine's color scheme follows the `theme` setting (light / dark / system). A copy in
 * localStorage paints the first frame in the right scheme before the settings arrive.
 */
import type { MantineColorScheme, MantineColorSchemeManager } from '@mantine/core';
import type { Settings } from '../../src-main/api/schemas';
import { useSettings } from '../stores/settings';

const CACHE_KEY = 'hookbench.colorScheme';

const toMantine = (theme: Settings['theme']): MantineColorScheme => (theme === 'system' ? 'auto' : theme);
const toSetting = (scheme: MantineColorScheme): Settings['theme'] => (scheme === 'auto' ? 'system' : scheme);

function cache(value: MantineColorScheme): void {
  try {
    localStorage.setItem(CACHE_KEY, value);
  } catch {
    /* first paint may use the default */
  }
}

export function settingsColorSchemeManager(): MantineColorSchemeManager {
  let unsubscribe: (() => void) | null = null;
  return {
    get(defaultValue) {
      const fromSettings = useSettings.getState().settings?.theme;
      if (fromSettings) return toMantine(fromSettings);
      try {
        const cached = localStorage.getItem(CACHE_KEY);
        if (cached === 'light' || cached === 'dark' || cached === 'auto') return cached;
      } catch {
        /* fall through */
      }
      return defaultValue;
    },
    set(value) {
      cache(value);
      const current = useSettings.getState().settings?.theme;
      if (current !== undefined && current !== toSetting(value)) {
        void useSettings
          .getState()
          .update({ theme: toSetting(value) })
          .catch(() => undefined);
      }
    },
    subscribe(onUpdate) {
      unsubscribe = useSettings.subscribe((s, prev) => {
        const theme = s.settings?.theme;
        if (theme && theme !== prev.settings?.theme) {
          cache(toMantine(theme));
          onUpdate(toMantine(theme));
        }
      });
    },
    unsubscribe() {
      unsubscribe?.();
      unsubscribe = null;
    },
    clear() {
      try {
        localStorage.removeItem(CACHE_KEY);
      } catch {
        /* nothing cached */
      }
    },
  };
}
