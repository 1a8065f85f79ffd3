import { Group, Text, Tooltip } from '@mantine/core';
import { CopyIconButton } from './CopyIconButton';

/** An id in monospace, shortened with the full value on hover, and a copy button. */
export function MonoId({ value, copy = true, max = 18 }: { value: string; copy?: boolean; max?: number }) {
  const short = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={value} disabled={short === value}>
        <Text span ff="monospace" fz={12} style={{ whiteSpace: 'nowrap' }}>
          {short}
        </Text>
      </Tooltip>
      {copy && <CopyIconButton value={value} label="Copy id" />}
    </Group>
  );
}
