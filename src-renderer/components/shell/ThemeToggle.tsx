import { ActionIcon, Tooltip, useMantineColorScheme } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';

const NEXT = { light: 'dark', dark: 'auto', auto: 'light' } as const;
const LABEL = { light: 'Light theme', dark: 'Dark theme', auto: 'System theme' } as const;

/** Cycles light → dark → system; the choice is the `theme` setting. */
export function ThemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const Icon = colorScheme === 'light' ? IconSun : colorScheme === 'dark' ? IconMoon : IconDeviceDesktop;
  return (
    <Tooltip label={`${LABEL[colorScheme]} (click for ${LABEL[NEXT[colorScheme]].toLowerCase()})`}>
      <ActionIcon
        variant="default"
        size="md"
        onClick={() => setColorScheme(NEXT[colorScheme])}
        aria-label="Toggle theme"
      >
        <Icon size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
