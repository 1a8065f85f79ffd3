import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';

/**
 * Flips what is on screen: light ↔ dark. (A three-way cycle through "system" has a click that
 * changes nothing visible, whichever order it takes.) "System" is in Settings → Appearance.
 */
export function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const shown = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const next = shown === 'dark' ? 'light' : 'dark';
  const Icon = shown === 'dark' ? IconMoon : IconSun;
  return (
    <Tooltip label={`Switch to the ${next} theme (Settings → Appearance can follow the system)`}>
      <ActionIcon
        variant="default"
        size="md"
        onClick={() => setColorScheme(next)}
        aria-label={`Switch to the ${next} theme`}
      >
        <Icon size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
