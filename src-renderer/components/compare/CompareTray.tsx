import { Affix, Button, Group, Paper, Text } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useCompare } from '../../stores/compare';

/** While one side is picked: what it is, and how to go on (shown on every page). */
export function CompareTray() {
  const picked = useCompare((s) => s.picked);
  const clear = useCompare((s) => s.clear);
  if (!picked) return null;
  return (
    <Affix position={{ bottom: 16, left: 16 }} zIndex={300}>
      <Paper withBorder shadow="md" radius="md" px="sm" py={6} role="status" aria-label="Compare">
        <Group gap="xs" wrap="nowrap">
          <IconArrowsDiff size={16} />
          <Text size="sm">
            Comparing{' '}
            <Text span ff="monospace" fz={12}>
              {picked.label}
            </Text>{' '}
            — open another delivery or request and press “Compare with…”
          </Text>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={clear}>
            Cancel
          </Button>
        </Group>
      </Paper>
    </Affix>
  );
}
