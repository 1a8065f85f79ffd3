import { Code, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { CopyIconButton } from './CopyIconButton';

/** A read-only, pretty-printed JSON value under a title, with a copy button. */
export function JsonView({
  title,
  value,
  maxHeight = 480,
  extra,
}: {
  title: string;
  value: unknown;
  maxHeight?: number | string;
  /** Shown after the title (a badge). */
  extra?: React.ReactNode;
}) {
  const text = useMemo(() => JSON.stringify(value, null, 2), [value]);
  return (
    <section aria-label={title} style={{ minWidth: 0 }}>
      <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {title}
          </Text>
          {extra}
        </Group>
        <CopyIconButton value={text} label={`Copy ${title.toLowerCase()}`} />
      </Group>
      <div style={{ maxHeight, overflow: 'auto' }}>
        <Code block style={{ fontSize: 12, whiteSpace: 'pre' }}>
          {text}
        </Code>
      </div>
    </section>
  );
}
