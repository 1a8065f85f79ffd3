import { ActionIcon, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { IconKeyboard } from '@tabler/icons-react';
import { SHORTCUTS } from '../../shortcuts';

export function ShortcutsHelp({ opened, onChange }: { opened: boolean; onChange: (o: boolean) => void }) {
  // Opened with `?`, focus stays on the page, where the popover's own Escape handling does not
  // listen: Escape anywhere closes it, as the list says.
  useWindowEvent('keydown', (e) => {
    if (opened && e.key === 'Escape') onChange(false);
  });
  return (
    <Popover opened={opened} onChange={onChange} position="bottom-end" width={320} shadow="md">
      <Popover.Target>
        <Tooltip label="Keyboard shortcuts (?)">
          <ActionIcon variant="default" size="md" onClick={() => onChange(!opened)} aria-label="Keyboard shortcuts">
            <IconKeyboard size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={600} size="sm" mb="xs">
          Keyboard shortcuts
        </Text>
        <Stack gap={6}>
          {SHORTCUTS.map((s) => (
            <Group key={s.label} justify="space-between" wrap="nowrap">
              <Text size="sm">{s.label}</Text>
              <Group gap={4} wrap="nowrap">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (
                      <Text span size="xs" c="dimmed" mx={2}>
                        or
                      </Text>
                    )}
                    <kbd className="hb-kbd">{k}</kbd>
                  </span>
                ))}
              </Group>
            </Group>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
