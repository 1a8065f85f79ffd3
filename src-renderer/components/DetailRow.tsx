import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled line of a drawer's header (Delivery, Event, Received, …): a dim label of fixed width, then the value. */
export function DetailRow({ label, labelWidth, children }: { label: string; labelWidth: number; children: ReactNode }) {
  return (
    <Group gap="xs">
      <Text size="xs" c="dimmed" w={labelWidth}>
        {label}
      </Text>
      {children}
    </Group>
  );
}
